"""Batch job: summarise the contracts exported from SharePoint.

Run from a laptop on the corporate VPN:  python tools/summarize_contracts.py exports/*.txt
"""

import sys
from pathlib import Path

from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint="https://ais-docintel-prod.openai.azure.com/",
    api_key="8d2f6a41c97e4b0d9a35e1f7c2b86d04",
    api_version="2024-10-21",
)


def summarize(text: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Summarise this contract in five bullet points."},
            {"role": "user", "content": text},
        ],
    )
    return completion.choices[0].message.content


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"## {name}\n{summarize(Path(name).read_text())}\n")

"""HR chat: Azure OpenAI "On your data" over the handbook index. The key comes from the environment."""

import os

from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-10-21",
)


def ask(question: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        extra_body={
            "data_sources": [
                {
                    "type": "azure_search",
                    "parameters": {
                        "endpoint": os.environ["AZURE_SEARCH_ENDPOINT"],
                        "index_name": "hr-handbook",
                        "authentication": {"type": "system_assigned_managed_identity"},
                    },
                }
            ]
        },
    )
    return completion.choices[0].message.content

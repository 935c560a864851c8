"""Chat endpoint: retrieve from AI Search, answer with Azure OpenAI (managed identity)."""

import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from azure.search.documents import SearchClient
from fastapi import FastAPI
from openai import AzureOpenAI

credential = DefaultAzureCredential()
token_provider = get_bearer_token_provider(credential, "https://cognitiveservices.azure.com/.default")

client = AzureOpenAI(
    azure_endpoint="https://oai-contoso-rag.openai.azure.com/",
    azure_ad_token_provider=token_provider,
    api_version="2024-10-21",
)
search = SearchClient(
    endpoint="https://srch-contoso-rag.search.windows.net",
    index_name="contracts",
    credential=credential,
)

app = FastAPI()


@app.post("/chat")
def chat(question: str) -> dict:
    hits = search.search(question, top=5)
    context = "\n".join(h["content"] for h in hits)
    answer = client.chat.completions.create(
        model=os.environ.get("AZURE_OPENAI_DEPLOYMENT", "gpt-4o"),
        messages=[
            {"role": "system", "content": "Answer only from the contracts below.\n" + context},
            {"role": "user", "content": question},
        ],
    )
    return {"answer": answer.choices[0].message.content}

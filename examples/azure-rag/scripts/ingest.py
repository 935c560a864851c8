"""One-off script to embed the contracts. Somebody pasted the account key to "make it work"."""

from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint="https://oai-contoso-rag.openai.azure.com/",
    api_key="4f7c2a9e1b3d4c6a8e0f2b4d6c8a1e3f",
    api_version="2024-10-21",
)


def embed(texts: list[str]) -> list[list[float]]:
    result = client.embeddings.create(model="text-embedding-3-large", input=texts)
    return [d.embedding for d in result.data]

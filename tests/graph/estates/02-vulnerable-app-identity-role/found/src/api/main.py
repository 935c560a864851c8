"""Claims assistant API: Azure OpenAI "On your data" over the claims index, with the app's managed identity."""

import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from fastapi import FastAPI
from langchain.chains import LLMMathChain
from langchain.chat_models import AzureChatOpenAI

token_provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")

llm = AzureChatOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment="gpt-4o",
    azure_ad_token_provider=token_provider,
    openai_api_version="2024-10-21",
)
# Reserve calculations ("what is 15% of the claimed amount") go through numexpr.
math_chain = LLMMathChain.from_llm(llm)

app = FastAPI()


@app.post("/reserve")
def reserve(question: str) -> dict:
    return {"answer": math_chain.run(question)}

"""Support chat. Key and endpoint come from the App Service app settings."""

import os

from fastapi import FastAPI
from langchain.chat_models import AzureChatOpenAI
from langchain.schema import HumanMessage, SystemMessage

llm = AzureChatOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment=os.environ["AZURE_OPENAI_DEPLOYMENT"],
    openai_api_key=os.environ["AZURE_OPENAI_API_KEY"],
    openai_api_version="2024-10-21",
)

app = FastAPI()


@app.post("/ask")
def ask(question: str) -> dict:
    answer = llm([SystemMessage(content="You are Contoso's support assistant."), HumanMessage(content=question)])
    return {"answer": answer.content}

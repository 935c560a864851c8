"""HR chat: answers a question with RetrieveAndGenerate over the HR handbook knowledge base."""

import json
import os

import boto3

rag = boto3.client("bedrock-agent-runtime")
MODEL_ARN = "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"


def main(event, context):
    question = json.loads(event.get("body") or "{}").get("question", "")
    answer = rag.retrieve_and_generate(
        input={"text": question},
        retrieveAndGenerateConfiguration={
            "type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": {"knowledgeBaseId": os.environ["KNOWLEDGE_BASE_ID"], "modelArn": MODEL_ARN},
        },
    )
    return {"statusCode": 200, "body": json.dumps({"answer": answer["output"]["text"]})}

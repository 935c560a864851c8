"""Claims intake: forwards a question from the public function URL to the claims agent."""

import json
import os
import uuid

import boto3
from langchain.prompts import PromptTemplate

agents = boto3.client("bedrock-agent-runtime")
question_template = PromptTemplate.from_template("A customer asks about their claim: {question}")


def main(event, context):
    question = json.loads(event.get("body") or "{}").get("question", "")
    response = agents.invoke_agent(
        agentId=os.environ["AGENT_ID"],
        agentAliasId=os.environ["AGENT_ALIAS_ID"],
        sessionId=str(uuid.uuid4()),
        inputText=question_template.format(question=question),
    )
    answer = "".join(part["chunk"]["bytes"].decode() for part in response["completion"] if "chunk" in part)
    return {"statusCode": 200, "body": json.dumps({"answer": answer})}

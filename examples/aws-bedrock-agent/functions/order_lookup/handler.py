"""Order lookup: the Bedrock agent's action group executor, and the web chat's endpoint (function URL).

Called by the agent with `get_order(order_id)`, it reads the order export from S3; called over
the function URL with `{"question": ...}`, it forwards the question to the agent.
"""

import json
import os
import uuid

import boto3

s3 = boto3.client("s3")
agents = boto3.client("bedrock-agent-runtime")


def _order(order_id: str) -> dict:
    obj = s3.get_object(Bucket=os.environ["ORDERS_BUCKET"], Key=f"orders/{order_id}.json")
    return json.loads(obj["Body"].read())


def _action_group(event: dict) -> dict:
    params = {p["name"]: p["value"] for p in event.get("parameters", [])}
    body = json.dumps(_order(params["order_id"]))
    return {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": event["actionGroup"],
            "function": event["function"],
            "functionResponse": {"responseBody": {"TEXT": {"body": body}}},
        },
    }


def _chat(event: dict) -> dict:
    question = json.loads(event.get("body") or "{}").get("question", "")
    response = agents.invoke_agent(
        agentId=os.environ["AGENT_ID"],
        agentAliasId=os.environ["AGENT_ALIAS_ID"],
        sessionId=event.get("headers", {}).get("x-session-id") or str(uuid.uuid4()),
        inputText=question,
    )
    answer = "".join(part["chunk"]["bytes"].decode() for part in response["completion"] if "chunk" in part)
    return {"statusCode": 200, "body": json.dumps({"answer": answer})}


def main(event, context):
    if "actionGroup" in event:
        return _action_group(event)
    return _chat(event)

"""`data "aws_iam_policy_document"` renders the policy JSON Terraform would, so a role whose policy
comes from one gets the same IAM edges as one with the literal document."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from aispm.model import Unknown
from aispm.providers.aws.terraform.policy_document import attributes, render
from aispm.scan import scan

ROLE_WITH_DOCUMENT = """\
resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_bedrockagent_agent" "a" {
  agent_name              = "helper"
  agent_resource_role_arn = aws_iam_role.r.arn
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "Answer questions about the company handbook for employees."
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "access" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.docs.arn}/*"]
  }
  statement {
    sid       = "Invoke"
    actions   = ["bedrock:InvokeAgent"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["s3:GetObject", "bedrock:InvokeAgent"]
    not_resources = [aws_s3_bucket.docs.arn]
  }
}

resource "aws_iam_role" "r" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "p" {
  name   = "access"
  role   = aws_iam_role.r.id
  policy = data.aws_iam_policy_document.access.json
}
"""

ROLE_WITH_LITERAL = """\
resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_bedrockagent_agent" "a" {
  agent_name              = "helper"
  agent_resource_role_arn = aws_iam_role.r.arn
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "Answer questions about the company handbook for employees."
}

resource "aws_iam_role" "r" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "p" {
  name = "access"
  role = aws_iam_role.r.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.docs.arn}/*" },
      { Sid = "Invoke", Effect = "Allow", Action = "bedrock:InvokeAgent", Resource = "*",
        Condition = { StringEquals = { "aws:RequestedRegion" = "eu-west-1" } } },
      { Effect = "Deny", NotAction = ["s3:GetObject", "bedrock:InvokeAgent"], NotResource = aws_s3_bucket.docs.arn },
    ]
  })
}
"""


def _scan(tmp_path: Path, name: str, hcl: str):
    d = tmp_path / name
    d.mkdir()
    (d / "main.tf").write_text(hcl)
    r = scan([d])
    assert r.errors == [], r.errors
    return r


def _edges(r) -> set[tuple]:
    addr = {a.uid: a.origin.address for a in r.assets}
    return {(addr[x.source], x.verb, addr[x.target], tuple((k, v) for k, v in x.properties if k != "resources"))
            for x in r.relations if x.source in addr and x.target in addr}


def test_a_role_gets_the_same_edges_from_a_policy_document_as_from_literal_json(tmp_path: Path):
    doc = _scan(tmp_path, "doc", ROLE_WITH_DOCUMENT)
    lit = _scan(tmp_path, "lit", ROLE_WITH_LITERAL)
    edges = _edges(doc)
    assert edges == _edges(lit)
    has_role = {(s, t) for s, v, t, _ in edges if v == "has_role_on"}
    assert has_role == {("aws_iam_role.r", "aws_s3_bucket.docs"), ("aws_iam_role.r", "aws_bedrockagent_agent.a")}
    # the conditional grant stays conditional (data access unknown: the path is possible)
    invoke = next(p for s, v, t, p in edges if v == "has_role_on" and t == "aws_bedrockagent_agent.a")
    assert ("conditional", True) in invoke and ("data_access", None) in invoke
    # the trust policy is a fact of the role, the same either way
    role = next(a for a in doc.assets if a.origin.address == "aws_iam_role.r")
    role_lit = next(a for a in lit.assets if a.origin.address == "aws_iam_role.r")
    assert role.facts["trusted_services"] == role_lit.facts["trusted_services"] == ["lambda.amazonaws.com"]


def _body(hcl: str, tmp_path: Path) -> dict:
    """The evaluated body of the first data block (through the engine, as a row sees it)."""
    from aispm.iac.terraform.source import TerraformSource
    from aispm.source import SourceContext

    (tmp_path / "main.tf").write_text(textwrap.dedent(hcl) + textwrap.dedent("""\
        resource "aws_iam_role" "probe" {
          name               = "probe"
          assume_role_policy = data.aws_iam_policy_document.d.json
        }
        """))
    r = TerraformSource().load([tmp_path / "main.tf"], SourceContext(root=tmp_path))
    assert r.errors == []
    return next(a for a in r.assets if a.origin.address == "aws_iam_role.probe").properties["AssumeRolePolicyDocument"]


def test_rendering_matches_the_providers_json(tmp_path: Path):
    doc = _body("""\
        data "aws_iam_policy_document" "src" {
          statement {
            sid       = "Base"
            actions   = ["s3:ListBucket"]
            resources = ["arn:aws:s3:::a"]
          }
          statement {
            sid       = "Kept"
            actions   = ["s3:GetObject"]
            resources = ["arn:aws:s3:::a/*"]
          }
        }

        data "aws_iam_policy_document" "d" {
          policy_id               = "p1"
          source_policy_documents = [data.aws_iam_policy_document.src.json]
          statement {
            sid     = "Base"
            actions = ["s3:*"]
            resources = ["*"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::111122223333:root"]
            }
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::444455556666:root"]
            }
            condition {
              test     = "Bool"
              variable = "aws:SecureTransport"
              values   = ["true"]
            }
          }
          statement {
            not_actions = ["iam:*"]
            not_resources = ["arn:aws:s3:::secret/*"]
            not_principals {
              type        = "*"
              identifiers = ["*"]
            }
          }
          override_policy_documents = [jsonencode({
            Statement = [{ Sid = "Kept", Effect = "Deny", Action = "s3:GetObject", Resource = "*" }]
          })]
        }
        """, tmp_path)
    assert doc == {
        "Version": "2012-10-17", "Id": "p1",
        "Statement": [
            {"Sid": "Base", "Effect": "Allow", "Action": "s3:*", "Resource": "*",
             "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]},
             "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
            {"Sid": "Kept", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"},
            {"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*", "NotPrincipal": "*"},
        ]}


def test_dynamic_statements_and_for_each_instances(tmp_path: Path):
    doc = _body("""\
        locals {
          buckets = ["a", "b"]
        }

        data "aws_iam_policy_document" "d" {
          dynamic "statement" {
            for_each = local.buckets
            content {
              actions   = ["s3:GetObject"]
              resources = ["arn:aws:s3:::${statement.value}/*"]
            }
          }
        }
        """, tmp_path)
    assert [s["Resource"] for s in doc["Statement"]] == ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]


def test_known_documents_are_json_text_and_unknown_parts_stay_unknown():
    known = attributes({"statement": [{"actions": ["s3:GetObject"], "resources": ["*"]}]})
    assert json.loads(known["json"]) == {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    assert known["minified_json"] == json.dumps(json.loads(known["json"]), separators=(",", ":"))
    ref = Unknown("aws_s3_bucket.docs.arn is known after apply")
    partial = attributes({"statement": [{"actions": ["s3:GetObject"], "resources": [ref, ref]}]})["json"]
    assert partial["Statement"][0]["Resource"] == [ref, ref]


def test_what_cannot_be_rendered_gives_no_document(tmp_path: Path):
    assert render({"statement": Unknown("dynamic block statement: for_each is unknown")}) is None
    assert render({"source_policy_documents": ["not json"]}) is None
    assert render({"source_policy_documents": [Unknown("data.x.y.json is read at plan time")]}) is None
    assert render({"statement": ["oops"]}) is None
    assert render({"statement": [{"actions": [{"nested": 1}]}]}) is None
    assert attributes({"statement": [{"actions": ["s3:GetObject"]}] * 5_000}) == {}
    # through the engine: a reference to a document that cannot be rendered stays read at plan time,
    # and two documents that merge each other are a cycle, not a crash
    doc = _body("""\
        data "aws_iam_policy_document" "d" {
          source_policy_documents = [data.aws_iam_policy_document.e.json]
        }

        data "aws_iam_policy_document" "e" {
          source_policy_documents = [data.aws_iam_policy_document.d.json]
        }
        """, tmp_path)
    assert isinstance(doc, Unknown) and "read at plan time" in doc.reason

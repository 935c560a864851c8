"""`data "aws_iam_policy_document"`: the IAM policy JSON it renders, computed offline.

Most Terraform builds IAM policies with this data source rather than literal JSON; the `aws`
provider renders it locally at plan time (no API call), so aispm can too. The row below hands the
Terraform engine a `data_attrs` function (`aispm.iac.terraform.mapping.MappingRow`): the evaluated
arguments → `json` / `minified_json`, which a role's `policy = data.aws_iam_policy_document.x.json`
then reads like a literal document.

What it renders, as the provider does (`Version` default `2012-10-17`, `policy_id` → `Id`):
`statement` blocks with `sid`, `effect` (default `Allow`), `actions` / `not_actions`, `resources` /
`not_resources`, `principals` / `not_principals` (`{type, identifiers}`; type `*` with `*` is
`"*"`; blocks of one type merge), `condition` (`{test, variable, values}`; merged per test and
variable); a list of one element is written as that element. `source_policy_documents` are merged
in first (a `statement` with the same `sid` replaces theirs), `override_policy_documents` last
(their statements replace those with the same `sid`, the others are appended).

The value is the JSON text when every part of it is known; when a part is not (`resources =
[aws_s3_bucket.docs.arn]`, known after apply) it is the document as an object with those parts
`Unknown` — the AWS linker follows such a reference to the resource it names, as it does in a
`jsonencode(...)` policy. A document that cannot be rendered (a statement that is not a block,
`source_policy_documents` that is not JSON) gives no attributes: the reference stays "read at plan
time". Statement count per document is bounded (`MAX_STATEMENTS`).
"""

from __future__ import annotations

import json
from typing import Any

from aispm.iac.terraform.mapping import MappingRow
from aispm.model import Unknown

#: IAM's own size limit (10,240 characters for a role's policies) keeps real documents far below.
MAX_STATEMENTS = 1_000

_LISTS = (("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
          ("not_resources", "NotResource"))


class _Unrenderable(Exception):
    pass


def _one_or_list(values: list) -> Any:
    return values[0] if len(values) == 1 else values


def _strings(v: Any) -> list | Unknown:
    """A list (or set) argument as a list without duplicates; an Unknown stays one."""
    if isinstance(v, Unknown):
        return v
    if v is None:
        return []
    if not isinstance(v, list):
        v = [v]
    out: list = []
    for x in v:
        if isinstance(x, (dict, list)):
            raise _Unrenderable("not a list of strings")
        if isinstance(x, Unknown) or x not in out:  # two unknowns may be different values
            out.append(x)
    return out


def _principals(blocks: Any) -> Any:
    if isinstance(blocks, Unknown):
        return blocks
    merged: dict[str, list] = {}
    for b in blocks if isinstance(blocks, list) else []:
        if not isinstance(b, dict):
            raise _Unrenderable("principals is not a block")
        t = b.get("type")
        ids = _strings(b.get("identifiers"))
        if isinstance(t, Unknown) or isinstance(ids, Unknown):
            return Unknown("principals are known at plan time")
        cur = merged.setdefault(str(t), [])
        cur.extend(i for i in ids if i not in cur)
    if not merged:
        return None
    if list(merged) == ["*"] and merged["*"] == ["*"]:
        return "*"
    return {t: _one_or_list(ids) for t, ids in merged.items()}


def _conditions(blocks: Any) -> Any:
    if isinstance(blocks, Unknown):
        return blocks
    out: dict[Any, dict] = {}
    for b in blocks if isinstance(blocks, list) else []:
        if not isinstance(b, dict):
            raise _Unrenderable("condition is not a block")
        test, var, values = b.get("test"), b.get("variable"), _strings(b.get("values"))
        if isinstance(test, Unknown) or isinstance(var, Unknown):
            return Unknown("condition is known at plan time")
        cur = out.setdefault(test, {})
        prev = cur.get(var)
        if isinstance(prev, list) and isinstance(values, list):
            values = prev + [v for v in values if v not in prev]
        cur[var] = values if isinstance(values, Unknown) else _one_or_list(values)
    return out or None


def _statement(b: Any) -> dict:
    if not isinstance(b, dict):
        raise _Unrenderable("statement is not a block")
    st: dict[str, Any] = {}
    sid = b.get("sid")
    if sid not in (None, ""):
        st["Sid"] = sid
    effect = b.get("effect")
    st["Effect"] = "Allow" if effect is None else effect
    for arg, key in _LISTS:
        if b.get(arg) is None:
            continue
        vals = _strings(b.get(arg))
        st[key] = vals if isinstance(vals, Unknown) else _one_or_list(vals)
    for arg, key in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        p = _principals(b.get(arg))
        if p is not None:
            st[key] = p
    cond = _conditions(b.get("condition"))
    if cond is not None:
        st["Condition"] = cond
    return st


def _statements_of(doc: Any) -> list[dict]:
    """The statements of another rendered document (JSON text, or an object this module gave)."""
    if isinstance(doc, str):
        try:
            doc = json.loads(doc)
        except (ValueError, RecursionError):
            raise _Unrenderable("policy document is not JSON") from None
    if not isinstance(doc, dict):
        raise _Unrenderable("policy document is not an object")
    st = doc.get("Statement")
    st = [st] if isinstance(st, dict) else st
    if not isinstance(st, list):
        raise _Unrenderable("policy document has no statements")
    return [s for s in st if isinstance(s, dict)]


def _merge(base: list[dict], over: list[dict]) -> list[dict]:
    """`over`'s statements replace `base`'s with the same Sid; the others are appended."""
    out = list(base)
    for s in over:
        sid = s.get("Sid")
        at = next((i for i, b in enumerate(out) if sid and b.get("Sid") == sid), None)
        if at is None:
            out.append(s)
        else:
            out[at] = s
    return out


def _documents(v: Any) -> list:
    if v is None:
        return []
    if isinstance(v, Unknown) or any(isinstance(x, Unknown) for x in (v if isinstance(v, list) else [v])):
        raise _Unrenderable("a merged document is known at plan time")
    return v if isinstance(v, list) else [v]


def render(body: dict) -> dict | None:
    """The policy document of an evaluated `aws_iam_policy_document` body, or None when it cannot be rendered."""
    try:
        stmts: list[dict] = []
        for d in _documents(body.get("source_policy_documents")):
            stmts.extend(_statements_of(d))
        own = body.get("statement")
        if isinstance(own, Unknown):
            raise _Unrenderable("dynamic statements")
        stmts = _merge(stmts, [_statement(b) for b in (own if isinstance(own, list) else [])])
        for d in _documents(body.get("override_policy_documents")):
            stmts = _merge(stmts, _statements_of(d))
    except _Unrenderable:
        return None
    if len(stmts) > MAX_STATEMENTS:
        return None
    doc: dict[str, Any] = {"Version": body.get("version") or "2012-10-17"}
    if body.get("policy_id") is not None:
        doc["Id"] = body["policy_id"]
    doc["Statement"] = stmts
    return doc


def _known(v: Any) -> bool:
    if isinstance(v, Unknown):
        return False
    if isinstance(v, dict):
        return all(_known(x) for x in v.values()) and all(isinstance(k, str) for k in v)
    if isinstance(v, list):
        return all(_known(x) for x in v)
    return True


def attributes(body: dict) -> dict:
    """`json` and `minified_json` of the rendered document (text when fully known, else the object)."""
    doc = render(body)
    if doc is None:
        return {}
    if _known(doc):
        return {"json": json.dumps(doc, indent=2), "minified_json": json.dumps(doc, separators=(",", ":"))}
    return {"json": doc, "minified_json": doc}


#: Emits no asset (a document is not a resource); only its attributes are read.
ROW = MappingRow("aws_iam_policy_document", "aws", None, lambda body: None, None, data_source=False,
                 data_attrs=attributes)

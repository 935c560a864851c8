"""AI usage in Python code, read from its AST (never imported, never run).

For each `*.py` file: secrets are searched in the text (`sources.secrets`);
files that mention an AI SDK (`catalog.ai_sdks.PY_HINTS`, a substring check)
are parsed with `ast` and walked in source order:

- imports map local names to qualified names (`from langchain_openai import
  ChatOpenAI as Chat` → `Chat` = `langchain_openai.ChatOpenAI`);
- a call whose qualified name is in `catalog.ai_sdks.PY_SYMBOLS` is a client,
  a data source or a model; `boto3.client("bedrock-runtime")`,
  `X.from_pretrained("org/name")` and `openai.ChatCompletion.create` are
  recognised by shape;
- assignments bind names (`client = OpenAI()`, `self.llm = ...`) so later
  method calls (`client.chat.completions.create(model="gpt-4o")`,
  `project.agents.create_agent(...)`) attach models and agents to their client;
- values are resolved when simple: string literals, module constants, f-strings
  of constants, `os.environ["X"]` / `os.getenv("X")` (→ the variable's name).

Assets (`provider="code"`, uid `python-code:<file>:line <n>:<what>`):
`ai-client` (family, class, service, endpoint / endpoint_env,
azure_account_name, auth key|entra|unknown, api_key_env), `model` (one per
model id per file), `data-source` (store, index / collection names, endpoint),
`agent` (name, model, fact `instructions_length`, `tool_count`) and `tool`.
Relations: `calls` (client → Azure account name, or endpoint host, or service),
`uses_model`, `reads` (client whose embeddings feed a store → data source;
tool → data source), `runs` (agent → tool), `calls` (agent → client that
created it).

A syntax error gives `ScanError(file, line, "invalid Python: ...")`; the
file's secrets are still reported.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlparse

from aispm.catalog import ai_sdks as cat
from aispm.model import Asset, Kind, Relation, ScanError, Unknown
from aispm.sources.base import SourceContext, SourceResult, declared_uid, make_origin, readable
from aispm.sources.secrets import add_secrets

FORMAT = "python-code"

LineMap = Callable[[int], "tuple[int, str | None]"]


class Env:
    """A value read from an environment variable at run time."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Env({self.name!r})"


# --------------------------------------------------------------------------- collector (shared with JS)

@dataclass
class Collector:
    """Builds the code-side assets of one file, with unique uids and line mapping."""

    fmt: str
    rel: str
    line_map: LineMap | None = None
    assets: list[Asset] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    models: dict[str, Asset] = field(default_factory=dict)
    _rels: set[tuple[str, str, str]] = field(default_factory=set)

    def _place(self, line: int, label: str) -> tuple[str, int, str]:
        origin_line, where = self.line_map(line) if self.line_map else (line, None)
        address = f"{where or f'line {origin_line}'}:{label}"
        uid = declared_uid(self.fmt, self.rel, address)
        base, n = uid, 2
        while uid in self.taken:
            uid = f"{base}#{n}"
            n += 1
        self.taken.add(uid)
        return uid, origin_line, address

    def new(self, line: int, label: str, type_: str, kind: Kind, name: Any, props: dict[str, Any]) -> Asset:
        uid, origin_line, address = self._place(line, label)
        asset = Asset(uid=uid, provider="code", type=type_, name=name,
                      origin=make_origin(self.fmt, self.rel, origin_line, address), properties=props, kind=kind)
        self.assets.append(asset)
        return asset

    def relate(self, source: str, verb: str, target: str, **props: Any) -> None:
        key = (source, verb, target)
        if key in self._rels:
            return
        self._rels.add(key)
        self.relations.append(Relation(source, verb, target, tuple(sorted(props.items()))))

    def client(self, line: int, label: str, spec: cat.Spec, props: dict[str, Any], cls: str | None = None) -> Asset:
        p: dict[str, Any] = {"family": spec.family, "class": cls or label, "service": spec.service}
        p.update({k: v for k, v in props.items() if v is not None})
        asset = self.new(line, label, "ai-client", Kind.AI_CLIENT, label.split(".")[0], p)
        self.relate(asset.uid, "calls", call_target(p), service=p.get("service"))
        return asset

    def model(self, line: int, model_id: str, family: str, service: str | None, user: Asset | None,
              **props: Any) -> Asset:
        asset = self.models.get(model_id)
        if asset is None:
            p = {"model": model_id, "family": family}
            if service:
                p["service"] = service
            p.update({k: v for k, v in props.items() if v is not None})
            asset = self.new(line, f"model {model_id}", "model", Kind.MODEL, model_id, p)
            self.models[model_id] = asset
        if user is not None:
            self.relate(user.uid, "uses_model", asset.uid)
        return asset


def call_target(props: dict[str, Any]) -> str:
    """Where a client's `calls` relation points: the Azure account its endpoint names (the linker joins
    it to the IaC asset), else the endpoint's host, else the service."""
    if props.get("azure_account_name"):
        return str(props["azure_account_name"])
    ep = props.get("endpoint")
    if isinstance(ep, str) and "://" in ep:
        host = urlparse(ep).hostname
        if host:
            return host
    return str(props.get("service") or "unknown")


def endpoint_props(value: Any) -> dict[str, Any]:
    """`endpoint`, `endpoint_env` and `azure_account_name` from a resolved endpoint value."""
    out: dict[str, Any] = {}
    if isinstance(value, Env):
        out["endpoint"] = Unknown(f"environment variable {value.name}")
        out["endpoint_env"] = value.name
    elif isinstance(value, str):
        out["endpoint"] = value
        acct = cat.azure_account(value)
        if acct:
            out["azure_account_name"], out["azure_service"] = acct
    elif isinstance(value, Unknown):
        out["endpoint"] = value
    return out


# --------------------------------------------------------------------------- values

def _under(q: str, prefix: str) -> bool:
    """`q` lives in package `prefix` (`langchain` also covers `langchain_openai`, `langchain_community`)."""
    return q.startswith(prefix) and (len(q) == len(prefix) or q[len(prefix)] in "._")


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


@dataclass
class _Obj:
    what: str  # client | cred | tools | toolset | data
    asset: Asset | None = None
    auth: str | None = None
    tools: list[dict[str, Any]] = field(default_factory=list)


class _Analyzer(ast.NodeVisitor):
    def __init__(self, tree: ast.Module, col: Collector) -> None:
        self.col = col
        self.imports: dict[str, str] = {}
        self.consts: dict[str, Any] = {}
        self.bindings: dict[str, _Obj] = {}
        self.functions: set[str] = set()
        self.done: set[int] = set()
        self.openai_module: dict[str, Any] = {}
        self.legacy_client: Asset | None = None
        self._prepass(tree)

    # ---- prepass: imports, constants, function names, openai module config
    def _prepass(self, tree: ast.Module) -> None:
        assigned: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.imports[a.asname] = a.name
                    else:
                        top = a.name.split(".")[0]
                        self.imports.setdefault(top, top)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    self.imports[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, ast.ImportFrom) and node.level:
                for a in node.names:  # relative imports: local code, not an SDK
                    self.imports.pop(a.asname or a.name, None)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.add(node.name)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                t = node.targets[0]
                if isinstance(t, ast.Name):
                    assigned.setdefault(t.id, []).append(node.value)
                elif isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "openai":
                    self.openai_module[t.attr] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                assigned.setdefault(node.target.id, []).append(node.value)
        for name, values in assigned.items():
            if len(values) == 1 and isinstance(values[0], (ast.Constant, ast.JoinedStr, ast.Subscript, ast.Call,
                                                             ast.BinOp)):
                if isinstance(values[0], ast.Call) and not self._is_env_call(values[0]):
                    continue
                self.consts[name] = values[0]

    def _is_env_call(self, node: ast.Call) -> bool:
        q = self.qual(node.func) or ""
        return q in ("os.getenv", "os.environ.get") or q.endswith(".getenv")

    # ---- names
    def qual(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.imports.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.qual(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def value(self, node: ast.AST | None, depth: int = 0) -> Any:
        if node is None:
            return None
        if depth > 8:
            return Unknown("expression too deep")
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.consts:
                return self.value(self.consts[node.id], depth + 1)
            return Unknown(f"variable {node.id}")
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                r = self.value(v.value if isinstance(v, ast.FormattedValue) else v, depth + 1)
                if not isinstance(r, str):
                    return Unknown(f"f-string with {ast.unparse(v)[:60]}")
                parts.append(r)
            return "".join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            a, b = self.value(node.left, depth + 1), self.value(node.right, depth + 1)
            if isinstance(a, str) and isinstance(b, str):
                return a + b
            return Unknown("concatenation of values not known")
        if isinstance(node, ast.Subscript):
            if _dotted(node.value) in ("os.environ", "environ"):
                key = self.value(node.slice, depth + 1)
                if isinstance(key, str):
                    return Env(key)
            return Unknown(f"subscript {ast.unparse(node)[:60]}")
        if isinstance(node, ast.Call):
            d = _dotted(node.func) or ""
            if d in ("os.getenv", "getenv", "os.environ.get", "environ.get") and node.args:
                key = self.value(node.args[0], depth + 1)
                if isinstance(key, str):
                    return Env(key)
            return Unknown(f"call {d or 'expression'}()")
        return Unknown(f"expression {type(node).__name__}")

    def obj(self, node: ast.AST | None) -> _Obj | None:
        if node is None:
            return None
        if isinstance(node, ast.Call):
            return self.call(node)
        d = _dotted(node)
        return self.bindings.get(d) if d else None

    # ---- visiting
    def visit_Assign(self, node: ast.Assign) -> None:
        self._bind(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind([node.target], node.value)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self._bind([item.optional_vars], item.context_expr)
            else:
                self.visit(item.context_expr)
        for stmt in node.body:
            self.visit(stmt)

    visit_AsyncWith = visit_With  # type: ignore[assignment]

    def _bind(self, targets: list[ast.expr], value: ast.expr) -> None:
        o = self.call(value) if isinstance(value, ast.Call) else self.obj(value)
        if isinstance(value, ast.Await) and isinstance(value.value, ast.Call):
            o = self.call(value.value)
        for t in targets:
            d = _dotted(t)
            if d and o is not None:
                self.bindings[d] = o
            elif d:
                self.bindings.pop(d, None)
        self.generic_visit(value)

    def visit_Call(self, node: ast.Call) -> None:
        self.call(node)
        self.generic_visit(node)

    # ---- calls
    def call(self, node: ast.Call) -> _Obj | None:
        if id(node) in self.done:
            return self._memo.get(id(node))
        self.done.add(id(node))
        o = self._call(node)
        self._memo[id(node)] = o
        return o

    _memo: dict[int, _Obj | None]

    def _kw(self, node: ast.Call) -> dict[str, ast.expr]:
        return {k.arg: k.value for k in node.keywords if k.arg}

    def _call(self, node: ast.Call) -> _Obj | None:
        func = node.func
        # method call on something bound (or on a client-constructing call)
        if isinstance(func, ast.Attribute):
            root, chain = func.value, [func.attr]
            while isinstance(root, ast.Attribute):
                chain.insert(0, root.attr)
                root = root.value
            d = _dotted(func.value)
            bound = None
            for k in range(len(chain) - 1, -1, -1):  # self.client.chat... → longest bound prefix
                prefix = _dotted(root)
                if prefix is None:
                    break
                key = ".".join([prefix] + chain[:k])
                if key in self.bindings:
                    bound = self.bindings[key]
                    chain = chain[k:]
                    break
            if bound is None and isinstance(root, ast.Call):
                bound = self.call(root)
            if bound is not None and not (d and self.qual(func.value)):
                return self._method(node, bound, chain)
        q = self.qual(func)
        if q is None:
            return None
        parts = q.split(".")
        last = parts[-1]
        kw = self._kw(node)
        # Bedrock runtime through boto3 (any `.client("bedrock-runtime")`)
        if last == "client" and parts[0] in ("boto3", "aioboto3"):
            return self._bedrock(node, q, kw)
        if last == "from_pretrained" and parts[0] in cat.HF_PACKAGES:
            self._hf_model(node, kw, loader=parts[-2] if len(parts) > 1 else last)
            return None
        if parts[0] == "openai" and cat.OPENAI_LEGACY.match(q) and len(parts) > 2:
            self._legacy_openai(node, q, kw)
            return None
        if last in cat.ENTRA_CREDENTIALS:
            return _Obj("cred", auth="entra")
        if last in cat.KEY_CREDENTIALS:
            return _Obj("cred", auth="key")
        agents = cat.PY_AGENTS.get(last)
        if agents:
            for prefix, family in agents:
                if _under(q, prefix):
                    self._agent(node, family, None, kw, positional_model=last == "create_react_agent")
                    return None
        if last.endswith("Tool") or last in ("ToolSet", "AsyncToolSet", "function_tool"):
            return _Obj("tools", tools=self._tool_call(node, last, kw))
        for key in ((f"{parts[-2]}.{last}",) if len(parts) > 1 else ()) + (last,):
            for prefix, spec in cat.PY_SYMBOLS.get(key, ()):
                if _under(q, prefix):
                    return self._construct(node, q, key, spec, kw)
        if len(parts) > 1 and last in cat.DATA_CLASSMETHODS:
            for prefix, spec in cat.PY_SYMBOLS.get(parts[-2], ()):
                if _under(q, prefix) and spec.kind == "data-source":
                    return self._construct(node, q, parts[-2], spec, kw)
        return None

    def _line(self, node: ast.AST) -> int:
        return getattr(node, "lineno", 1)

    def _auth(self, kw: dict[str, ast.expr], spec: cat.Spec) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in cat.ENTRA_KWARGS:
            if k in kw:
                out["auth"] = "entra"
                return out
        for k in cat.CREDENTIAL_KWARGS:
            if k in kw:
                o = self.obj(kw[k])
                out["auth"] = o.auth if o and o.what == "cred" and o.auth else "unknown"
                return out
        for k in cat.KEY_KWARGS:
            if k in kw:
                v = self.value(kw[k])
                out["auth"] = "key"
                if isinstance(v, Env):
                    out["api_key_env"] = v.name
                elif isinstance(v, str):
                    out["api_key_literal"] = True
                return out
        out["auth"] = spec.default_auth
        if spec.default_key_env and spec.default_auth == "key":
            out["api_key_env"] = spec.default_key_env
        return out

    def _construct(self, node: ast.Call, q: str, key: str, spec: cat.Spec, kw: dict[str, ast.expr]) -> _Obj | None:
        line = self._line(node)
        props: dict[str, Any] = {}
        ep_node = next((kw[k] for k in spec.endpoint_kwargs if k in kw), None)
        if ep_node is None and spec.endpoint_arg is not None and len(node.args) > spec.endpoint_arg:
            ep_node = node.args[spec.endpoint_arg]
        if ep_node is not None:
            props.update(endpoint_props(self.value(ep_node)))
        elif spec.default_endpoint_env:
            props.update(endpoint_props(Env(spec.default_endpoint_env)))
        for prop, k in spec.extra:
            if k in kw:
                v = self.value(kw[k])
                props[prop] = v if not isinstance(v, Env) else Unknown(f"environment variable {v.name}")
        model_node = next((kw[k] for k in spec.model_kwargs if k in kw), None)
        if model_node is None and spec.model_arg is not None and len(node.args) > spec.model_arg:
            model_node = node.args[spec.model_arg]
        model = self.value(model_node) if model_node is not None else None
        if spec.kind == "model":
            if q.endswith(".pipeline"):
                task = self.value(node.args[0]) if node.args else self.value(kw.get("task"))
                model = self.value(kw.get("model")) if "model" in kw else None
                if isinstance(model, str):
                    self.col.model(line, model, spec.family, spec.service, None, loader="pipeline",
                                   task=task if isinstance(task, str) else None,
                                   **self._hf_extra(kw, model))
                return None
            if isinstance(model, str):
                self.col.model(line, model, spec.family, spec.service, None, loader=q.split(".")[-1],
                               **self._hf_extra(kw, model))
            return None
        if spec.kind == "data-source":
            return self._data_source(node, q, spec, kw, props)
        if q.startswith("google.genai") and "vertexai" in kw:
            vx = self.value(kw["vertexai"])
            if vx is True:
                props["service"] = "vertex-ai"
                props["vertexai"] = True
                spec = cat.Spec("client", spec.family, "vertex-ai")  # Google ADC, not a key
        props.update(self._auth(kw, spec))
        if isinstance(model, str):
            props["model"] = model
        elif isinstance(model, Env):
            props["model_env"] = model.name
        client = self.col.client(line, key, spec, props, cls=q)
        if isinstance(model, str):
            self.col.model(line, model, spec.family, props.get("service", spec.service), client)
        return _Obj("client", client)

    def _hf_extra(self, kw: dict[str, ast.expr], model: str) -> dict[str, Any]:
        out: dict[str, Any] = {"source": "local" if model.startswith((".", "/", "~")) else "huggingface-hub"}
        if "revision" in kw:
            r = self.value(kw["revision"])
            out["revision"] = r if isinstance(r, str) else None
        if "trust_remote_code" in kw:
            out["trust_remote_code"] = self.value(kw["trust_remote_code"]) is True
        return out

    def _hf_model(self, node: ast.Call, kw: dict[str, ast.expr], loader: str) -> None:
        arg = node.args[0] if node.args else kw.get("pretrained_model_name_or_path")
        model = self.value(arg) if arg is not None else None
        if isinstance(model, str):
            self.col.model(self._line(node), model, "huggingface", "huggingface-hub", None, loader=loader,
                           **self._hf_extra(kw, model))

    def _data_source(self, node: ast.Call, q: str, spec: cat.Spec, kw: dict[str, ast.expr],
                     props: dict[str, Any]) -> _Obj:
        p: dict[str, Any] = {"family": spec.family, "class": q, "store": spec.service}
        p.update(props)
        for k in spec.index_kwargs:
            if k in kw:
                v = self.value(kw[k])
                p[k] = Unknown(f"environment variable {v.name}") if isinstance(v, Env) else v
        for prop, k in spec.extra:
            if k in kw:
                p[prop] = self.value(kw[k])
        for k in ("connection", "connection_string", "connection_args"):
            v = self.value(kw[k]) if k in kw else None
            if isinstance(v, str) and "://" in v:
                p["host"] = urlparse(v).hostname
                p.pop("endpoint", None)
        if q.endswith("load_local") and node.args:
            v = self.value(node.args[0])
            if isinstance(v, str):
                p["folder_path"] = v
        name = next((p[k] for k in ("index_name", "collection_name", "table_name") if isinstance(p.get(k), str)),
                    spec.service)
        qp = q.split(".")
        short = ".".join(qp[-2:]) if qp[-1] in cat.DATA_CLASSMETHODS else qp[-1]
        ds = self.col.new(self._line(node), f"data-source {short}", "data-source",
                          Kind.DATA_SOURCE, name, p)
        if p.get("azure_account_name"):
            self.col.relate(ds.uid, "calls", str(p["azure_account_name"]), service=spec.service)
        for a in list(node.args) + list(kw.values()):
            o = None
            while isinstance(a, (ast.Name, ast.Attribute)) and o is None:
                o = self.obj(a)
                a = a.value if isinstance(a, ast.Attribute) else None
            if o and o.what == "client" and o.asset:
                self.col.relate(o.asset.uid, "reads", ds.uid)
        return _Obj("data", ds)

    def _bedrock(self, node: ast.Call, q: str, kw: dict[str, ast.expr]) -> _Obj | None:
        svc_node = node.args[0] if node.args else kw.get("service_name")
        svc = self.value(svc_node) if svc_node is not None else None
        if not isinstance(svc, str) or svc not in cat.BEDROCK_SERVICES:
            return None
        spec = cat.Spec("client", "bedrock", svc)
        props: dict[str, Any] = {}
        if "region_name" in kw:
            r = self.value(kw["region_name"])
            props["region"] = r if isinstance(r, str) else (Unknown(f"environment variable {r.name}")
                                                           if isinstance(r, Env) else r)
        if "endpoint_url" in kw:
            props.update(endpoint_props(self.value(kw["endpoint_url"])))
        props["auth"] = "key" if "aws_access_key_id" in kw else "unknown"
        return _Obj("client", self.col.client(self._line(node), q, spec, props))

    def _legacy_openai(self, node: ast.Call, q: str, kw: dict[str, ast.expr]) -> None:
        if self.legacy_client is None:
            props: dict[str, Any] = {}
            cfg = self.openai_module
            api_type = self.value(cfg.get("api_type")) if "api_type" in cfg else None
            service = "azure-openai" if isinstance(api_type, str) and api_type.startswith("azure") else "openai"
            ep = cfg.get("api_base") or cfg.get("azure_endpoint") or cfg.get("base_url")
            if ep is not None:
                props.update(endpoint_props(self.value(ep)))
            if "api_key" in cfg:
                v = self.value(cfg["api_key"])
                props["auth"] = "key"
                if isinstance(v, Env):
                    props["api_key_env"] = v.name
            elif "azure_ad_token_provider" in cfg or api_type == "azure_ad":
                props["auth"] = "entra"
            else:
                props["auth"] = "key"
                props["api_key_env"] = "OPENAI_API_KEY"
            props["api"] = "module-level"
            spec = cat.Spec("client", "openai", service)
            self.legacy_client = self.col.client(self._line(node), q, spec, props)
        model_node = kw.get("model") or kw.get("engine") or kw.get("deployment_id")
        model = self.value(model_node) if model_node is not None else None
        if isinstance(model, str):
            self.col.model(self._line(node), model, "openai", self.legacy_client.properties.get("service"),
                           self.legacy_client)

    # ---- methods on bound objects
    def _method(self, node: ast.Call, bound: _Obj, chain: list[str]) -> _Obj | None:
        method = chain[-1] if chain else ""
        kw = self._kw(node)
        if bound.what == "tools" and method in ("add", "append", "extend"):
            for a in node.args:
                o = self.obj(a)
                bound.tools.extend(o.tools if o and o.what == "tools" else self._tools(a))
            return None
        if bound.what != "client" or bound.asset is None:
            return None
        client = bound.asset
        dotted = ".".join(chain)
        if method in cat.AGENT_METHODS or any(dotted.endswith(c) for c in cat.AGENT_CHAINS):
            self._agent(node, client.properties.get("family", "unknown"), client, kw)
            return None
        if cat.CLIENT_GETTERS.match(method):
            return bound
        model_node = next((kw[k] for k in ("model", "modelId", "model_id", "deployment_id", "engine",
                                           "deployment_name") if k in kw), None)
        if model_node is not None:
            model = self.value(model_node)
            if isinstance(model, str):
                self.col.model(self._line(node), model, str(client.properties.get("family")),
                               client.properties.get("service"), client)
        return None

    # ---- agents and tools
    def _agent(self, node: ast.Call, family: str, client: Asset | None, kw: dict[str, ast.expr],
               positional_model: bool = False) -> None:
        line = self._line(node)
        name = self.value(kw["name"]) if "name" in kw else Unknown("agent has no name")
        if isinstance(name, Env):
            name = Unknown(f"environment variable {name.name}")
        instr_node = next((kw[k] for k in ("instructions", "prompt", "system_prompt", "state_modifier",
                                           "system_message") if k in kw), None)
        instructions = self.value(instr_node) if instr_node is not None else None
        model_node = kw.get("model")
        if model_node is None and positional_model and node.args:
            model_node = node.args[0]
        if model_node is None and "service" in kw:
            model_node = kw["service"]
        model_obj = self.obj(model_node) if model_node is not None else None
        if model_obj and model_obj.what == "client" and model_obj.asset:
            client = client or model_obj.asset
        model = self.value(model_node) if model_node is not None and not model_obj else None
        props: dict[str, Any] = {"family": family, "name": name}
        if isinstance(model, str):
            props["model"] = model
        if client is not None:
            props["client"] = client.uid
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        if isinstance(instructions, str):
            agent.set_fact("instructions_length", len(instructions), path="instructions", raw=len(instructions))
        else:
            agent.set_fact("instructions_length", None, path="instructions",
                           note="no instructions" if instr_node is None else "instructions not a literal")
        if client is not None:
            self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, family, client.properties.get("service") if client else None, agent)
        tools: list[dict[str, Any]] = []
        for k in ("tools", "toolset", "plugins", "functions"):
            if k in kw:
                o = self.obj(kw[k])
                tools.extend(o.tools if o and o.what == "tools" else self._tools(kw[k]))
        if positional_model and len(node.args) > 1:
            tools.extend(self._tools(node.args[1]))
        agent.set_fact("tool_count", len(tools), path="tools", raw=len(tools))
        for t in tools:
            tname = t.get("name") or "tool"
            tp = {k: v for k, v in t.items() if k != "reads"}
            tool = self.col.new(line, f"{label}/tool {tname}", "tool", Kind.TOOL, tname, tp)
            self.col.relate(agent.uid, "runs", tool.uid)
            if t.get("reads"):
                self.col.relate(tool.uid, "reads", t["reads"])

    def _tools(self, node: ast.AST) -> list[dict[str, Any]]:
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            out: list[dict[str, Any]] = []
            for e in node.elts:
                out.extend(self._tools(e.value if isinstance(e, ast.Starred) else e))
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._tools(node.left) + self._tools(node.right)
        if isinstance(node, ast.Dict):
            d = {self.value(k): v for k, v in zip(node.keys, node.values) if k is not None}
            ttype = self.value(d["type"]) if "type" in d else "unknown"
            t: dict[str, Any] = {"type": ttype if isinstance(ttype, str) else "unknown"}
            t["name"] = t["type"]
            fn = d.get("function") or d.get(t["type"])
            if isinstance(fn, ast.Dict):
                fd = {self.value(k): v for k, v in zip(fn.keys, fn.values) if k is not None}
                if "name" in fd and isinstance(self.value(fd["name"]), str):
                    t["name"] = self.value(fd["name"])
            if "server_url" in d:
                t["server_url"] = self.value(d["server_url"])
            if "server_label" in d and isinstance(self.value(d["server_label"]), str):
                t["name"] = self.value(d["server_label"])
            return [t]
        if isinstance(node, ast.Call):
            o = self.call(node)
            if o and o.what == "tools":
                return list(o.tools)
            q = self.qual(node.func) or _dotted(node.func) or "tool"
            return [{"name": q.split(".")[-1], "type": "call"}]
        if isinstance(node, ast.Attribute) and node.attr in ("definitions", "resources"):
            o = self.obj(node.value)
            return list(o.tools) if o and o.what == "tools" and node.attr == "definitions" else []
        d = _dotted(node)
        if d:
            o = self.bindings.get(d)
            if o and o.what == "tools":
                return list(o.tools)
            if isinstance(node, ast.Name) and node.id in self.functions:
                return [{"name": node.id, "type": "function"}]
            return [{"name": d, "type": "unknown"}]
        return []

    def _tool_call(self, node: ast.Call, cls: str, kw: dict[str, ast.expr]) -> list[dict[str, Any]]:
        line = self._line(node)
        if cls in ("ToolSet", "AsyncToolSet"):
            return []
        if cls in ("FunctionTool", "AsyncFunctionTool", "function_tool"):
            fns = kw.get("functions") or (node.args[0] if node.args else None)
            if isinstance(fns, (ast.List, ast.Set, ast.Tuple)):
                return [{"name": _dotted(e) or "function", "type": "function"} for e in fns.elts]
            if isinstance(fns, ast.Name):
                if fns.id in self.functions:
                    return [{"name": fns.id, "type": "function"}]
                bound = self.consts.get(fns.id)
                if isinstance(bound, (ast.List, ast.Set, ast.Tuple)):
                    return [{"name": _dotted(e) or "function", "type": "function"} for e in bound.elts]
            return [{"name": cls, "type": "function"}]
        t: dict[str, Any] = {"name": cls, "type": cls}
        if cls == "McpTool":
            label = self.value(kw.get("server_label"))
            t.update(type="mcp", server_url=self.value(kw.get("server_url")))
            if isinstance(label, str):
                t["name"] = label
        if cls in ("AzureAISearchTool", "FileSearchTool", "BingGroundingTool"):
            for k in ("index_name", "index_connection_id", "connection_id", "vector_store_ids"):
                if k in kw:
                    v = self.value(kw[k])
                    t[k] = v if not isinstance(v, Env) else Unknown(f"environment variable {v.name}")
            if cls == "AzureAISearchTool":
                idx = t.get("index_name")
                ds = self.col.new(line, "data-source AzureAISearchTool", "data-source", Kind.DATA_SOURCE,
                                  idx if isinstance(idx, str) else "azure-ai-search",
                                  {"family": "azure-ai-agents", "class": cls, "store": "azure-ai-search",
                                   "index_name": idx, "connection_id": t.get("index_connection_id")})
                t["reads"] = ds.uid
        if cls == "OpenApiTool" and "name" in kw:
            n = self.value(kw["name"])
            if isinstance(n, str):
                t["name"] = n
        return [t]


def analyze(tree: ast.Module, col: Collector) -> None:
    """Walk a parsed module and add its AI assets to `col`."""
    a = _Analyzer(tree, col)
    a._memo = {}
    a.visit(tree)


def mentions_ai(text: str) -> bool:
    """Cheap pre-filter: a substring check, then an import of an AI SDK at the start of a line."""
    return any(h in text for h in cat.PY_HINTS) and cat.PY_IMPORT.search(text) is not None \
        and cat.PY_CALL.search(text) is not None


def analyze_text(text: str, col: Collector, rel: str, errors: list[ScanError],
                 line_for_error: Callable[[int], int] | None = None) -> bool:
    """Parse and analyse a Python text; a syntax error goes to `errors`. False if it did not parse."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        line = exc.lineno or 1
        errors.append(ScanError(rel, line_for_error(line) if line_for_error else line, f"invalid Python: {exc.msg}"))
        return False
    except (ValueError, RecursionError, MemoryError) as exc:
        errors.append(ScanError(rel, None, f"invalid Python: {exc}"))
        return False
    try:
        analyze(tree, col)
    except RecursionError:
        errors.append(ScanError(rel, None, "Python file nested too deeply to analyse; AI usage not read"))
    return True


class PythonCodeSource:
    """AI SDK usage and secrets in `*.py` files."""

    name = "python-code"

    def claims(self, path: Path) -> bool:
        return path.suffix in (".py", ".pyw")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            add_secrets(result, text, FORMAT, rel)
            if not mentions_ai(text):
                continue
            col = Collector(FORMAT, rel)
            col.taken.update(a.uid for a in result.assets if a.origin.file == rel)
            analyze_text(text, col, rel, result.errors)
            result.assets.extend(col.assets)
            result.relations.extend(col.relations)
        return result

"""The Python walker's part for AI SDK clients: clients, credentials, models and data sources.

A call whose qualified name is in `catalog.ai_sdks.PY_SYMBOLS` is a client, a data source or a model
(`transformers` pipelines, `from_pretrained`); `boto3.client("bedrock-runtime")` and the pre-1.0
`openai.ChatCompletion.create` (with its `openai.api_*` module settings) are recognised by shape. A
client's authentication is Entra when it gets a token provider or an Entra credential, a key when it
gets one (the key's variable name is kept, never a literal's value), else the SDK's default. Method
calls on a bound client name the models it uses and the agents it creates.
"""

from __future__ import annotations

import ast
from typing import Any

from aispm.formats.urls import url_host
from aispm.model import Kind, Unknown
from aispm.providers.code.analysis import Bound, Env, endpoint_props
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.python_walker import PythonWalker


class ClientCalls(PythonWalker):
    """Calls that construct or use an AI SDK client."""

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

    def _construct(self, node: ast.Call, q: str, key: str, spec: cat.Spec, kw: dict[str, ast.expr]) -> Bound | None:
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
        if spec.model_prefix and isinstance(model, str):
            model, svc = cat.split_model(model, spec.model_prefix)
            if svc:
                props["service"] = svc
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
        return Bound("client", client)

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
                     props: dict[str, Any]) -> Bound:
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
                p["host"] = url_host(v)
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
        return Bound("data", ds)

    def _bedrock(self, node: ast.Call, q: str, kw: dict[str, ast.expr]) -> Bound | None:
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
        return Bound("client", self.col.client(self._line(node), q, spec, props))

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

    def _agent_version(self, node: ast.Call, client: Any, kw: dict[str, ast.expr]) -> Bound | None:
        """Foundry Agent Service v2: `agents.create_version(agent_name=..., definition=PromptAgentDefinition(model=,
        instructions=, tools=[...]))`; the definition may be built first and passed by name."""
        d = kw["definition"]
        if isinstance(d, ast.Name) and d.id in self.assigned_calls:
            d = self.assigned_calls[d.id]
        if not isinstance(d, ast.Call):
            return None
        fields = self._kw(d)
        name = self._arg(node, kw, ("agent_name", "name"), 0)
        if name is not None:
            fields["name"] = name
        return self._agent(node, cat.CLIENT_AGENT, client, fields)

    # ---- methods on bound objects
    def _method(self, node: ast.Call, bound: Bound, chain: list[str]) -> Bound | None:
        method = chain[-1] if chain else ""
        kw = self._kw(node)
        if bound.what == "tools" and method in ("add", "append", "extend"):
            for a in node.args:
                o = self.obj(a)
                bound.tools.extend(o.tools if o and o.what == "tools" else self._tools(a))
            return None
        if bound.what == "mcp":
            return Bound("mcp", servers=list(bound.servers)) if method in cat.MCP_TOOL_METHODS else None
        if bound.what == "agent" and bound.asset is not None and method == "as_tool":  # OpenAI Agents SDK
            tname = self.value(kw["tool_name"]) if "tool_name" in kw else bound.asset.name
            return Bound("tools", tools=[{"name": tname if isinstance(tname, str) else "agent", "type": "agent",
                                         "calls": bound.asset.uid}])
        if bound.what != "client" or bound.asset is None:
            return None
        client = bound.asset
        dotted = ".".join(chain)
        if method in cat.AGENT_METHODS or any(dotted.endswith(c) for c in cat.AGENT_CHAINS):
            return self._agent(node, cat.CLIENT_AGENT, client, kw)
        if method in cat.AGENT_VERSION_METHODS and "definition" in kw:
            return self._agent_version(node, client, kw)
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


"""The JS/TS walker's part for AI SDK clients: clients, credentials, Vercel AI SDK providers, models and
data sources.

`new OpenAI()`, `new AzureOpenAI({endpoint, deployment, apiKey})`, `new AIProjectClient(endpoint,
credential)`, LangChain JS chat models and vector stores and the other `JS_SYMBOLS` rows are clients or
data sources; a Vercel AI SDK provider (`openai`, `createAzure({resourceName})`) is a client whose calls
(`openai("gpt-4o")`, `azure.chat("dep")`) name models. Method calls on a bound client name the models
it uses (a `model` option, or a deployment as first argument) and the agents it creates; a Bedrock
command names the model of the file's Bedrock runtime client.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Kind, Unknown
from aispm.providers.code.analysis import Bound, Env, as_unknown, endpoint_props
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.js_walker import JsWalker, text_of


class ClientCalls(JsWalker):
    """Calls that construct or use an AI SDK client."""

    def _auth(self, opts: dict[str, Any], args: list[Any], spec: cat.Spec) -> dict[str, Any]:
        for k in ("azureADTokenProvider", "azure_ad_token_provider", "tokenProvider"):
            if k in opts:
                return {"auth": "entra"}
        creds = [a for a in args if a.type in ("new_expression", "call_expression", "identifier")]
        if "credential" in opts:
            creds.insert(0, opts["credential"])
        for c in creds:
            o = self.eval(c) if c.type in ("new_expression", "call_expression") else self.bindings.get(text_of(c))
            if o is not None and o.what == "cred":
                return {"auth": o.auth}
        for k in ("apiKey", "azureOpenAIApiKey", "key", "api_key"):
            if k in opts:
                v = self.val(opts[k])
                out: dict[str, Any] = {"auth": "key"}
                if isinstance(v, Env):
                    out["api_key_env"] = v.name
                elif isinstance(v, str):
                    out["api_key_literal"] = True
                return out
        if "vertexai" in opts and self.val(opts["vertexai"]) is True:
            return {"auth": "unknown", "service": "vertex-ai", "vertexai": True}
        out = {"auth": spec.default_auth}
        if spec.default_key_env and spec.default_auth == "key":
            out["api_key_env"] = spec.default_key_env
        return out

    def _client(self, line: int, label: str, spec: cat.Spec, args: list[Any], module: str | None = None) -> Asset:
        opts = self.options(args)
        props: dict[str, Any] = {}
        ep = next((opts[k] for k in spec.endpoint_kwargs if k in opts), None)
        if ep is None and spec.endpoint_arg is not None and len(args) > spec.endpoint_arg \
                and args[spec.endpoint_arg].type != "object":
            ep = args[spec.endpoint_arg]
        if ep is not None:
            props.update(endpoint_props(self.val(ep)))
        elif spec.default_endpoint_env:
            props.update(endpoint_props(Env(spec.default_endpoint_env)))
        for k in spec.account_kwargs:
            if k in opts:
                v = self.val(opts[k])
                if isinstance(v, str):
                    props["azure_account_name"] = v.lower()
                    if ep is None:
                        props.pop("endpoint", None)
                        props.pop("endpoint_env", None)
                elif isinstance(v, Env):
                    props["azure_account_name_env"] = v.name
        for prop, k in spec.extra:
            if k in opts:
                v = self.val(opts[k])
                props[prop] = Unknown(f"environment variable {v.name}") if isinstance(v, Env) else v
        props.update(self._auth(opts, args, spec))
        m = next((self.val(opts[k]) for k in spec.model_kwargs if k in opts), None)
        if isinstance(m, str):
            props["model"] = m
        elif isinstance(m, Env):
            props["model_env"] = m.name
        client = self.col.client(line, label, spec, props, cls=f"{module}:{label}" if module else label)
        if spec.service == "bedrock-runtime" and spec.family == "bedrock":
            self.last_bedrock = client
        if isinstance(m, str):
            self.col.model(line, m, spec.family, client.properties.get("service"), client)
        return client

    def _provider(self, local: str, spec: cat.Spec, line: int, _opts: dict[str, Any]) -> Asset:
        if local in self.bindings and self.bindings[local].asset is not None:
            return self.bindings[local].asset  # type: ignore[return-value]
        asset = self.providers.get(local)
        if asset is None:
            module = self.imports.get(local, ("", ""))[0] or None
            asset = self.providers[local] = self._client(line, local, spec, [], module=module)
        return asset

    def _provider_model(self, client: Asset, args: list[Any], line: int) -> Bound:
        """`openai("gpt-4o")`: the model, used by the provider; the call stands for both (an agent's `model`)."""
        m = self.val(args[0]) if args else Unknown("no model argument")
        if isinstance(m, str):
            self.col.model(line, m, "vercel-ai", client.properties.get("service"), client)
        return Bound("model", client, model=m if isinstance(m, str) else as_unknown(m))

    def _data_source(self, line: int, export: str, module: str, spec: cat.Spec, args: list[Any]) -> Bound:
        opts = {}
        for a in args:
            if a.type == "object":
                opts.update(self.obj_fields(a))
        p: dict[str, Any] = {"family": spec.family, "class": f"{module}:{export}", "store": spec.service}
        ep = next((opts[k] for k in spec.endpoint_kwargs if k in opts), None)
        if ep is None and spec.endpoint_arg is not None and len(args) > spec.endpoint_arg:
            ep = args[spec.endpoint_arg]
        if ep is not None:
            p.update(endpoint_props(self.val(ep)))
        for k in spec.index_kwargs:
            if k in opts:
                v = self.val(opts[k])
                p[k] = Unknown(f"environment variable {v.name}") if isinstance(v, Env) else v
        if spec.service == "azure-ai-search" and "indexName" not in p and len(args) > 1:
            v = self.val(args[1])
            if isinstance(v, str):
                p["indexName"] = v
        name = next((p[k] for k in ("indexName", "collectionName", "tableName", "index_name") if
                     isinstance(p.get(k), str)), spec.service)
        ds = self.col.new(line, f"data-source {export}", "data-source", Kind.DATA_SOURCE, name, p)
        if p.get("azure_account_name"):
            self.col.relate(ds.uid, "calls", str(p["azure_account_name"]), service=spec.service)
        for a in args:
            o = self.bindings.get(text_of(a)) if a.type == "identifier" else None
            if o and o.what in ("client", "provider") and o.asset:
                self.col.relate(o.asset.uid, "reads", ds.uid)
        return Bound("data", ds)

    def _method(self, node: Any, bound: Bound, chain: list[str], args: list[Any], line: int) -> Bound | None:
        method = chain[-1] if chain else ""
        if bound.what == "mcp":
            return Bound("mcp", servers=list(bound.servers)) if method in cat.MCP_TOOL_METHODS else None
        if bound.what == "agent" and bound.asset is not None and method == "asTool":  # OpenAI Agents SDK
            n = self.options(args).get("toolName")
            tname = self.val(n) if n is not None else bound.asset.name
            return Bound("tools", tools=[{"name": tname if isinstance(tname, str) else "agent", "type": "agent",
                                         "calls": bound.asset.uid}])
        if bound.asset is None or bound.what not in ("client", "provider"):
            return None
        client = bound.asset
        if bound.what == "provider":
            if len(chain) <= 1:
                return self._provider_model(client, args, line)
            return None
        method = chain[-1] if chain else ""
        dotted = ".".join(chain)
        if method in cat.AGENT_METHODS or any(dotted.endswith(c) for c in cat.AGENT_CHAINS):
            self._agent(node, client, args, line)
            return None
        if cat.CLIENT_GETTERS.match(method):
            return bound
        opts = self.options(args)
        if "model" not in opts and "body" in opts and opts["body"].type == "object":  # REST: .post({ body: {...} })
            opts = self.options([opts["body"]])
        m = next((self.val(opts[k]) for k in ("model", "modelId", "deployment", "deploymentName") if k in opts),
                 None)
        if m is None and method in cat.JS_METHOD_MODEL_ARG and cat.JS_METHOD_MODEL_ARG[method] is not None and args:
            m = self.val(args[cat.JS_METHOD_MODEL_ARG[method]])  # type: ignore[index]
        if isinstance(m, str):
            self.col.model(line, m, str(client.properties.get("family")), client.properties.get("service"), client)
        return None

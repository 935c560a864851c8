"""Build small ScanResults directly from model objects."""

from __future__ import annotations

from aispm.model import Asset, Finding, Kind, Origin, Pillar, References, Relation, ScanResult, Severity, Status

AI = "Microsoft.CognitiveServices/accounts"
DEP = "Microsoft.CognitiveServices/accounts/deployments"
SEARCH = "Microsoft.Search/searchServices"
STORAGE = "Microsoft.Storage/storageAccounts"
CONTAINER = "Microsoft.Storage/storageAccounts/blobServices/containers"
WEB = "Microsoft.Web/sites"
CAPP = "Microsoft.App/containerApps"
IDENTITY = "Microsoft.ManagedIdentity/userAssignedIdentities"

_KIND = {AI: Kind.AI_SERVICE, DEP: Kind.MODEL_DEPLOYMENT, SEARCH: Kind.AI_SERVICE, STORAGE: Kind.DATA_STORE,
         CONTAINER: Kind.DATA_STORE, WEB: Kind.COMPUTE, CAPP: Kind.COMPUTE, IDENTITY: Kind.IDENTITY,
         "library": Kind.LIBRARY, "secret": Kind.SECRET, "ai-client": Kind.AI_CLIENT, "agent": Kind.AGENT,
         "tool": Kind.TOOL, "mcp-server": Kind.MCP_SERVER, "data-source": Kind.DATA_SOURCE}


class Estate:
    def __init__(self) -> None:
        self.result = ScanResult(targets=["test"])
        self._line = 0

    def add(self, uid: str, type_: str, name: str | None = None, facts: dict | None = None,
            props: dict | None = None, file: str = "main.tf", line: int | None = None, **kw) -> Asset:
        self._line += 10
        provider = "azure" if type_.startswith("Microsoft.") else "code"
        a = Asset(uid=uid, provider=provider, type=type_, name=name or uid,
                  origin=Origin(file, line or self._line, uid, format="terraform" if provider == "azure" else "code"),
                  properties=dict(props or {}), kind=_KIND.get(type_, Kind.OTHER), **kw)
        for k, v in (facts or {}).items():
            a.set_fact(k, v, f"properties.{k}", v)
        self.result.assets.append(a)
        return a

    def rel(self, a: str, verb: str, b: str, **props) -> None:
        self.result.relations.append(Relation(a, verb, b, tuple(sorted(props.items()))))

    def vuln(self, uid: str, summary: str = "Remote code execution in template rendering",
             severity: Severity = Severity.CRITICAL) -> None:
        self.result.findings.append(Finding(
            rule_id="GHSA-xxxx-yyyy-zzzz", title=summary, severity=severity, pillar=Pillar.VULNERABILITY,
            status=Status.FAIL, asset_uid=uid, evidence={}, references=References(),
            advisory={"id": "GHSA-xxxx-yyyy-zzzz", "summary": summary, "severity": {"level": str(severity)}}))


def walk(p) -> list[tuple[str, str | None]]:
    return [(s.asset_uid, s.verb) for s in p.steps]


def paths_from(result: ScanResult, entry: str) -> list:
    return [p for p in result.attack_paths if p.entry == entry]

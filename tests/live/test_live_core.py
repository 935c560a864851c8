"""The live-target core every collector runs under: targets, read-only calls, retries, deadline,
gaps, concurrency, and the scan's handling of collectors that succeed, fail or lack their SDK."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import main
from aispm.live import MissingExtra
from aispm.live.context import Gap, LiveContext, LiveOptions, NotReadOnly, Throttled, is_read
from aispm.live.targets import BadTarget, LiveTarget, parse_target
from aispm.model import Asset, Origin
from aispm.scan import ScanOptions, scan
from aispm.source import SourceResult


# -- targets -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "provider", "scope"), [
    ("aws://", "aws", ""), ("aws://prod", "aws", "prod"), ("azure://00000000-0000-0000-0000-000000000000", "azure",
                                                            "00000000-0000-0000-0000-000000000000"),
    ("gcp://my-project", "gcp", "my-project"), ("gcp://organizations/123/", "gcp", "organizations/123"),
])
def test_live_targets_are_parsed(text: str, provider: str, scope: str) -> None:
    assert parse_target(text) == LiveTarget(provider, scope, text)


@pytest.mark.parametrize("text", ["infra", "./aws", "s3://bucket", "examples/azure-rag"])
def test_paths_are_not_live_targets(text: str) -> None:
    assert parse_target(text) is None


@pytest.mark.parametrize("text", ["aws://bad profile", "aws://x\x1b[2J", "gcp://" + "p" * 300])
def test_a_cloud_scheme_with_an_impossible_scope_is_refused(text: str) -> None:
    with pytest.raises(BadTarget):
        parse_target(text)


# -- read-only ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["ListAgents", "list_tags_for_resource", "GetBucketPolicy", "describe_instances",
                                "searchAllResources", "resources", "GetGuardrail", "BatchGetCollection"])
def test_reads_pass(op: str) -> None:
    assert is_read(op)


@pytest.mark.parametrize("op", ["CreateAgent", "PutBucketPolicy", "DeleteKnowledgeBase", "InvokeModel",
                                "GetSecretValue", "listKeys", "GetObject", "get_parameters", "Decrypt",
                                "StartNotebookInstance", "TagResource"])
def test_writes_and_secret_reads_never_pass(op: str) -> None:
    assert not is_read(op)
    ctx = LiveContext()
    called = []
    with pytest.raises(NotReadOnly):
        ctx.call("aws://x", "svc", op, lambda: called.append(op))
    assert called == []  # refused before the call


def test_a_name_that_reads_secrets_in_one_cloud_may_read_ids_in_another() -> None:
    # the provider declares it (AWS: `providers/aws/live/readonly.py`); the core knows no service
    declared = {"vault": {"ListKeys"}}
    assert is_read("ListKeys", "vault", declared) and is_read("list_keys", "Vault", declared)
    assert not is_read("listKeys", "Microsoft.CognitiveServices", declared)  # another service: the keys themselves
    assert not is_read("ListKeys")
    assert not is_read("ListKeys", "vault")  # without the declaration
    # one whole operation, not a prefix; a declared service's other secret reads stay refused
    assert not is_read("ListKeysAndValues", "vault", declared)
    assert not is_read("GetSecretValue", "vault", declared)
    assert not is_read("CreateKey", "vault", {"vault": {"CreateKey"}})  # a write is never made a read


def test_the_core_names_no_cloud_service() -> None:
    import aispm.live.context as core

    text = Path(core.__file__).read_text(encoding="utf-8")
    assert not any(hasattr(core, n) for n in ("_SAFE_IN", "SAFE_OPERATIONS"))
    assert '"kms"' not in text and '"secretsmanager"' not in text
    assert not is_read("ListKeys", "kms") and not is_read("ListSecrets", "secretsmanager")


def test_a_call_is_checked_against_the_callers_declaration() -> None:
    ctx = LiveContext()
    assert ctx.call("x://a", "vault", "ListKeys", lambda: "ids", safe={"vault": ("ListKeys",)}) == "ids"
    with pytest.raises(NotReadOnly):
        ctx.call("x://a", "vault", "ListKeys", lambda: "keys")
    assert ctx.operations == [("vault", "ListKeys")]


# -- retries, gaps, deadline -------------------------------------------------------------------------

class Denied(Exception):
    pass


class Busy(Exception):
    pass


def _classify(exc: BaseException):
    if isinstance(exc, Busy):
        return Throttled(wait=1.5)
    if isinstance(exc, Denied):
        return "access denied"
    return None


def test_throttling_is_retried_with_the_wait_the_cloud_asked_for() -> None:
    waits: list[float] = []
    ctx = LiveContext(options=LiveOptions(retries=4), sleep=waits.append)
    answers = iter([Busy(), Busy(), {"agents": ["a"]}])

    def fn():
        a = next(answers)
        if isinstance(a, Exception):
            raise a
        return a

    assert ctx.call("aws://x/us-east-1", "bedrock-agent", "ListAgents", fn, _classify) == {"agents": ["a"]}
    assert len(waits) == 2 and all(1.5 <= w <= 1.5 * 1.25 for w in waits)
    assert ctx.gaps == []


def test_throttling_that_does_not_stop_is_a_gap_after_the_retries() -> None:
    ctx = LiveContext(options=LiveOptions(retries=2), sleep=lambda _s: None)

    def fn():
        raise Busy()

    assert ctx.call("aws://x/us-east-1", "bedrock", "ListGuardrails", fn, _classify) is None
    assert ctx.gaps == [Gap("aws://x/us-east-1", "bedrock", "ListGuardrails", "throttled (gave up after 3 tries)")]


def test_a_denied_call_is_a_gap_and_the_collector_goes_on() -> None:
    ctx = LiveContext()

    def denied():
        raise Denied()

    assert ctx.call("aws://x/eu-west-1", "sagemaker", "ListDomains", denied, _classify) is None
    assert ctx.call("aws://x/eu-west-1", "sagemaker", "ListNotebookInstances", lambda: [1], _classify) == [1]
    assert ctx.gaps == [Gap("aws://x/eu-west-1", "sagemaker", "ListDomains", "access denied")]
    assert [op for _svc, op in ctx.operations] == ["ListDomains", "ListNotebookInstances"]


def test_no_call_starts_after_the_deadline() -> None:
    now = [0.0]
    ctx = LiveContext(options=LiveOptions(deadline_seconds=10), clock=lambda: now[0])
    assert ctx.call("gcp://p", "cloudasset", "searchAllResources", lambda: "ok") == "ok"
    now[0] = 11.0
    called = []
    assert ctx.call("gcp://p", "cloudasset", "searchAllResources", lambda: called.append(1)) is None
    assert called == [] and "deadline" in ctx.gaps[0].reason


def test_scopes_are_read_concurrently_and_one_failing_scope_costs_only_itself() -> None:
    ctx = LiveContext(options=LiveOptions(concurrency=4))

    def read(region: str) -> str:
        if region == "ap-south-1":
            raise RuntimeError("boom")
        return region.upper()

    regions = ["us-east-1", "ap-south-1", "eu-west-1"]
    assert ctx.scopes(regions, read) == ["US-EAST-1", "EU-WEST-1"]
    assert ctx.gaps == [Gap("ap-south-1", "*", "*", "failed: RuntimeError")]


def test_region_selection() -> None:
    ctx = LiveContext(options=LiveOptions(regions=("eu-west-1", "us-east-1"), exclude_regions=("us-east-1",)))
    assert ctx.selected_regions(["us-east-1", "eu-west-1", "ap-south-1"]) == ["eu-west-1"]
    ctx = LiveContext(options=LiveOptions(exclude_regions=("ap-south-1",)))
    assert ctx.selected_regions(["us-east-1", "ap-south-1"]) == ["us-east-1"]


# -- the scan with collectors -------------------------------------------------------------------------

@pytest.fixture
def collectors(monkeypatch):
    """Replace the providers the live runner sees with fakes: name → collector."""
    import aispm.live.run as run

    def install(**by_name):
        monkeypatch.setattr(run, "_collectors", lambda: dict(by_name))
    return install


def _bucket(scope: str) -> Asset:
    return Asset(uid="live:aws:arn:aws:s3:::docs", provider="aws", type="AWS::S3::Bucket", name="docs",
                 origin=Origin(scope, 0, "arn:aws:s3:::docs", format="live"),
                 properties={"BucketName": "docs"})


def test_a_live_target_is_read_and_what_it_could_not_read_is_reported(collectors, tmp_path: Path) -> None:
    def aws(target, ctx):
        scope = f"aws://{target.scope}/us-east-1"
        ctx.call(scope, "bedrock", "ListGuardrails", lambda: (_ for _ in ()).throw(Denied()), _classify)
        return SourceResult(assets=[_bucket(scope)], provenance=[{"cloud": "aws", "account": "123456789012"}])

    collectors(aws=aws)
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n')
    result = scan([str(tmp_path), "aws://prod"], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert any(a.uid == "live:aws:arn:aws:s3:::docs" for a in result.assets)
    assert any(a.origin.format == "terraform" for a in result.assets)  # the file target too
    assert result.gaps == [Gap("aws://prod/us-east-1", "bedrock", "ListGuardrails", "access denied")]
    assert result.provenance == [{"cloud": "aws", "account": "123456789012", "kind": "live", "target": "aws://prod"}]


def test_a_collector_that_fails_or_lacks_its_sdk_costs_only_its_target(collectors, tmp_path: Path) -> None:
    def aws(target, ctx):
        raise MissingExtra("aws")

    def gcp(target, ctx):
        raise KeyError("surprise")

    collectors(aws=aws, gcp=gcp)
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n')
    result = scan([str(tmp_path), "aws://", "gcp://p", "azure://"],
                  ScanOptions(attack_paths=False, vulnerabilities=False))
    by_target = {e.file: e.message for e in result.errors}
    assert by_target["aws://"] == "reading aws needs its SDK: pip install 'aispm[aws]'"
    assert "collect live gcp failed unexpectedly: KeyError" in by_target["gcp://p"]
    assert by_target["azure://"] == "no live collector for azure yet"
    assert any(a.origin.format == "terraform" for a in result.assets)


def test_cli_reports_gaps_and_refuses_offline_with_a_live_target(collectors) -> None:
    def aws(target, ctx):
        ctx.call("aws://x/us-east-1", "bedrock", "ListGuardrails", lambda: (_ for _ in ()).throw(Denied()),
                 _classify)
        return SourceResult(assets=[_bucket("aws://x/us-east-1")])

    collectors(aws=aws)
    res = CliRunner().invoke(main, ["scan", "aws://x", "-f", "json", "--skip-vulnerabilities"])
    report = json.loads(res.stdout)
    assert report["gaps"] == [{"scope": "aws://x/us-east-1", "service": "bedrock", "operation": "ListGuardrails",
                               "reason": "access denied"}]
    assert "not readable" in res.stderr and "aws://x/us-east-1: access denied — bedrock ListGuardrails" in res.stderr
    res = CliRunner().invoke(main, ["scan", "aws://x", "--offline"])
    assert res.exit_code == 1 and "--offline" in res.output  # a usage error: 1, never the findings' 2


def test_collect_writes_a_snapshot_record_with_no_secret(collectors, tmp_path: Path) -> None:
    def aws(target, ctx):
        assert ctx.options.record == tmp_path / "snap"
        return SourceResult(assets=[_bucket("aws://x/us-east-1")],
                            provenance=[{"cloud": "aws", "account": "123456789012", "principal": "arn:aws:iam::1:role/r"}])

    collectors(aws=aws)
    res = CliRunner().invoke(main, ["collect", "aws://x", "-o", str(tmp_path / "snap"), "-q"])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "snap" / "aispm-snapshot.json").read_text())
    assert meta["target"] == "aws://x" and meta["provenance"][0]["account"] == "123456789012"
    assert meta["taken_at"].endswith("Z")


# -- progress ------------------------------------------------------------------------------------------

class _Terminal:
    """A stderr that is a terminal (the status line shows), recording what is written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("not a real terminal")


def _regional(target, ctx):
    """A collector that reads two regions, three services each, and cannot read one of them."""
    def region(name: str) -> list:
        for svc in ("bedrock", "sagemaker", "lambda"):
            ctx.note(f"aws://{target.scope}/{name}: {svc}")
        if name == "eu-west-1":
            ctx.call(f"aws://{target.scope}/{name}", "bedrock", "ListGuardrails",
                     lambda: (_ for _ in ()).throw(Denied()), _classify)
        return [_bucket(f"aws://{target.scope}/{name}")]

    ctx.note(f"{target.text}: 2 regions")
    got = ctx.scopes(["eu-west-1", "us-east-1"], region)
    return SourceResult(assets=[a for assets in got for a in assets])


def test_live_progress_says_cloud_region_and_service_on_the_status_line_and_lines_per_target(
        collectors, monkeypatch) -> None:
    from aispm.cli.progress import Progress

    monkeypatch.setenv("TERM", "xterm")
    collectors(aws=_regional)
    lines: list[str] = []
    term = _Terminal()
    ticks = iter(range(10_000))  # a clock that moves: each redraw is past the status line's rate limit
    status = Progress(term, delay=0, log=lines.append, clock=lambda: float(next(ticks)))
    scan(["aws://prod"], ScanOptions(attack_paths=False, vulnerabilities=False, progress=status.note,
                                     stage=status.update, live=LiveOptions(concurrency=1)))
    status.close()
    # every service of every region was on the status line, with how many regions were done
    for region in ("eu-west-1", "us-east-1"):
        for svc in ("bedrock", "sagemaker", "lambda"):
            assert f"aws://prod/{region}: {svc}" in term.text
    assert "aws://prod/us-east-1: lambda · 1/2 scopes done" in term.text
    # lines that stay: the target started and ended, with what it could not read
    assert lines == ["aws://prod: reading",
                     "aws://prod: done (2 assets; not readable: 1 call in 1 service, listed at the end)"]


def test_without_a_terminal_a_live_scan_prints_only_its_target_lines(collectors) -> None:
    import io

    from aispm.cli.progress import Progress

    collectors(aws=_regional)
    lines: list[str] = []
    pipe = io.StringIO()
    status = Progress(pipe, delay=0, log=lines.append)
    scan(["aws://prod"], ScanOptions(attack_paths=False, vulnerabilities=False, progress=status.note,
                                     stage=status.update))
    assert pipe.getvalue() == "" and len(lines) == 2  # no line per service in a CI log


def test_the_end_of_scan_summary_groups_what_could_not_be_read() -> None:
    from aispm.live.summary import gap_lines

    gaps = [Gap(f"aws://p/{r}", svc, op, reason) for r in ("eu-west-1", "us-east-1")
            for svc, op, reason in (("bedrock", "ListGuardrails", "the service failed (HTTP 500)"),
                                    ("bedrock", "ListImportedModels", "the service failed (HTTP 500)"),
                                    ("sagemaker", "ListApps", "the service failed (HTTP 500)"),
                                    ("kendra", "ListIndices", "access denied"))]
    assert gap_lines(gaps) == [
        "  aws://p/eu-west-1: the service failed (HTTP 500) — bedrock ListGuardrails, ListImportedModels; "
        "sagemaker ListApps",
        "  aws://p/eu-west-1: access denied — kendra ListIndices",
        "  aws://p/us-east-1: the service failed (HTTP 500) — bedrock ListGuardrails, ListImportedModels; "
        "sagemaker ListApps",
        "  aws://p/us-east-1: access denied — kendra ListIndices"]
    many = [Gap(f"aws://p/r{i}", "s", "Op", "denied") for i in range(30)]
    got = gap_lines(many, limit=5)
    assert len(got) == 6 and got[-1] == "  ... and 25 more (the report's `gaps` lists every call)"

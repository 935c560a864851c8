"""Fuzz each parser and evaluator of aispm with coverage guidance (atheris, libFuzzer).

    pip install -r requirements-fuzz.lock -e .
    python scripts/fuzz.py --list
    python scripts/fuzz.py terraform --seconds 600            # one harness, ten minutes
    python scripts/fuzz.py requirements notebook --seconds 600  # these two, in turn
    python scripts/fuzz.py all --seconds 600                  # every harness in turn

A harness writes the fuzzer's bytes to a file of the name its source claims, runs that source on
it exactly as a scan does (`Source.load`), then renders the JSON report of what came out. A source
must never raise, hang or exhaust memory on any input: an exception that escapes, a run over
`--timeout` seconds or over `--rss-mb` is a crash. Seeds are the project's own fixtures for that
input kind. Each crashing input is kept as a regression fixture in
`tests/hostile/regressions/<harness>/`, which `tests/hostile/test_regressions.py` replays on
every test run, so a crash found once stays fixed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = ROOT / "tests" / "hostile" / "regressions"


@dataclass(frozen=True)
class Harness:
    source: str  # "module:Class" of the source under test
    filename: str  # the name the fuzzed bytes are written under (what the source claims)
    seeds: tuple[str, ...]  # globs under the repository root


HARNESSES: dict[str, Harness] = {
    "terraform": Harness("aispm.iac.terraform.source:TerraformSource", "main.tf",
                         ("tests/sources/terraform/**/*.tf", "tests/rules/cases/**/*.tf", "examples/**/*.tf")),
    "terraform-plan": Harness("aispm.iac.terraform.plan:TerraformPlanSource", "plan.json",
                              ("tests/sources/terraform_plan/**/*.json",)),
    "arm": Harness("aispm.providers.azure.arm.source:ArmSource", "azuredeploy.json",
                   ("tests/sources/arm/**/*.json", "tests/rules/cases/**/*.json")),
    "bicep": Harness("aispm.providers.azure.bicep.source:BicepSource", "main.bicep",
                     ("tests/sources/bicep/**/*.bicep", "tests/rules/cases/**/*.bicep", "examples/**/*.bicep")),
    "azd": Harness("aispm.providers.azure.azd:AzdSource", "azure.yaml", ("examples/**/azure.yaml",)),
    "jsonc-mcp": Harness("aispm.providers.code.mcp:McpSource", "mcp.json",
                         ("tests/sources/agents/fixtures/mcp/**/*.json",)),
    "notebook": Harness("aispm.providers.code.notebooks:NotebookSource", "nb.ipynb",
                        ("tests/sources/code/fixtures/**/*.ipynb",)),
    "python-code": Harness("aispm.providers.code.python:PythonCodeSource", "app.py",
                           ("tests/sources/code/fixtures/**/*.py", "examples/**/*.py")),
    "js-code": Harness("aispm.providers.code.javascript:JsCodeSource", "app.ts",
                       ("tests/sources/code/fixtures/**/*.ts", "tests/sources/code/fixtures/**/*.js")),
    "requirements": Harness("aispm.providers.code.deps.python:PythonDepsSource", "requirements.txt",
                            ("tests/sources/deps/fixtures/**/requirements*.txt",)),
    "poetry-lock": Harness("aispm.providers.code.deps.python:PythonDepsSource", "poetry.lock",
                           ("tests/sources/deps/fixtures/**/poetry.lock",)),
    "uv-lock": Harness("aispm.providers.code.deps.python:PythonDepsSource", "uv.lock",
                       ("tests/sources/deps/fixtures/**/uv.lock",)),
    "conda-yaml": Harness("aispm.providers.code.deps.python:PythonDepsSource", "environment.yml",
                          ("tests/sources/deps/fixtures/**/environment.yml",)),
    "package-lock": Harness("aispm.providers.code.deps.node:NodeDepsSource", "package-lock.json",
                            ("tests/sources/deps/fixtures/**/package-lock.json",)),
    "pnpm-lock": Harness("aispm.providers.code.deps.node:NodeDepsSource", "pnpm-lock.yaml",
                         ("tests/sources/deps/fixtures/**/pnpm-lock.yaml",)),
    "yarn-lock": Harness("aispm.providers.code.deps.node:NodeDepsSource", "yarn.lock",
                         ("tests/sources/deps/fixtures/**/yarn.lock",)),
    "csproj": Harness("aispm.providers.code.deps.dotnet:DotnetDepsSource", "App.csproj",
                      ("tests/sources/deps/fixtures/**/*.csproj",)),
    "go-mod": Harness("aispm.providers.code.deps.go:GoDepsSource", "go.mod", ("tests/sources/deps/fixtures/**/go.mod",)),
    "pom": Harness("aispm.providers.code.deps.java:JavaDepsSource", "pom.xml", ("tests/sources/deps/fixtures/**/pom.xml",)),
    "gradle": Harness("aispm.providers.code.deps.java:JavaDepsSource", "build.gradle.kts",
                      ("tests/sources/deps/fixtures/**/build.gradle*",)),
    "cargo-lock": Harness("aispm.providers.code.deps.rust:RustDepsSource", "Cargo.lock",
                          ("tests/sources/deps/fixtures/**/Cargo.lock",)),
    "app-config": Harness("aispm.providers.code.appconfig:AppConfigSource", "appsettings.json",
                          ("tests/sources/code/fixtures/app_config/*",)),
    "csharp-code": Harness("aispm.providers.code.csharp_java:CSharpCodeSource", "Program.cs",
                           ("tests/sources/code/fixtures/**/*.cs",)),
    "java-code": Harness("aispm.providers.code.csharp_java:JavaCodeSource", "App.java",
                         ("tests/sources/code/fixtures/**/*.java",)),
    "secrets": Harness("aispm.providers.code.secrets:SecretsSource", "settings.json",
                       ("tests/sources/agents/fixtures/**/*.json",)),
    "foundry-agent": Harness("aispm.providers.code.agents.foundry:FoundryAgentSource", "support.agent.yaml",
                             ("tests/sources/agents/fixtures/foundry/**/*.yaml",)),
    "cloudformation": Harness("aispm.providers.aws.cloudformation:CloudFormationSource", "template.yaml",
                              ("tests/sources/cloudformation/fixtures/**/*.yaml",
                               "tests/sources/cloudformation/fixtures/**/*.json",
                               "tests/conformance/checkov/cloudformation/**/*.yaml",
                               "tests/rules/cases/AISPM-AWS-*/template.yaml")),
    "oci-image": Harness("aispm.providers.artifacts.images.source:ImageSource", "image.tar",
                         ("tests/providers/artifacts/images/fixtures/*.tar",)),
    "kubernetes": Harness("aispm.providers.artifacts.kubernetes.source:KubernetesSource", "manifest.yaml",
                          ("tests/providers/artifacts/kubernetes/cases/**/*.yaml", "tests/graph/estates/k8s-*/**/*.yaml")),
    "pickle-opcodes": Harness("aispm.providers.artifacts.models.source:ModelFileSource", "model.pkl",
                              ("tests/providers/artifacts/models/seeds/*.pickle-seed",)),
    "model-headers": Harness("aispm.providers.artifacts.models.source:ModelFileSource", "model.onnx",
                             ("tests/providers/artifacts/models/seeds/*.model-seed",)),
    "azure-snapshot": Harness("aispm.providers.azure.live.snapshot:AzureSnapshotSource", "resources.json",
                              ("tests/hostile/seeds/azure-snapshot/*",)),
    "gcp-snapshot": Harness("aispm.providers.gcp.live.snapshot:GcpSnapshotSource", "assets.json",
                            ("tests/hostile/seeds/gcp-snapshot/*",)),
}


def load_source(h: Harness):
    module, cls = h.source.split(":")
    return getattr(importlib.import_module(module), cls)()


def run_one(name: str, data: bytes, workdir: Path) -> None:
    """The harness body: what a scan does with one file of this kind. Raises on a bug."""
    from aispm.report.json import render
    from aispm.sanitize import sanitize
    from aispm.model import ScanResult
    from aispm.source import SourceContext

    h = HARNESSES[name]
    path = workdir / h.filename
    path.write_bytes(data)
    ctx = SourceContext(root=workdir, roots=(os.path.realpath(workdir),))
    loaded = load_source(h).load([path], ctx)
    result = ScanResult(assets=loaded.assets, relations=loaded.relations, errors=loaded.errors,
                        warnings=loaded.warnings)
    sanitize(result)
    render(result)


def _child(name: str, seconds: int, timeout: int, rss_mb: int, corpus: Path, artifacts: Path) -> None:
    import atheris

    with atheris.instrument_imports(include=["aispm"]):
        import aispm.report.json  # noqa: F401
        load_source(HARNESSES[name])
    workdir = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))

    def one(data: bytes) -> None:
        run_one(name, data, workdir)

    atheris.Setup([sys.argv[0], str(corpus), f"-max_total_time={seconds}", f"-timeout={timeout}",
                   f"-rss_limit_mb={rss_mb}", f"-artifact_prefix={artifacts}/", "-print_final_stats=1"], one)
    atheris.Fuzz()


def fuzz(name: str, seconds: int, timeout: int, rss_mb: int) -> int:
    """Run one harness in its own process; keep each crashing input as a regression fixture."""
    h = HARNESSES[name]
    corpus = Path(tempfile.mkdtemp(prefix=f"corpus-{name}-"))
    for pattern in h.seeds:
        for f in ROOT.glob(pattern):
            if f.is_file() and f.stat().st_size < 1_000_000:
                shutil.copy(f, corpus / hashlib.sha256(f.read_bytes()).hexdigest()[:16])
    artifacts = Path(tempfile.mkdtemp(prefix=f"artifacts-{name}-"))
    cmd = [sys.executable, __file__, "--child", name, "--seconds", str(seconds), "--timeout", str(timeout),
           "--rss-mb", str(rss_mb), "--corpus", str(corpus), "--artifacts", str(artifacts)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    stats = {k.strip(): v.strip() for k, _, v in (line[len("stat::"):].partition(":")
                                                  for line in proc.stderr.splitlines() if line.startswith("stat::"))}
    kept = 0
    for art in artifacts.iterdir():
        dest = REGRESSIONS / name
        dest.mkdir(parents=True, exist_ok=True)
        target = dest / f"{art.name.split('-')[0]}-{hashlib.sha256(art.read_bytes()).hexdigest()[:12]}"
        shutil.copy(art, target)
        kept += 1
        print(f"{name}: kept {target.relative_to(ROOT)}")
    print(f"{name}: {seconds} s asked, {stats.get('number_of_executed_units', '?')} inputs executed in "
          f"{stats.get('average_exec_per_sec', '?')}/s, peak {stats.get('peak_rss_mb', '?')} MB, "
          f"exit {proc.returncode}, {kept} crashing input(s) kept", flush=True)
    if proc.returncode not in (0,) and kept == 0:
        print(proc.stderr[-3000:])
    return kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("harness", nargs="*", help="harness names, or `all`")
    ap.add_argument("--seconds", type=int, default=60, help="fuzzing time per harness")
    ap.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    ap.add_argument("--rss-mb", type=int, default=1536, help="memory one input may take")
    ap.add_argument("--list", action="store_true", help="list the harnesses")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--artifacts", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.seconds, args.timeout, args.rss_mb, args.corpus, args.artifacts)
        return
    if args.list or not args.harness:
        for name, h in HARNESSES.items():
            print(f"{name:14} {h.filename:18} {h.source}")
        return
    names = list(HARNESSES) if args.harness == ["all"] else args.harness
    unknown = [n for n in names if n not in HARNESSES]
    if unknown:
        ap.error(f"unknown harness: {', '.join(unknown)}")
    crashes = sum(fuzz(n, args.seconds, args.timeout, args.rss_mb) for n in names)
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()

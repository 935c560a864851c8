""".pre-commit-hooks.yaml passes pre-commit's own manifest schema (`pre_commit.clientlib`), the hook
runs for a commit touching any input a registered source claims, and its command line works: the hook's
entry and arguments run here on an example estate as pre-commit would run them in a repository."""

from __future__ import annotations

import io
import re
import shlex
import subprocess
import sys
import tarfile
from pathlib import Path

from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[2]


def _hook() -> dict:
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # raises InvalidManifestError when invalid
    assert [h["id"] for h in hooks] == ["aispm"]
    return hooks[0]


def test_the_manifest_is_valid_and_scans_the_whole_tree() -> None:
    hook = _hook()
    assert hook["language"] == "python"  # pre-commit installs this repository (pyproject.toml) into its own venv
    assert shlex.split(hook["entry"])[:2] == ["aispm", "scan"]
    assert hook["pass_filenames"] is False  # findings need other files than the staged ones
    assert "aispm = " in (ROOT / "pyproject.toml").read_text()  # the console script the entry names


#: One input per registered source, as (path under the tree, content): the hook must run for a commit that
#: touches only that file. A source added to the registry fails this test until it has a sample here.
def _tar() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        tar.addfile(tarfile.TarInfo("oci-layout"), io.BytesIO(b""))
    return buf.getvalue()


_SAMPLES: dict[str, tuple[str, str | bytes]] = {
    "terraform-plan": ("plan.json", "{}"),
    "terraform": ("infra/main.tf", ""),
    "arm": ("azuredeploy.json", "{}"),
    "bicep": ("main.bicep", ""),
    "azd": ("azure.yaml", ""),
    "azure-snapshot": ("snapshot/resources.json", "{}"),
    "cloudformation": ("template.template", ""),
    "aws-snapshot": ("record/aws/global/sts.GetCallerIdentity_1.json", "{}"),
    "gcp-snapshot": ("assets.jsonl", '{"name": "//aiplatform.googleapis.com/projects/p/endpoints/1", '
                                     '"asset_type": "aiplatform.googleapis.com/Endpoint"}'),
    "python-deps": ("requirements.txt", ""),
    "node-deps": ("package.json", "{}"),
    "dotnet-deps": ("src/App/App.csproj", ""),
    "go-deps": ("go.mod", ""),
    "java-deps": ("pom.xml", ""),
    "rust-deps": ("Cargo.toml", ""),
    "python-code": ("app.py", ""),
    "js-code": ("agent.ts", ""),
    "csharp-code": ("Program.cs", ""),
    "java-code": ("App.java", ""),
    "notebook": ("explore.ipynb", "{}"),
    "prompty": ("chat.prompty", ""),
    "mcp": (".mcp.json", "{}"),
    "foundry-agent": ("agent.yaml", ""),
    "copilot-studio": ("solution.zip", b""),
    "app-config": ("appsettings.Development.json", "{}"),
    "secrets": (".env", ""),
    "oci-image": ("images/app", _tar()),  # an image tar of any name
    "kubernetes": ("deploy/app.yaml", ""),
    "model-file": ("models/model.safetensors", b""),
}


def _runs_for(hook: dict, path: str) -> bool:
    """Whether pre-commit runs the hook for a commit that touches only `path` (its own rule: `always_run`,
    or `files` matches and `exclude` does not)."""
    if hook["always_run"]:
        return True
    return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)


def test_every_registered_source_has_a_sample() -> None:
    from aispm import registry

    assert sorted(_SAMPLES) == sorted(registry.source_names())


def test_the_hook_runs_for_every_input_a_source_claims(tmp_path: Path) -> None:
    from aispm import registry

    hook = _hook()
    for source in registry.sources():
        rel, content = _SAMPLES[source.name]
        path = tmp_path / source.name / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        assert source.claims(path), (source.name, rel)  # the sample is a file the source reads
        assert _runs_for(hook, rel), (source.name, rel)


def test_the_hook_runs_on_every_commit() -> None:
    hook = _hook()
    assert hook["always_run"] is True  # inputs known by content (an image tar of any name) have no file pattern
    assert _runs_for(hook, "README.md")


def test_the_hook_command_runs_and_fails_on_findings() -> None:
    hook = _hook()
    aispm = str(Path(sys.executable).parent / "aispm")
    command = [aispm, *shlex.split(hook["entry"])[1:], *hook["args"]]
    proc = subprocess.run(command, cwd=ROOT / "examples" / "azure-rag", capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)
    assert proc.returncode == 2, proc.stderr  # the example has findings: the commit is stopped
    assert "AISPM-AZ-" in proc.stdout

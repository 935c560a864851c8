"""Benchmark: aispm's code scan of a real tree vs `detect-secrets scan` of the same tree.

    python benchmarks/code_scan.py            # set up (once) and run
    python benchmarks/code_scan.py --tree DIR # scan another tree instead

Setup (under benchmarks/.work, gitignored): a virtual environment with AI
libraries installed (openai, anthropic, langchain-core, langchain-openai,
llama-index-core, transformers), whose `site-packages` is the tree, and a
separate one with `detect-secrets==1.5.0`.

Both tools run as a fresh process (interpreter start and imports included),
timed by wall clock. aispm runs its code sources over every file of the tree:
`python_code` + `js_code` + `secrets` (config files), and `python_deps` when
that module exists. detect-secrets runs `scan DIR --all-files`. Files per
second are the tree's regular files divided by the time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
AI_VENV = WORK / "ai-venv"
DS_VENV = WORK / "ds-venv"
AI_PACKAGES = ["openai", "anthropic", "langchain-core", "langchain-openai", "llama-index-core", "transformers"]


def _venv(path: Path, packages: list[str]) -> Path:
    py = path / "bin" / "python"
    if not py.exists():
        uv = shutil.which("uv")
        if uv:
            subprocess.run([uv, "venv", "-q", str(path)], check=True)
            subprocess.run([uv, "pip", "install", "-q", "--python", str(py), *packages], check=True)
        else:
            subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
            subprocess.run([str(py), "-m", "pip", "install", "-q", *packages], check=True)
    return py


def _site_packages(py: Path) -> Path:
    out = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         check=True, capture_output=True, text=True)
    return Path(out.stdout.strip())


def _count_files(tree: Path) -> int:
    n = 0
    for _, _, files in os.walk(tree):
        n += len(files)
    return n


def run_aispm(tree: Path) -> dict:
    """The aispm side, in this process: walk + every code source. Prints a JSON summary."""
    from aispm.scan import walk
    from aispm.source import SourceContext, SourceResult
    from aispm.providers.code.javascript import JsCodeSource
    from aispm.providers.code.python import PythonCodeSource
    from aispm.providers.code.secrets import SecretsSource

    from aispm.providers.code.deps.python import PythonDepsSource

    sources = [PythonCodeSource(), JsCodeSource(), SecretsSource(), PythonDepsSource()]
    files, errors = walk(tree, {"__pycache__"})
    ctx = SourceContext(root=tree)
    total = SourceResult()
    per: dict[str, float] = {}
    for s in sources:
        t0 = time.perf_counter()
        claimed = [f for f in files if s.claims(f)]
        total.extend(s.load(claimed, ctx))
        per[s.name] = round(time.perf_counter() - t0, 3)
    kinds: dict[str, int] = {}
    for a in total.assets:
        kinds[a.type] = kinds.get(a.type, 0) + 1
    return {"files_walked": len(files), "files_read": total.files, "assets": kinds, "errors": len(total.errors),
            "seconds_per_source": per, "sources": [s.name for s in sources]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", type=Path)
    ap.add_argument("--aispm-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.aispm_only:
        print(json.dumps(run_aispm(args.aispm_only)))
        return
    WORK.mkdir(exist_ok=True)
    tree = args.tree
    if tree is None:
        tree = _site_packages(_venv(AI_VENV, AI_PACKAGES))
    ds = _venv(DS_VENV, ["detect-secrets==1.5.0"]).parent / "detect-secrets"
    n = _count_files(tree)
    print(f"tree: {tree} ({n} files)", flush=True)

    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--aispm-only", str(tree)], check=True, capture_output=True,
                         text=True)
    t_aispm = time.perf_counter() - t0
    summary = json.loads(out.stdout)
    print(f"aispm  ({' + '.join(summary['sources'])}): {t_aispm:7.2f} s  {n / t_aispm:9.0f} files/s  "
          f"assets {summary['assets']}  errors {summary['errors']}  per source {summary['seconds_per_source']}",
          flush=True)

    t0 = time.perf_counter()
    ds_out = subprocess.run([str(ds), "scan", str(tree), "--all-files"], capture_output=True, text=True)
    t_ds = time.perf_counter() - t0
    ds_hits = 0
    try:
        ds_hits = sum(len(v) for v in json.loads(ds_out.stdout).get("results", {}).values())
    except json.JSONDecodeError:
        pass

    print(f"detect-secrets 1.5.0 scan --all-files:  {t_ds:7.2f} s  {n / t_ds:9.0f} files/s  secrets {ds_hits}")
    print(f"speed-up: {t_ds / t_aispm:.1f}x")


if __name__ == "__main__":
    main()

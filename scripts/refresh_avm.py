"""Refresh the Azure Verified Modules (Bicep) that aispm ships, from a snapshot of their repository.

aispm resolves `br/public:avm/...` module calls offline: to the Bicep module cache when
`bicep restore` filled it, else to the copy of the module shipped in
`src/aispm/providers/azure/avm/bicep/`. This script builds that copy from a git snapshot of
https://github.com/Azure/bicep-registry-modules (MIT): for each module named below it takes
`main.bicep` and every local Bicep file it reaches through `module` and `import` (nothing else:
no tests, docs, compiled JSON or scripts), follows `br/public:avm/...` references to other
modules of the list, and writes `SOURCES.json`, which records for every file the repository and
commit it came from, and for every module the version its CHANGELOG names last.

    git clone --bare https://github.com/Azure/bicep-registry-modules /tmp/brm.git
    python scripts/refresh_avm.py /tmp/brm.git [--commit <sha>]

It reads git objects only (`git show`), never runs what it copies, and replaces the shipped tree
whole, so a module dropped from the list disappears from it.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = "Azure/bicep-registry-modules"
#: The verified modules users meet most around AI (issue 12), and the types they all import.
MODULES = (
    "avm/res/cognitive-services/account",
    "avm/res/machine-learning-services/workspace",
    "avm/res/search/search-service",
    "avm/res/storage/storage-account",
    "avm/res/key-vault/vault",
    "avm/res/network/private-endpoint",
    "avm/res/web/site",
    "avm/res/app/container-app",
    "avm/utl/types/avm-common-types",
)
DEST = Path(__file__).resolve().parent.parent / "src" / "aispm" / "providers" / "azure" / "avm" / "bicep"

_LOCAL_REF = re.compile(r"""^\s*(?:module\s+\w+|import\s+.*?\s+from)\s+'([^'$]+\.bicep)'""", re.M)
_PUBLIC_REF = re.compile(r"""'br/public:(avm/[a-z0-9/._-]+):[^']+'""")
_VERSION = re.compile(r"^##\s+(\d+\.\d+\.\d+)\s*$", re.M)


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True,
                          text=True).stdout


def show(git_dir: str, commit: str, path: str) -> str | None:
    try:
        return git(git_dir, "show", f"{commit}:{path}")
    except subprocess.CalledProcessError:
        return None


def module_files(git_dir: str, commit: str, module: str) -> tuple[dict[str, str], set[str]]:
    """The Bicep files of one module reached from its `main.bicep` (path → text), and the
    `br/public:avm/...` modules they call."""
    files: dict[str, str] = {}
    public: set[str] = set()
    todo = [f"{module}/main.bicep"]
    while todo:
        path = todo.pop()
        if path in files:
            continue
        text = show(git_dir, commit, path)
        if text is None:
            raise SystemExit(f"{path}: not in {commit}")
        files[path] = text
        for ref in _LOCAL_REF.findall(text):
            todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), ref)))
        public.update(_PUBLIC_REF.findall(text))
    return files, public


def module_version(git_dir: str, commit: str, module: str) -> str | None:
    changelog = show(git_dir, commit, f"{module}/CHANGELOG.md") or ""
    m = _VERSION.search(changelog)
    return m.group(1) if m else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("git_dir", help="a clone (bare or not) of Azure/bicep-registry-modules")
    ap.add_argument("--commit", default="HEAD")
    args = ap.parse_args(argv)
    git_dir = args.git_dir if args.git_dir.endswith(".git") or Path(args.git_dir, "HEAD").exists() \
        else str(Path(args.git_dir) / ".git")
    commit = git(git_dir, "rev-parse", args.commit).strip()
    todo, done = list(MODULES), {}
    while todo:
        module = todo.pop()
        if module in done:
            continue
        files, public = module_files(git_dir, commit, module)
        done[module] = files
        todo.extend(m for m in sorted(public) if m in MODULES and m not in done)
    if DEST.exists():
        shutil.rmtree(DEST)
    sources: dict = {"repository": f"https://github.com/{REPO}", "commit": commit, "licence": "MIT",
                     "modules": {}, "files": {}}
    for module in sorted(done):
        sources["modules"][module] = {"version": module_version(git_dir, commit, module)}
        for path, text in sorted(done[module].items()):
            out = DEST / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            sources["files"][path] = f"https://github.com/{REPO}/blob/{commit}/{path}"
    licence = show(git_dir, commit, "LICENSE")
    (DEST / "LICENSE").write_text(licence or "", encoding="utf-8")
    (DEST / "SOURCES.json").write_text(json.dumps(sources, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{sum(len(f) for f in done.values())} files of {len(done)} modules from {REPO}@{commit[:12]} → {DEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

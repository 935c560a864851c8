"""Refresh the Azure Verified Modules (Bicep and Terraform) that aispm ships, from snapshots of their repositories.

aispm resolves `br/public:avm/...` module calls offline: to the Bicep module cache when
`bicep restore` filled it, else to the copy of the module shipped in
`src/aispm/providers/azure/avm/bicep/`. This script builds that copy from a git snapshot of
https://github.com/Azure/bicep-registry-modules (MIT): for each module named below it takes
`main.bicep` and every local Bicep file it reaches through `module` and `import` (nothing else:
no tests, docs, compiled JSON or scripts), follows `br/public:avm/...` references to other
modules of the list, and writes `SOURCES.json`, which records for every file the repository and
commit it came from, and for every module the version its CHANGELOG names last.

    git clone --bare https://github.com/Azure/bicep-registry-modules /tmp/brm.git
    python scripts/refresh_avm.py bicep /tmp/brm.git [--commit <sha>]

Terraform registry modules (`source = "Azure/avm-res-cognitiveservices-account/azurerm"`) are shipped
the same way, one released tag each, under `src/aispm/providers/azure/avm/terraform/<namespace>/<name>/
<provider>/`: every `.tf` file of the module and of its local `modules/` (no examples, tests or docs),
its LICENSE, and an entry in `SOURCES.json` (address, version, repository, tag, commit, files):

    python scripts/refresh_avm.py terraform Azure/avm-res-cognitiveservices-account/azurerm \
        /tmp/terraform-azurerm-avm-res-cognitiveservices-account.git --tag v0.11.1

It reads git objects only (`git show`), never runs what it copies, and replaces the shipped tree
(or the one Terraform module) whole, so a file dropped upstream disappears here too.
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
TF_DEST = DEST.parent / "terraform"

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


def _git_dir(path: str) -> str:
    return path if path.endswith(".git") or Path(path, "HEAD").exists() else str(Path(path) / ".git")


def terraform(address: str, git_dir: str, tag: str) -> int:
    """Ship one Terraform registry module at a released tag."""
    namespace, name, provider = address.split("/")
    commit = git(git_dir, "rev-list", "-n", "1", tag).strip()
    origin = git(git_dir, "config", "--get", "remote.origin.url").strip() if _has_origin(git_dir) else ""
    repo = re.sub(r"(\.git)?$", "", origin.split("github.com/")[-1]) if "github.com/" in origin else \
        f"{namespace}/terraform-{provider}-{name}"
    paths = [p for p in git(git_dir, "ls-tree", "-r", "--name-only", commit).splitlines()
             if p.endswith(".tf") and ("/" not in p or p.startswith("modules/"))]
    dest = TF_DEST / namespace / name / provider
    if dest.exists():
        shutil.rmtree(dest)
    for path in paths:
        out = dest / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(show(git_dir, commit, path) or "", encoding="utf-8")
    (dest / "LICENSE").write_text(show(git_dir, commit, "LICENSE") or "", encoding="utf-8")
    index = TF_DEST / "SOURCES.json"
    doc = json.loads(index.read_text(encoding="utf-8")) if index.is_file() else {"modules": {}}
    doc["modules"][address] = {"version": tag.lstrip("v"), "repository": f"https://github.com/{repo}", "tag": tag,
                               "commit": commit, "licence": "MIT", "files": sorted(paths)}
    index.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(paths)} files of {address} {tag} ({commit[:12]}) → {dest}")
    return 0


def _has_origin(git_dir: str) -> bool:
    try:
        git(git_dir, "config", "--get", "remote.origin.url")
        return True
    except subprocess.CalledProcessError:
        return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="kind", required=True)
    b = sub.add_parser("bicep", help="the Bicep modules, from Azure/bicep-registry-modules")
    b.add_argument("git_dir", help="a clone (bare or not) of Azure/bicep-registry-modules")
    b.add_argument("--commit", default="HEAD")
    t = sub.add_parser("terraform", help="one Terraform registry module, at a released tag")
    t.add_argument("address", help="its registry address: <namespace>/<name>/<provider>")
    t.add_argument("git_dir", help="a clone (bare or not) of the module's repository")
    t.add_argument("--tag", required=True, help="the released tag to ship (v0.11.1)")
    args = ap.parse_args(argv)
    if args.kind == "terraform":
        return terraform(args.address, _git_dir(args.git_dir), args.tag)
    git_dir = _git_dir(args.git_dir)
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

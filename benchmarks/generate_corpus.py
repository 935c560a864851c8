#!/usr/bin/env python3
"""Generate a large, deterministic multi-cloud AI IaC repository (Azure, AWS, GCP) for benchmarking.

    python benchmarks/generate_corpus.py --resources 10000 --out benchmarks/.work/multicloud

The repository looks like a platform team's monorepo: one directory per application stack,
``<cloud>/<format>/<business unit>/<app>-<env>/``, each made of a few files of a few resources,
with one shared local module per cloud under ``<cloud>/terraform/modules/``:

- ``azure/``: Terraform ``azurerm`` (70 % of the stacks), ARM (15 %) and Bicep (15 %) — the stacks of
  ``generate_azure_corpus.py`` (``iac_corpus/azure.py``);
- ``aws/``: Terraform ``aws`` (50 %), Terraform ``awscc`` (10 %), CloudFormation YAML (25 %, some of
  them SAM) and JSON (15 %) — ``iac_corpus/aws.py``;
- ``gcp/``: Terraform ``google`` with some ``google-beta`` resources — ``iac_corpus/gcp.py``.

Each stack is drawn as a whole (a Bedrock agent, SageMaker notebooks, a Vertex AI endpoint…) and
every security-relevant setting in it as secure, insecure or not set, so that each Checkov id that
aispm's rules reference has passing and failing resources. Stacks are added until the corpus holds
at least ``--resources`` resources, each cloud getting the next stack while it is furthest below
its share (``--shares``, default 40/35/25). Resources are counted as declared, ``count`` and
``for_each`` instances included: every AWS and GCP resource; for Azure the AI-related types the
Azure generator counts (not resource groups, key vaults or Application Insights), so the figure
is a lower bound. Same ``--seed``, ``--resources`` and ``--shares`` → byte-identical output.

Only the standard library is used. The directory is wiped and rewritten. A manifest (counts per
cloud, format and type) is written next to it as ``<out>.manifest.json``, not inside it, so that
the scanners do not read it.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from iac_corpus import aws, azure, gcp  # noqa: E402
from iac_corpus.common import APPS, BUSINESS_UNITS, ENVS, Stack  # noqa: E402

CLOUDS = ("azure", "aws", "gcp")
#: (format directory, variant, weight) per cloud; the variant picks the writer.
FORMATS = {
    "azure": (("terraform", "azurerm", 70), ("arm", "arm", 15), ("bicep", "bicep", 15)),
    "aws": (("terraform", "aws", 50), ("terraform", "awscc", 10), ("cloudformation", "yaml", 25),
            ("cloudformation", "json", 15)),
    "gcp": (("terraform", "google", 100),),
}
SHARED_MODULES = {
    "azure": ("openai-account", azure.terraform_shared_module),
    "aws": ("sagemaker-notebook", aws.terraform_shared_module),
    "gcp": ("vertex-workbench", gcp.terraform_shared_module),
}


def counted(cloud: str, counts: Counter) -> int:
    if cloud == "azure":
        return sum(n for t, n in counts.items() if t in azure.AI_TYPES)
    return sum(counts.values())


def new_stack(cloud: str, rng: random.Random, seen: set[str]) -> tuple[Stack, str]:
    """Draw one stack of `cloud` (its format, place and shape) and write its files."""
    fmt_dir, variant, _ = rng.choices(FORMATS[cloud], weights=[w for *_, w in FORMATS[cloud]])[0]
    bu, app, env = rng.choice(BUSINESS_UNITS), rng.choice(APPS), rng.choice(ENVS)
    path = f"{cloud}/{fmt_dir}/{bu}/{app}-{env}"
    n = 2
    while path in seen:
        path = f"{cloud}/{fmt_dir}/{bu}/{app}{n}-{env}"
        n += 1
    seen.add(path)
    leaf = path.split("/")[-1]
    sub = random.Random(rng.getrandbits(64))
    if cloud == "azure":
        shape = rng.choices(("openai", "search", "ml", "rag"), weights=(4, 2, 2, 3))[0]
        st = Stack(fmt_dir, path, leaf, rng.choice(azure.REGIONS), env, sub, shape)
        if variant == "azurerm":
            azure.terraform_stack(st, shared_module_ok=True, grounding=True)
        elif variant == "arm":
            azure.arm_stack(st)
        else:
            azure.bicep_stack(st)
    elif cloud == "aws":
        shape = rng.choices(aws.SHAPES, weights=aws.SHAPE_WEIGHTS)[0]
        st = Stack(fmt_dir, path, f"{bu}-{leaf}", rng.choice(aws.REGIONS), env, sub, shape)
        if variant == "aws":
            aws.terraform_stack(st)
        elif variant == "awscc":
            aws.awscc_stack(st)
        else:
            aws.cloudformation_stack(st, as_json=variant == "json",
                                     sam=variant == "yaml" and shape == "agent" and sub.random() < 0.5)
    else:
        shape = rng.choices(gcp.SHAPES, weights=gcp.SHAPE_WEIGHTS)[0]
        st = Stack(fmt_dir, path, f"{bu}-{leaf}", rng.choice(gcp.REGIONS), env, sub, shape)
        gcp.terraform_stack(st)
    return st, variant


def generate(out: Path, resources: int, seed: int, shares: dict[str, float]) -> dict:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    by_cloud = {c: Counter() for c in CLOUDS}
    totals = Counter()
    files: Counter = Counter()
    stacks: Counter = Counter()
    uses_module: set[str] = set()
    seen: set[str] = set()
    active = [c for c in CLOUDS if shares.get(c, 0) > 0]
    while sum(totals.values()) < resources:
        cloud = min(active, key=lambda c: (totals[c] / shares[c], CLOUDS.index(c)))
        st, variant = new_stack(cloud, rng, seen)
        d = out / st.path
        d.mkdir(parents=True)
        for name, text in st.files.items():
            (d / name).write_text(text, encoding="utf-8")
            if "../../modules/" in text:
                uses_module.add(cloud)
            files[f"{cloud}/{variant}"] += 1
        by_cloud[cloud].update(st.counts)
        totals[cloud] += counted(cloud, st.counts)
        stacks[f"{cloud}/{variant}"] += 1
    for cloud in sorted(uses_module):
        name, make = SHARED_MODULES[cloud]
        d = out / cloud / "terraform" / "modules" / name
        d.mkdir(parents=True)
        for fname, text in make().items():
            (d / fname).write_text(text, encoding="utf-8")
            files[f"{cloud}/module"] += 1
    (out / "README.md").write_text(
        f"Generated by benchmarks/generate_corpus.py --resources {resources} --seed {seed}. Do not edit.\n",
        encoding="utf-8")
    total = sum(totals.values())
    return {
        "generator": "benchmarks/generate_corpus.py",
        "seed": seed,
        "requested_resources": resources,
        "shares": shares,
        "resources": total,
        "resources_by_cloud": {c: totals[c] for c in CLOUDS},
        "share_by_cloud": {c: round(totals[c] / total, 3) if total else 0 for c in CLOUDS},
        "stacks": dict(sorted(stacks.items())),
        "files": dict(sorted(files.items())),
        "directories": sum(1 for p in out.rglob("*") if p.is_dir()),
        "resources_by_type": {c: dict(sorted(by_cloud[c].items())) for c in CLOUDS},
    }


def parse_shares(text: str) -> dict[str, float]:
    parts = [float(x) for x in text.split("/")]
    if len(parts) != 3 or any(p < 0 for p in parts) or not sum(parts):
        raise argparse.ArgumentTypeError("--shares takes three non-negative numbers: azure/aws/gcp, e.g. 40/35/25")
    return {c: p / sum(parts) for c, p in zip(CLOUDS, parts)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resources", type=int, default=10000, help="minimum number of resources (default 10000)")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/.work/multicloud"), help="output directory (wiped)")
    ap.add_argument("--seed", type=int, default=20260825)
    ap.add_argument("--shares", type=parse_shares, default=parse_shares("40/35/25"),
                    help="azure/aws/gcp shares of the resources (default 40/35/25)")
    args = ap.parse_args(argv)
    if args.resources < 1:
        ap.error("--resources must be positive")
    manifest = generate(args.out, args.resources, args.seed, args.shares)
    manifest["out"] = str(args.out)
    mpath = args.out.parent / (args.out.name + ".manifest.json")
    mpath.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in manifest.items() if k != "resources_by_type"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

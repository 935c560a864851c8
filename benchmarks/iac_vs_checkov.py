#!/usr/bin/env python3
"""aispm vs Checkov on the same AI IaC (Azure, AWS, GCP): wall time, CPU time, peak memory, verdict agreement.

    . .venv/bin/activate
    python benchmarks/iac_vs_checkov.py                     # conformance fixtures + both generated corpora
    python benchmarks/iac_vs_checkov.py --corpus conformance --corpus multicloud --all-checks \
        --json benchmarks/.work/results.json

Three corpora (``--corpus``, repeatable; all by default) are scanned, each by both tools as a fresh
subprocess on the same directory:

- ``conformance``: ``tests/conformance/checkov`` (Azure Terraform, ARM and Bicep, AWS Terraform and
  CloudFormation, GCP Terraform fixture sets). Each tool's verdicts per (check id, address) are compared
  with ``expected.json``: agreement = matched / expected, per framework and per cloud.
- ``large``: a generated Azure repository (``benchmarks/generate_azure_corpus.py``, ≥ 5,000 Azure AI
  resources in Terraform, ARM and Bicep).
- ``multicloud``: a generated multi-cloud repository (``benchmarks/generate_corpus.py``, ≥ 10,000
  resources: about 40 % Azure, 35 % AWS in Terraform ``aws``/``awscc``, CloudFormation and SAM, 25 % GCP
  in Terraform ``google``/``google-beta``).

The generated corpora have no ground truth: the tools are compared with each other on the
(check id, file, address) verdicts both produced, overall and per cloud (the cloud of the Checkov id).

Checkov runs from its own virtualenv (``benchmarks/.venv-checkov``, created on first use with
``checkov==3.3.30``; ``--checkov PATH`` to use another binary), never from aispm's: it pins old libraries.
It is restricted (``--check``) to the Checkov ids referenced by aispm's rules (``aispm rules --format json``,
``references.checkov``), so both tools judge the same things; ``--all-checks`` adds a run with every check.

Each run goes through a small wrapper process (``python -c``) that starts the tool, times it with
``time.perf_counter`` and reports ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the largest single process
of the tool's process tree) and, on Linux, the peak of the summed RSS of the whole tree sampled from
``/proc`` every 50 ms (Checkov forks workers; aispm is one process). Times are medians of ``--repeat`` runs.

Only the standard library is used, so the script runs with any Python ≥ 3.9 (aispm's venv is the usual one).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SUITE = REPO / "tests" / "conformance" / "checkov"
WORK = HERE / ".work"
CHECKOV_VENV = HERE / ".venv-checkov"
CHECKOV_VERSION = "3.3.30"
FRAMEWORKS = ("terraform", "cloudformation", "arm", "bicep")
CORPORA = ("conformance", "large", "multicloud")

# Runs in a fresh interpreter: `python -c WRAPPER result.json stdout-file stderr-file cmd...`.
WRAPPER = r"""
import json, os, resource, subprocess, sys, threading, time
res_path, out_path, err_path, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
peak = [0]
done = threading.Event()

def tree_rss(root):
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += pss(pid)
        stack.extend(kids.get(pid, ()))
    return total

def pss(pid):
    # Proportional set size: pages shared between forked workers are counted once in the sum.
    try:
        with open("/proc/%d/smaps_rollup" % pid, "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    try:
        with open("/proc/%d/statm" % pid, "rb") as fh:
            return int(fh.read().split()[1]) * page
    except (OSError, ValueError, IndexError):
        return 0

def sample(pid):
    while not done.wait(0.05):
        try:
            peak[0] = max(peak[0], tree_rss(pid))
        except Exception:
            return

with open(out_path, "wb") as out, open(err_path, "wb") as err:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=err)
    th = None
    if os.path.isdir("/proc/self"):
        th = threading.Thread(target=sample, args=(p.pid,), daemon=True)
        th.start()
    rc = p.wait()
    wall = time.perf_counter() - t0
    done.set()
    if th:
        th.join()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
with open(res_path, "w") as fh:
    json.dump({"rc": rc, "wall": wall, "maxrss": ru.ru_maxrss * scale, "tree_peak": peak[0] or None,
               "user": ru.ru_utime, "sys": ru.ru_stime}, fh)
"""


# --------------------------------------------------------------------------- running tools

@dataclass
class Measure:
    tool: str
    corpus: str
    variant: str
    command: list[str]
    walls: list[float] = field(default_factory=list)
    maxrss: list[int] = field(default_factory=list)
    tree_peak: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rcs: list[int] = field(default_factory=list)
    output: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mb(self) -> float:
        return statistics.median(self.maxrss) / 2**20

    @property
    def tree_mb(self) -> float | None:
        return statistics.median(self.tree_peak) / 2**20 if self.tree_peak else None


def run_measured(cmd: list[str], stdout: Path, stderr: Path, cwd: Path) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as fh:
        res = Path(fh.name)
    try:
        subprocess.run([sys.executable, "-c", WRAPPER, str(res), str(stdout), str(stderr), *cmd], cwd=cwd,
                       check=True)
        return json.loads(res.read_text())
    finally:
        res.unlink(missing_ok=True)


def measure(tool: str, corpus: str, variant: str, cmd: list[str], out_file: Path, repeat: int,
            ok_codes: tuple[int, ...], stdout_is_report: bool) -> Measure:
    m = Measure(tool, corpus, variant, cmd, output=str(out_file))
    for i in range(repeat):
        stdout = out_file if stdout_is_report else out_file.with_suffix(".stdout")
        stderr = out_file.with_suffix(".stderr")
        if not stdout_is_report:
            out_file.unlink(missing_ok=True)
        r = run_measured(cmd, stdout, stderr, REPO)
        if r["rc"] not in ok_codes:
            tail = stderr.read_text(errors="replace")[-2000:]
            raise SystemExit(f"{tool} exited {r['rc']} on {corpus} ({' '.join(cmd)}):\n{tail}")
        m.walls.append(r["wall"])
        m.maxrss.append(r["maxrss"])
        if r["tree_peak"]:
            m.tree_peak.append(r["tree_peak"])
        m.cpu.append(r["user"] + r["sys"])
        m.rcs.append(r["rc"])
        print(f"  {tool:8} {variant:10} {corpus:12} run {i + 1}/{repeat}: {r['wall']:7.2f} s, "
              f"max RSS {r['maxrss'] / 2**20:6.0f} MB"
              + (f", tree {r['tree_peak'] / 2**20:6.0f} MB" if r["tree_peak"] else ""), file=sys.stderr, flush=True)
    return m


def ensure_checkov(explicit: str | None) -> Path:
    if explicit:
        p = Path(explicit)
        if not p.exists():
            found = shutil.which(explicit)
            if not found:
                raise SystemExit(f"--checkov {explicit}: not found")
            p = Path(found)
        return p.resolve()
    binary = CHECKOV_VENV / "bin" / "checkov"
    if binary.exists():
        return binary
    print(f"creating {CHECKOV_VENV} with checkov=={CHECKOV_VERSION} (one-off, a few minutes)...", file=sys.stderr)
    python = shutil.which("python3") or sys.executable
    subprocess.run([python, "-m", "venv", str(CHECKOV_VENV)], check=True)
    pip = [str(CHECKOV_VENV / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, f"checkov=={CHECKOV_VERSION}"], check=True)
    if not binary.exists():
        raise SystemExit(f"checkov was installed but {binary} is missing")
    return binary


def find_aispm(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit).resolve()
    cand = Path(sys.executable).parent / "aispm"
    if cand.exists():
        return cand
    found = shutil.which("aispm")
    if not found:
        raise SystemExit("aispm not found: activate /work/main/.venv or pass --aispm PATH")
    return Path(found)


def tool_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout.strip().splitlines()[-1]
    except Exception as exc:  # noqa: BLE001 - informational only
        return f"? ({exc})"


# --------------------------------------------------------------------------- verdicts

CFN_ADDR = re.compile(r"^((?:AWS|Alexa|Custom)::[A-Za-z0-9]+(?:::[A-Za-z0-9]+)*)\.")
TF_ADDR = re.compile(r"^(?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*(?:data\.)?([A-Za-z0-9_]+)\.")
ARM_ADDR = re.compile(r"^((?:[A-Za-z0-9]+\.)+[A-Za-z0-9]+(?:/[A-Za-z][A-Za-z0-9]*)+)\.")


def addr_type(address: str) -> str:
    m = CFN_ADDR.match(address) or ARM_ADDR.match(address)
    if m:
        return m.group(1)
    m = TF_ADDR.match(address)
    return m.group(1) if m else address


def load_rules(aispm: Path) -> dict[str, list[str]]:
    """rule id → Checkov ids."""
    out = subprocess.run([str(aispm), "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout
    return {r["id"]: list(r.get("references", {}).get("checkov", [])) for r in json.loads(out)}


def cloud_of(check_id: str) -> str:
    """The cloud a Checkov id judges: CKV_AWS_*, CKV2_AZURE_*, CKV_GCP_* …"""
    m = re.match(r"CKV2?_([A-Z]+)_", check_id)
    kind = m.group(1) if m else ""
    return {"AWS": "aws", "AZURE": "azure", "GCP": "gcp"}.get(kind, kind.lower() or "?")


Key = tuple[str, str, str]  # (check id, file relative to the scanned root, address)

#: A resource of a shared local module is declared once (the module's file) but exists once per calling
#: root module, under the same address in each: its verdicts are told apart by the root's directory,
#: appended to the address (Checkov: ``caller_file_path``; aispm: the asset uid ``terraform:<root>:<address>``).
ROOT_SEP = " @ "
#: Checkov judges a public Cloud Storage bucket on each IAM member / binding resource, aispm on the bucket
#: the member opens (its ``public_access`` fact). Checkov's member verdicts are rolled up to the bucket they
#: name (``bucket = google_storage_bucket.<label>…`` in the member's code): fail if any member fails.
ROLLED_UP = {"CKV_GCP_28": re.compile(r"bucket\s*=\s*(google_storage_bucket\.[A-Za-z0-9_-]+)\b")}


_FILES: dict[str, list[str]] = {}


def resource_text(result: dict) -> str:
    """The source of a Checkov result's resource: its code block, or (``--compact`` drops code blocks) its
    line range read from the scanned file."""
    if result.get("code_block"):
        return "".join(line for _, line in result["code_block"])
    path = result.get("file_abs_path") or ""
    if path not in _FILES:
        try:
            _FILES[path] = Path(path).read_text(errors="replace").splitlines()
        except OSError:
            _FILES[path] = []
    start, end = (result.get("file_line_range") or [0, 0])[:2]
    return "\n".join(_FILES[path][max(start - 1, 0):end])


def with_root(address: str, root: str | None) -> str:
    return f"{address}{ROOT_SEP}{root}" if root is not None and address.startswith("module.") else address


def strip_root(address: str) -> str:
    return address.split(ROOT_SEP, 1)[0]


def checkov_verdicts(report: Path, rollup: bool = False) -> tuple[dict[Key, str], Counter, dict[Key, int]]:
    """(check id, file, resource) → pass/fail; plus per-framework counts and start lines. With `rollup`,
    the verdicts of ``ROLLED_UP`` checks are given to the resource they judge through (see there)."""
    text = report.read_text()
    data = json.loads(text) if text.strip() else []
    if isinstance(data, dict):
        data = [data]
    verdicts: dict[Key, str] = {}
    lines: dict[Key, int] = {}
    counts: Counter = Counter()
    for block in data:
        results = block.get("results", {})
        for bucket, verdict in (("passed_checks", "pass"), ("failed_checks", "fail")):
            for c in results.get(bucket, []):
                caller = c.get("caller_file_path")
                address = with_root(c["resource"], str(Path(caller.lstrip("/")).parent) if caller else None)
                key = (c["check_id"], c["file_path"].lstrip("/"), address)
                v = verdict
                pattern = ROLLED_UP.get(c["check_id"]) if rollup else None
                m = pattern.search(resource_text(c)) if pattern else None
                if m:
                    key = (c["check_id"], key[1], m.group(1))
                    v = "fail" if verdicts.get(key) == "fail" else verdict
                elif key in verdicts and verdicts[key] != verdict:
                    v = "conflict"
                verdicts[key] = v
                lines[key] = (c.get("file_line_range") or [0])[0]
                counts[verdict] += 1
        counts["resources"] += block.get("summary", {}).get("resource_count", 0)
        counts["parsing_errors"] += block.get("summary", {}).get("parsing_errors", 0)
    return verdicts, counts, lines


def aispm_verdicts(report: Path, rule_map: dict[str, list[str]]
                   ) -> tuple[dict[Key, str], dict, dict[Key, int]]:
    """(check id, file, address) → pass/fail for every finding of a rule with a Checkov reference."""
    data = json.loads(report.read_text())
    verdicts: dict[Key, str] = {}
    lines: dict[Key, int] = {}
    for f in data.get("findings", []):
        if f["status"] not in ("pass", "fail"):
            continue
        for check in rule_map.get(f["rule_id"], []):
            uid = f.get("asset_uid") or ""
            root = uid.split(":")[1] if uid.startswith("terraform:") and uid.count(":") >= 2 else None
            key = (check, f["file"], with_root(f["address"], root))
            verdicts[key] = f["status"]
            lines[key] = f.get("line") or 0
    summary = data.get("summary", {})
    info = {
        "files": summary.get("files_scanned"),
        "assets": summary.get("assets"),
        "findings": summary.get("findings", {}),
        "errors": summary.get("errors"),
    }
    return verdicts, info, lines


# --------------------------------------------------------------------------- corpora

def conformance_expected() -> tuple[dict[tuple[str, str, str], str], dict[str, set[str]]]:
    """(check id, fixture dir, address) → verdict; and check id → resource types (all frameworks)."""
    entries = json.loads((SUITE / "expected.json").read_text())
    expected: dict[tuple[str, str, str], str] = {}
    types: dict[str, set[str]] = {}
    for e in entries:
        for verdict in ("pass", "fail"):
            for address in e[verdict]:
                expected[(e["check_id"], e["dir"], address)] = verdict
        types.setdefault(e["check_id"], set()).update(e["resource_types"])
    return expected, types


def documented_divergences() -> dict[tuple[str, str, str], str | None]:
    """(framework, check id, address) → aispm's deliberate verdict, read (not imported) from the
    conformance test's DIVERGENCES table, each of which has its reason there and in docs/conformance.md."""
    test = REPO / "tests" / "test_conformance_checkov.py"
    try:
        tree = ast.parse(test.read_text())
    except (OSError, SyntaxError):
        return {}
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if isinstance(target, ast.Name) and target.id == "DIVERGENCES" and node.value is not None:
            try:
                table = ast.literal_eval(node.value)
            except ValueError:
                return {}
            return {k: v[1] for k, v in table.items()}
    return {}


def fixture_dir(file: str) -> str:
    return "/".join(Path(file).parts[:2])


def score_conformance(verdicts: dict[Key, str], expected: dict[tuple[str, str, str], str],
                      documented: bool = False) -> dict:
    by_dir: dict[tuple[str, str, str], str] = {}
    for (check, file, address), v in verdicts.items():
        k = (check, fixture_dir(file), strip_root(address))
        by_dir[k] = "conflict" if k in by_dir and by_dir[k] != v else v
    matched = [k for k, want in expected.items() if by_dir.get(k) == want]
    wrong = {"/".join(k): {"expected": want, "got": by_dir.get(k)} for k, want in sorted(expected.items())
             if by_dir.get(k) != want}
    per_fw: dict[str, list[int]] = {}
    per_cloud: dict[str, list[int]] = {}
    for k, want in expected.items():
        for table, group in ((per_fw, k[1].split("/")[0]), (per_cloud, cloud_of(k[0]))):
            table.setdefault(group, [0, 0])
            table[group][1] += 1
            table[group][0] += by_dir.get(k) == want
    divergences = documented_divergences() if documented else {}
    deliberate = [k for k, want in expected.items() if by_dir.get(k) != want
                  and (k[1].split("/")[0], k[0], k[2]) in divergences
                  and divergences[(k[1].split("/")[0], k[0], k[2])] == by_dir.get(k)]
    return {"matched": len(matched), "expected": len(expected), "agreement": len(matched) / len(expected),
            "documented_divergences": len(deliberate),
            "by_framework": {fw: {"matched": m, "expected": n} for fw, (m, n) in sorted(per_fw.items())},
            "by_cloud": {c: {"matched": m, "expected": n} for c, (m, n) in sorted(per_cloud.items())},
            "mismatches": wrong}


def compare_tools(a: dict[Key, str], c: dict[Key, str], a_lines: dict[Key, int], c_lines: dict[Key, int],
                  check_types: dict[str, set[str]]) -> dict:
    """aispm vs Checkov on the (check id, file, address) verdicts both produced.

    aispm verdicts are first restricted to the resource types Checkov's check judges (from expected.json
    and from what Checkov reported in this run): one aispm rule can cover more types than the Checkov id
    it references (e.g. local auth for Search *and* Cognitive Services). An address present only on one
    side is matched, as a fallback, by (check id, file, resource type, start line ± 1): the tools name a
    few resources differently (e.g. an ARM name expression Checkov leaves unevaluated).
    """
    seen_types = {k[0]: set() for k in c}
    for k in c:
        seen_types[k[0]].add(addr_type(k[2]))
    judged = {check: check_types.get(check, set()) | seen_types.get(check, set())
              for check in {k[0] for k in a} | set(seen_types)}
    beyond = Counter(f"{k[0]} {addr_type(k[2])}" for k in a if addr_type(k[2]) not in judged.get(k[0], set()))
    a = {k: v for k, v in a.items() if addr_type(k[2]) in judged.get(k[0], set())}
    shared = a.keys() & c.keys()
    only_a = set(a) - shared
    only_c = set(c) - shared
    # fallback by line
    idx: dict[tuple[str, str, str], list[tuple[int, Key]]] = {}
    for k in only_c:
        idx.setdefault((k[0], k[1], addr_type(k[2])), []).append((c_lines.get(k, 0), k))
    pairs: list[tuple[Key, Key]] = []
    for k in sorted(only_a):
        for line, ck in idx.get((k[0], k[1], addr_type(k[2])), []):
            if ck in only_c and abs(line - a_lines.get(k, -9)) <= 1:
                pairs.append((k, ck))
                only_c.discard(ck)
                break
    for k, _ in pairs:
        only_a.discard(k)
    agree = sum(a[k] == c[k] for k in shared) + sum(a[ka] == c[kc] for ka, kc in pairs)
    n_shared = len(shared) + len(pairs)
    disagreements: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for ka, kc in [(k, k) for k in shared] + pairs:
        if a[ka] != c[kc]:
            label = f"{ka[0]} {addr_type(ka[2])}: aispm {a[ka]} / checkov {c[kc]}"
            disagreements[label] += 1
            examples.setdefault(label, [])
            if len(examples[label]) < 3:
                examples[label].append(f"{ka[1]} {ka[2]}")
    only_a_by = Counter(f"{k[0]} {addr_type(k[2])}" for k in only_a)
    only_c_by = Counter(f"{k[0]} {addr_type(k[2])}" for k in only_c)
    only_examples: dict[str, dict[str, str]] = {"aispm_only_by_check": {}, "checkov_only_by_check": {}}
    for side, keys, verdicts in (("aispm_only_by_check", only_a, a), ("checkov_only_by_check", only_c, c)):
        for k in sorted(keys):
            only_examples[side].setdefault(f"{k[0]} {addr_type(k[2])}", f"{k[1]} {k[2]} ({verdicts[k]})")
    by_cloud: dict[str, dict[str, int]] = {}
    for ka, kc in [(k, k) for k in shared] + pairs:
        row = by_cloud.setdefault(cloud_of(ka[0]), Counter())
        row["shared"] += 1
        row["agree"] += a[ka] == c[kc]
    for side, keys in (("aispm_only", only_a), ("checkov_only", only_c)):
        for k in keys:
            by_cloud.setdefault(cloud_of(k[0]), Counter())[side] += 1
    for side, verdicts in (("aispm", a), ("checkov", c)):
        for k, v in verdicts.items():
            row = by_cloud.setdefault(cloud_of(k[0]), Counter())
            row[f"{side}_verdicts"] += 1
            row[f"{side}_failing"] += v == "fail"
    return {
        "shared": n_shared, "agree": agree, "agreement": agree / n_shared if n_shared else None,
        "matched_by_line": len(pairs),
        "aispm_only": len(only_a), "checkov_only": len(only_c),
        "aispm_verdicts": len(a), "checkov_verdicts": len(c),
        "aispm_failing": sum(v == "fail" for v in a.values()),
        "checkov_failing": sum(v == "fail" for v in c.values()),
        "disagreements": dict(disagreements.most_common()),
        "disagreement_examples": examples,
        "aispm_only_by_check": dict(only_a_by.most_common()),
        "checkov_only_by_check": dict(only_c_by.most_common()),
        "only_examples": only_examples,
        # aispm verdicts on types the Checkov id does not judge (e.g. awscc_*, AIServices-only kinds): not compared.
        "aispm_other_types": sum(beyond.values()),
        "aispm_other_types_by_check": dict(beyond.most_common()),
        "by_cloud": {cloud: {**dict(row), "agreement": row["agree"] / row["shared"] if row["shared"] else None}
                     for cloud, row in sorted(by_cloud.items())},
    }


def count_files(root: Path) -> dict[str, int]:
    counts: Counter = Counter()
    for p in root.rglob("*"):
        if p.is_file():
            n = p.name
            if n.endswith(".tf"):
                counts["terraform"] += 1
            elif n.endswith(".bicep"):
                counts["bicep"] += 1
            elif n.endswith(".json"):
                counts["json"] += 1
            elif n.endswith((".yaml", ".yml", ".template")):
                counts["yaml"] += 1
    return dict(counts)


# --------------------------------------------------------------------------- main

def precompile(*binaries: Path) -> None:
    """Both tools run as users install them: with bytecode compiled (pip compiles at
    install time). Some environments set PYTHONDONTWRITEBYTECODE, which would make
    every run recompile every module of both tools; drop it and compile once."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for binary in binaries:
        python = Path(binary).resolve().parent / "python"
        if not python.exists():
            continue
        site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
        subprocess.run([str(python), "-m", "compileall", "-q", "-j", "0", site], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    src = HERE.parent / "src"
    if src.is_dir():  # an editable install of aispm
        subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0", str(src)], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkov", help="use this checkov binary instead of benchmarks/.venv-checkov")
    ap.add_argument("--aispm", help="aispm binary (default: the one next to this Python, then PATH)")
    ap.add_argument("--corpus", action="append", choices=CORPORA,
                    help="corpus to scan (repeatable; default: all of " + ", ".join(CORPORA) + ")")
    ap.add_argument("--large", type=Path, default=WORK / "large", help="generated Azure corpus directory")
    ap.add_argument("--resources", type=int, default=5000, help="size of the Azure corpus (default 5000)")
    ap.add_argument("--multicloud", type=Path, default=WORK / "multicloud", help="generated multi-cloud corpus directory")
    ap.add_argument("--multicloud-resources", type=int, default=10000,
                    help="size of the multi-cloud corpus (default 10000)")
    ap.add_argument("--seed", type=int, default=20260825, help="generator seed (both generated corpora)")
    ap.add_argument("--regenerate", action="store_true", help="regenerate the generated corpora even if they exist")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per tool on the generated corpora (median; default 1)")
    ap.add_argument("--repeat-conformance", type=int, default=3, help="runs per tool on the fixtures (default 3)")
    ap.add_argument("--all-checks", action="store_true",
                    help="also time Checkov with all its checks (generated corpora)")
    ap.add_argument("--skip-large", action="store_true", help="same as leaving large out of --corpus")
    ap.add_argument("--skip-multicloud", action="store_true", help="same as leaving multicloud out of --corpus")
    ap.add_argument("--skip-conformance", action="store_true", help="same as leaving conformance out of --corpus")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--details", action="store_true", help="print every mismatch and disagreement class")
    args = ap.parse_args(argv)

    WORK.mkdir(parents=True, exist_ok=True)
    aispm = find_aispm(args.aispm)
    checkov = ensure_checkov(args.checkov)
    precompile(aispm, checkov)
    rule_map = load_rules(aispm)
    check_ids = sorted({c for ids in rule_map.values() for c in ids})
    if not check_ids:
        raise SystemExit("no aispm rule references a Checkov id")
    expected, check_types = conformance_expected()
    # Checkov runs only the ids aispm's rules reference; a fixture set whose id no rule references yet (a
    # rule still pending, e.g. CKV2_AWS_68) is left out of both tools' conformance scores and listed.
    unreferenced = sorted({k[0] for k in expected} - set(check_ids))
    expected = {k: v for k, v in expected.items() if k[0] in check_ids}
    env_info = {
        "aispm": tool_version([str(aispm), "--version"]),
        "checkov": tool_version([str(checkov), "--version"]),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "check_ids": check_ids,
        "conformance_ids_without_rule": unreferenced,
        "loadavg_before": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    print(f"aispm {env_info['aispm']} | checkov {env_info['checkov']} | {env_info['platform']}, "
          f"{env_info['cpus']} CPUs", file=sys.stderr)
    load = env_info["loadavg_before"]
    if load and load[0] > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {load[0]:.1f} on {os.cpu_count()} CPUs: other work competes with the tools, "
              "timings will be noisy", file=sys.stderr)

    def checkov_cmd(target: Path, restricted: bool) -> list[str]:
        cmd = [str(checkov), "-d", str(target), "--framework", *FRAMEWORKS, "-o", "json", "--compact",
               "--skip-download"]
        # No --quiet: in JSON output it drops passed_checks, and agreement needs PASSED verdicts too.
        if restricted:
            cmd += ["--check", ",".join(check_ids)]
        return cmd

    def aispm_cmd(target: Path, out: Path) -> list[str]:
        return [str(aispm), "scan", str(target), "--format", "json", "-o", str(out), "--ignore-input-errors", "-q"]

    def generated(out: Path, script: str, resources: int) -> dict:
        """The corpus at `out`, generated unless its manifest says it was made with these settings."""
        manifest_path = out.parent / (out.name + ".manifest.json")
        manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
        if (args.regenerate or not out.exists() or manifest.get("requested_resources") != resources
                or manifest.get("seed") != args.seed or manifest.get("generator") != f"benchmarks/{script}"):
            print(f"generating {out} ({resources} resources, seed {args.seed})...", file=sys.stderr)
            subprocess.run([sys.executable, str(HERE / script), "--resources", str(resources), "--seed",
                            str(args.seed), "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
            manifest = json.loads(manifest_path.read_text())
        return manifest

    chosen = [c for c in (args.corpus or CORPORA)
              if not getattr(args, f"skip_{c}")]
    corpora: list[tuple[str, Path, int]] = []
    manifests: dict[str, dict] = {}
    if "conformance" in chosen:
        corpora.append(("conformance", SUITE, args.repeat_conformance))
    if "large" in chosen:
        manifests["large"] = generated(args.large, "generate_azure_corpus.py", args.resources)
        corpora.append(("large", args.large, args.repeat))
    if "multicloud" in chosen:
        manifests["multicloud"] = generated(args.multicloud, "generate_corpus.py", args.multicloud_resources)
        corpora.append(("multicloud", args.multicloud, args.repeat))

    rows: list[dict] = []
    results: dict = {"environment": env_info, "corpora": {}}
    for name, root, repeat in corpora:
        files = count_files(root)
        a_out = WORK / f"aispm-{name}.json"
        c_out = WORK / f"checkov-{name}.json"
        ma = measure("aispm", name, "scan", aispm_cmd(root, a_out), a_out, repeat, (0, 2), False)
        mc = measure("checkov", name, "AI checks", checkov_cmd(root, True), c_out, repeat, (0, 1), True)
        a_v, a_info, a_lines = aispm_verdicts(a_out, rule_map)
        c_v, c_counts, c_lines = checkov_verdicts(c_out, rollup=name != "conformance")
        entry: dict = {"root": str(root), "files": files, "aispm": a_info, "manifest": manifests.get(name),
                       "checkov": {"resources": c_counts["resources"], "parsing_errors": c_counts["parsing_errors"],
                                   "passed": c_counts["pass"], "failed": c_counts["fail"]},
                       "runs": {}}
        if name == "conformance":
            sa = score_conformance(a_v, expected, documented=True)
            sc = score_conformance(c_v, expected)
            entry["agreement"] = {"aispm": sa, "checkov": sc}
            ag_a = f"{sa['matched']}/{sa['expected']} = {sa['agreement']:.1%} (vs expected)"
            ag_c = f"{sc['matched']}/{sc['expected']} = {sc['agreement']:.1%} (vs expected)"
        else:
            cmp = compare_tools(a_v, c_v, a_lines, c_lines, check_types)
            entry["agreement"] = cmp
            ag = (f"{cmp['agree']}/{cmp['shared']} = {cmp['agreement']:.1%} (tools, shared)"
                  if cmp["shared"] else "n/a (no shared verdicts)")
            ag_a = ag_c = ag
        n_files = sum(files.values())
        for m, verdicts, resources, ag in (
                (ma, a_v, a_info["assets"], ag_a),
                (mc, c_v, c_counts["resources"], ag_c)):
            fails = sum(v == "fail" for v in verdicts.values())
            rows.append({"tool": m.tool, "variant": m.variant, "corpus": name, "files": n_files,
                         "resources": resources, "wall_s": m.wall, "peak_mb": m.peak_mb, "tree_mb": m.tree_mb,
                         "cpu_s": statistics.median(m.cpu), "verdicts": len(verdicts), "failing": fails,
                         "agreement": ag, "runs": len(m.walls)})
            entry["runs"][f"{m.tool}:{m.variant}"] = {**asdict(m), "wall_median": m.wall,
                                                      "peak_mb": m.peak_mb, "tree_mb": m.tree_mb}
        entry["speedup"] = mc.wall / ma.wall
        entry["cpu_ratio"] = statistics.median(mc.cpu) / max(statistics.median(ma.cpu), 1e-9)
        if name != "conformance" and args.all_checks:
            c_all = WORK / f"checkov-{name}-all.json"
            mall = measure("checkov", name, "all checks", checkov_cmd(root, False), c_all, args.repeat, (0, 1), True)
            all_v, all_counts, _ = checkov_verdicts(c_all)
            rows.append({"tool": "checkov", "variant": "all checks", "corpus": name, "files": n_files,
                         "resources": all_counts["resources"], "wall_s": mall.wall, "peak_mb": mall.peak_mb,
                         "tree_mb": mall.tree_mb, "cpu_s": statistics.median(mall.cpu), "verdicts": len(all_v),
                         "failing": sum(v == "fail" for v in all_v.values()), "agreement": "-",
                         "runs": len(mall.walls)})
            entry["runs"]["checkov:all checks"] = {**asdict(mall), "wall_median": mall.wall,
                                                   "peak_mb": mall.peak_mb, "tree_mb": mall.tree_mb}
            entry["speedup_vs_all_checks"] = mall.wall / ma.wall
            entry["cpu_ratio_vs_all_checks"] = statistics.median(mall.cpu) / max(statistics.median(ma.cpu), 1e-9)
        results["corpora"][name] = entry

    # ---- report
    head = ("tool", "checks", "corpus", "files", "resources", "wall s", "peak MB", "tree MB", "CPU s", "verdicts",
            "failing", "agreement")
    table = [head] + [(r["tool"], r["variant"], r["corpus"], str(r["files"]), str(r["resources"]),
                       f"{r['wall_s']:.2f}", f"{r['peak_mb']:.0f}",
                       f"{r['tree_mb']:.0f}" if r["tree_mb"] else "-", f"{r['cpu_s']:.1f}",
                       str(r["verdicts"]), str(r["failing"]), r["agreement"]) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    print()
    for i, row in enumerate(table):
        print("  ".join(c.rjust(w) if 3 <= j <= 10 else c.ljust(w) for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    for name, entry in results["corpora"].items():
        line = (f"speed: aispm is {entry['speedup']:.1f}x faster than Checkov (AI checks) on {name} "
                f"(CPU time {entry['cpu_ratio']:.1f}x)")
        if "speedup_vs_all_checks" in entry:
            line += (f", {entry['speedup_vs_all_checks']:.1f}x vs Checkov with all checks "
                     f"(CPU time {entry['cpu_ratio_vs_all_checks']:.1f}x)")
        print(line)
    conf = results["corpora"].get("conformance")
    if conf:
        if unreferenced:
            print(f"conformance: fixture sets of {', '.join(unreferenced)} left out (no aispm rule references them)")
        for tool in ("aispm", "checkov"):
            s = conf["agreement"][tool]
            fw = ", ".join(f"{k} {v['matched']}/{v['expected']}" for k, v in s["by_framework"].items())
            fw += "; " + ", ".join(f"{k} {v['matched']}/{v['expected']}" for k, v in s["by_cloud"].items())
            extra = (f"; {s['documented_divergences']} of the misses are documented, deliberate divergences "
                     f"(tests/test_conformance_checkov.py, docs/conformance.md)") if s["documented_divergences"] else ""
            print(f"conformance {tool}: {s['matched']}/{s['expected']} verdicts as expected ({fw}){extra}")
            for k, v in s["mismatches"].items():
                print(f"    {k}: expected {v['expected']}, got {v['got']}")
    for name in ("large", "multicloud"):
        gen = results["corpora"].get(name)
        if not gen:
            continue
        cmp = gen["agreement"]
        print(f"{name} corpus: {cmp['shared']} shared verdicts ({cmp['matched_by_line']} matched by line), "
              f"{cmp['agree']} agree; aispm-only {cmp['aispm_only']}, checkov-only {cmp['checkov_only']}; "
              f"failing: aispm {cmp['aispm_failing']}, checkov {cmp['checkov_failing']} "
              f"(aispm, all rules: {gen['aispm']['findings']}; input errors {gen['aispm']['errors']})")
        other = ", ".join(f"{k} {n}" for k, n in list(cmp["aispm_other_types_by_check"].items())[:8])
        print(f"    not compared: {cmp['aispm_other_types']} aispm verdicts on types the Checkov id does not judge"
              + (f" ({other}, …)" if other else ""))
        for cloud, row in cmp["by_cloud"].items():
            ag = f"{row['agree']}/{row['shared']} = {row['agreement']:.1%}" if row.get("shared") else "n/a"
            print(f"    {cloud:6} shared verdicts agree {ag}; aispm-only {row.get('aispm_only', 0)}, "
                  f"checkov-only {row.get('checkov_only', 0)}; failing: aispm {row.get('aispm_failing', 0)}, "
                  f"checkov {row.get('checkov_failing', 0)}")
        shown = cmp["disagreements"] if args.details else dict(list(cmp["disagreements"].items())[:12])
        for label, n in shown.items():
            print(f"    {n:5}  {label}   e.g. {cmp['disagreement_examples'][label][0]}")
        for side in ("aispm_only_by_check", "checkov_only_by_check"):
            items = cmp[side].items() if args.details else list(cmp[side].items())[:6]
            for label, n in items:
                print(f"    {side.split('_')[0]}-only {n:5}  {label}   e.g. {cmp['only_examples'][side][label]}")
    if hasattr(os, "getloadavg"):
        env_info["loadavg_after"] = os.getloadavg()
        print(f"load average before/after: {env_info['loadavg_before'][0]:.1f} / {env_info['loadavg_after'][0]:.1f} "
              f"on {os.cpu_count()} CPUs")
    if args.json:
        results["table"] = rows
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

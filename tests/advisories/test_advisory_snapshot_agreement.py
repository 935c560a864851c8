"""Version matching proven against the bundled snapshot (issue 3, "Done means").

For every advisory of the 30 GenAI packages with the most advisories: each version the
advisory lists as affected must give a certain match with that advisory id, and each
first fixed version must not match it, unless the advisory itself still counts that
version affected (listed in `versions`, or inside another of its ranges, per the OSV
spec's reference algorithm below, written independently of aispm's interval code).
"""

from collections import defaultdict

from packaging.version import InvalidVersion, Version

from aispm.advisories.match import Matcher
from aispm.providers.code.catalog import genai
from aispm.advisories.versions import normalize_name

# The top 30 of the curated GenAI package list (src/aispm/catalog/genai-packages.txt) by
# active advisories in the snapshot; re-derived from the list below.
TOP30 = [
    "tensorflow", "tensorflow-cpu", "tensorflow-gpu", "open-webui", "mlflow", "praisonai", "vllm", "gradio",
    "langflow", "paddlepaddle", "praisonaiagents", "torch", "transformers", "litellm", "picklescan", "lollms",
    "langchain", "llama-index", "mindsdb", "chuanhuchatgpt", "aim", "crawl4ai", "h2o", "bentoml", "nltk",
    "agentscope", "zenml", "keras", "label-studio", "langroid",
]


def top_packages(db, n=30):
    names = [name for (eco, name) in genai.packages() if eco == "pypi"]
    counts = {name: len(db.advisories("PyPI", name)) for name in names}
    return sorted((nm for nm in counts if counts[nm]), key=lambda nm: (-counts[nm], nm))[:n]


def test_top30_list_matches_the_curated_list(snapshot_db):
    assert set(top_packages(snapshot_db)) == set(TOP30)


def reference_affected(version: Version, affected) -> bool:
    """OSV schema reference algorithm (`IsAffected`), ECOSYSTEM ranges, PEP 440 order."""
    for rng in affected.ranges:
        events = []
        for kind, raw in rng.events:
            if kind == "introduced" and raw == "0":
                events.append((None, kind))
                continue
            try:
                events.append((Version(raw), kind))
            except InvalidVersion:
                return False  # such a range cannot be evaluated; not used by the cases below
        events.sort(key=lambda e: (e[0] is not None, e[0] or Version("0")))
        vulnerable = False
        for v, kind in events:
            if kind == "introduced" and (v is None or version >= v):
                vulnerable = True
            elif kind == "fixed" and version >= v:
                vulnerable = False
            elif kind == "last_affected" and version > v:
                vulnerable = False
            elif kind == "limit" and version >= v:
                vulnerable = False
        if vulnerable:
            return True
    for raw in affected.versions:
        try:
            if Version(raw) == version:
                return True
        except InvalidVersion:
            continue
    return False


def cases(db):
    """(package, version) → {advisory id: expected affected?}"""
    expect: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)
    for name in TOP30:
        for adv in db.advisories("PyPI", name):
            affs = adv.affected_for("PyPI", normalize_name("PyPI", name))
            for aff in affs:
                for v in aff.versions:
                    expect[(name, v)][adv.id] = True
                for f in aff.fixed:
                    try:
                        fv = Version(f)
                    except InvalidVersion:
                        continue
                    if expect[(name, f)].get(adv.id):
                        continue
                    expect[(name, f)][adv.id] = any(reference_affected(fv, a) for a in affs)
    return expect


def test_snapshot_versions_and_fixes_agree(snapshot_db):
    matcher = Matcher(snapshot_db)
    expect = cases(snapshot_db)
    n_affected = sum(1 for e in expect.values() for ok in e.values() if ok)
    n_fixed = sum(1 for e in expect.values() for ok in e.values() if not ok)
    assert n_affected > 20000 and n_fixed > 1000  # the proof covers real volume
    wrong = []
    for (name, version), advs in expect.items():
        got = {m.id: m for m in matcher.match("PyPI", name, version)}
        for adv_id, affected in advs.items():
            m = got.get(adv_id)
            if affected and (m is None or not m.certain):
                wrong.append(f"{name} {version}: {adv_id} lists it as affected, aispm says {m and m.certainty}")
            if not affected and m is not None:
                wrong.append(f"{name} {version}: fixed by {adv_id}, aispm matched it ({m.matched})")
    assert not wrong, f"{len(wrong)} disagreements, e.g. " + "\n".join(wrong[:20])


def test_every_top30_package_has_advisories(snapshot_db):
    for name in TOP30:
        assert len(snapshot_db.advisories("PyPI", name)) >= 10, name

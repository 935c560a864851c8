"""`aispm.forked.shared`: a share of the work in a forked child, and every way that can fail ending, within a
deadline, with the whole result (or this process's own exception). Each case runs in a subprocess
(`forked_cases.py`) so that the deadline covers the exit too."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("forked_cases.py")
TESTS = Path(__file__).resolve().parents[1]
#: templates with modules, loops, parameter files, registry modules, budget hits and syntax errors
BICEP_TREES = (TESTS / "sources" / "bicep" / "fixtures", TESTS / "sources" / "bicep" / "corpus", TESTS / "rules" / "cases")
DEADLINE = 120


def run(*args: str) -> dict:
    try:
        out = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                             timeout=DEADLINE, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args[0]}: did not end within {DEADLINE} s")
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_child_runs_its_share_and_sends_more_than_a_pipe_holds():
    got = run("ok")
    assert got == {"ours": [0, 2, 4], "theirs": [1, 3, 5], "forked": True, "sizes": [100_000], "ran_here": ["parent"]}


@pytest.mark.parametrize("case", ["child-fails", "child-dies", "in-daemon"])
def test_a_failing_or_impossible_child_costs_time_never_input(case):
    got = run(case)
    assert got["ours"] == [0, 2, 4] and got["theirs"] == [1, 3, 5]
    assert got["forked"] is False and got["ran_here"] == ["parent", "parent"]  # its share, run here


def test_a_failing_parent_raises_and_never_waits_on_its_child():
    assert run("parent-fails") == {"raised": "injected failure in the parent"}


@pytest.fixture(scope="module")
def bicep_tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("bicep")
    for tree in BICEP_TREES:
        shutil.copytree(tree, root / tree.name)
    return root


@pytest.mark.parametrize("case", ["bicep-parallel", "bicep-child-dies"])
def test_bicep_templates_evaluated_in_two_processes_give_the_one_process_result(case, bicep_tree):
    serial = run("bicep-serial", str(bicep_tree))
    assert len(serial["assets"]) > 100 and serial["files"] > 60 and serial["errors"] and serial["warnings"]
    assert run(case, str(bicep_tree)) == serial


#: Built from parts so that this file holds no literal key for other scanners to trip on.
PLANTED = "sk-proj-" + "Xq7Rt2Mn9Bv4Lk8Jh3Gf6Ds1Ap0Zc5Yw7Tu2Ie9Ro4Pl6Ka8Sj3Dh1Fg5Hj7Kl9Zx2Cv4Bn6"


@pytest.fixture(scope="module")
def graph_tree(tmp_path_factory):
    """The examples and every estate of the graph tests (each has attack paths), and an exposed AI
    account whose name holds a key: attack path titles and choke points are built from names."""
    root = tmp_path_factory.mktemp("graph")
    shutil.copytree(TESTS.parent / "examples", root / "examples")
    shutil.copytree(TESTS / "graph" / "estates", root / "estates")
    # a suppressed vulnerability: the graph, started before judging, must still see it suppressed
    for variant in ("found", "broken"):
        reqs = root / "estates" / "03-app-settings-listkeys" / variant / "src" / "web" / "requirements.txt"
        reqs.write_text(reqs.read_text().replace(
            "gunicorn==21.2.0", "gunicorn==21.2.0  # aispm:ignore:PYSEC-2026-1433 not reachable behind our proxy"))
    (root / "planted").mkdir()
    (root / "planted" / "main.tf").write_text(f'''
resource "azurerm_cognitive_account" "oai" {{
  name                          = "oai-{PLANTED}"
  kind                          = "OpenAI"
  local_auth_enabled            = true
  public_network_access_enabled = true
}}
''')
    return root


@pytest.mark.parametrize("case", ["graph-beside", "graph-child-dies"])
def test_a_graph_searched_beside_redaction_gives_the_one_process_report(case, graph_tree):
    serial = run("graph-serial", str(graph_tree))["report"]
    assert len(serial["attack_paths"]) > 30 and serial["choke_points"]
    assert any("oai-sk-p" in p["title"] for p in serial["attack_paths"])  # the planted name is in a path, redacted
    assert {f["status"] for f in serial["findings"] if f["rule_id"] == "PYSEC-2026-1433"} == {"suppressed"}
    steps = json.dumps([p["steps"] for p in serial["attack_paths"]])
    assert "PYSEC-2026-1434 in gunicorn" in steps and "PYSEC-2026-1433" not in steps  # paths list open ones only
    got = run(case, str(graph_tree))["report"]
    assert got == serial
    assert PLANTED not in json.dumps(got) and PLANTED[8:40] not in json.dumps(got)

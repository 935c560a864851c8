"""The `aispm` console script (`aispm.cli.run`) ends without the interpreter's teardown: what it
must still do is write every byte of the report, keep the exit status and run exit handlers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SCRIPT = """
import atexit, sys
marker = sys.argv.pop(1)
atexit.register(lambda: open(marker, "w").write("ran"))
from aispm.cli import run
sys.argv = ["aispm", *sys.argv[1:]]
run()
"""


def _run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    marker = tmp_path / "atexit-ran"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(marker), *args], capture_output=True, timeout=300)
    return proc, marker


def test_report_on_stdout_is_whole_and_the_status_is_kept(tmp_path: Path) -> None:
    proc, marker = _run(tmp_path, "scan", str(EXAMPLES), "-q", "-f", "json")
    assert proc.returncode == 2, proc.stderr.decode()  # the examples have failing findings
    report = json.loads(proc.stdout)  # flushed to the last byte
    assert report["assets"] and report["findings"]
    assert marker.read_text() == "ran"  # exit handlers (temporary folders...) still run


def test_status_of_a_clean_command_and_of_a_usage_error(tmp_path: Path) -> None:
    ok, _ = _run(tmp_path, "--version")
    assert ok.returncode == 0 and b"aispm" in ok.stdout
    bad, _ = _run(tmp_path, "scan", "--format", "no-such-format", str(EXAMPLES))
    assert bad.returncode not in (0, 2) and b"no-such-format" in bad.stderr

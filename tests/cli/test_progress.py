"""The progress status: on a terminal's stderr during a scan, erased before the report; never on
stdout, never when stderr is a pipe (CI logs, scripts), never with --quiet. The end-to-end
tests run the real `aispm` with its stderr on a pseudo-terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from aispm.cli.progress import Progress, status_text

ROOT = Path(__file__).resolve().parents[2]
AISPM = [sys.executable, "-c", "from aispm.cli import main; main()"]
ERASE = "\r\x1b[K"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AISPM_")}
    env.update({"TERM": "xterm", "COLUMNS": "120", "AISPM_PROGRESS_DELAY": "0"}, **extra)
    return env


def _run_with_tty_stderr(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run aispm with stderr on a pseudo-terminal and stdout on a pipe: (exit code, stdout, stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*AISPM, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    err = b""
    out_chunks = []
    while True:
        ready, _, _ = select.select([master, proc.stdout], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("aispm stopped producing output")
        if proc.stdout in ready:
            chunk = proc.stdout.read1(65536)
            if chunk:
                out_chunks.append(chunk)
        if master in ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed, the process is done with it
                data = b""
            if not data:
                break
            err += data
    out_chunks.append(proc.stdout.read())
    code = proc.wait(60)
    os.close(master)
    return code, b"".join(out_chunks).decode(), err.decode(errors="replace")


def test_a_terminal_sees_the_stages_and_stdout_stays_a_clean_report() -> None:
    code, out, err = _run_with_tty_stderr(["scan", "examples", "-f", "json", "--offline"], _env())
    assert code == 2, err
    report = json.loads(out)  # stdout is the report and nothing else
    assert report["findings"]
    assert re.search(r"aispm: collect \d+/\d+ files", err)  # files read so far, of how many
    assert "aispm: judge" in err and "aispm: graph" in err
    # the status is erased before the summary printed after the scan
    last_status = err.rindex("aispm: sanitize")
    assert ERASE in err[last_status:]
    summary = err.index("aispm: ", last_status + 1)
    assert "files," in err[summary:] and ERASE in err[last_status:summary]


def test_quiet_draws_nothing_on_a_terminal() -> None:
    code, out, err = _run_with_tty_stderr(["scan", "examples", "-f", "json", "--offline", "-q"], _env())
    assert code == 2
    json.loads(out)
    assert "aispm:" not in err and "\x1b[K" not in err


def test_no_status_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    proc = subprocess.run([*AISPM, "scan", "examples", "-f", f"sarif={tmp_path / 'a.sarif'}", "--offline"],
                          cwd=ROOT, capture_output=True, text=True, env=_env(), stdin=subprocess.DEVNULL)
    assert proc.returncode == 2, proc.stderr
    assert "\r" not in proc.stderr and "\x1b[K" not in proc.stderr
    assert "aispm: collect" not in proc.stderr and "aispm: collect" not in proc.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_before_the_delay_and_the_line_is_erased_at_close() -> None:
    now = [0.0]
    term = _Terminal()
    progress = Progress(term, delay=1.0, clock=lambda: now[0])
    progress.update("collect", 0, 40)
    assert term.getvalue() == ""  # a quick scan prints nothing extra
    now[0] = 1.5
    progress.update("collect", 10, 40, detail="aws://prod/eu-west-1 bedrock")
    assert term.getvalue().endswith("aispm: collect 10/40 files · aws://prod/eu-west-1 bedrock · 2s")
    progress.close()
    assert term.getvalue().endswith(ERASE)


def test_a_note_stays_and_the_status_comes_back_under_it() -> None:
    term = _Terminal()
    lines = []
    progress = Progress(term, delay=0, clock=lambda: 5.0, log=lambda line: (lines.append(line), term.write(line + "\n")))
    progress.update("collect", 1, 2)
    progress.note("aws://prod: reading")
    assert lines == ["aws://prod: reading"]
    tail = term.getvalue().split("aws://prod: reading\n", 1)[1]
    assert tail.startswith(ERASE + "aispm: collect 1/2 files")
    assert ERASE in term.getvalue().split("aws://prod: reading")[0]  # erased before the note


def test_disabled_or_not_a_terminal_draws_nothing_but_notes_still_log() -> None:
    lines = []
    for progress in (Progress(io.StringIO(), delay=0, log=lines.append),
                     Progress(_Terminal(), enabled=False, delay=0, log=lines.append)):
        progress.update("judge")
        progress.note("a line")
        progress.close()
        assert progress.stream.getvalue() == ""
    assert lines == ["a line", "a line"]


def test_text_from_the_tree_cannot_drive_the_terminal() -> None:
    assert "\x1b" not in status_text("walk", 0, 0, "evil\x1b[2J\x07name", 0.0)

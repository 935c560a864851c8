"""Run `aispm scan` in this process under an address-space cap, and report what it cost.

    python run_case.py TARGET REPORT.json      # prints {"exit": n, "peak_mb": m, "seconds": s} last on stderr

The cap (`AISPM_CASE_MAX_GB`, default 4) keeps a runaway case from taking the machine down; the
test asserts the real budget (1.5 GB peak) on `peak_mb`, the largest resident set of this
process and of any worker it forked."""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def _own_peak_kb() -> int:
    """This process's peak resident set since it started (`VmHWM`), in KB.

    Not `getrusage(RUSAGE_SELF).ru_maxrss`: Linux keeps that across `execve`, and Python starts this
    runner with `vfork`, so it would hold the peak of the *parent's* memory at that moment — a test
    process that has grown to 1.7 GB after three thousand tests made every case look 1.7 GB big. The
    workers this process forks are measured by `RUSAGE_CHILDREN` (their own peaks since the fork)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: the best there is


def main() -> None:
    cap = int(float(os.environ.get("AISPM_CASE_MAX_GB", "4")) * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    target, report = sys.argv[1], sys.argv[2]
    from aispm.cli import main as cli

    start = time.monotonic()
    code = 0
    try:
        cli(["scan", target, "-f", "json", "-o", report, "-q"], standalone_mode=False)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        code = 99
        print(f"uncaught {type(exc).__name__}: {exc}"[:500], file=sys.stderr)
    seconds = time.monotonic() - start
    peak = max(_own_peak_kb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sys.stderr.write("\n" + json.dumps({"exit": code, "peak_mb": round(peak / 1024), "seconds": round(seconds, 2)}) + "\n")
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()

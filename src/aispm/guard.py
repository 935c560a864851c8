"""Guards: an unexpected exception in one source or stage becomes one entry of the report's
`errors`, and the scan goes on.

Sources never raise for bad input by contract (they report a `ScanError` and continue), but a
contract is not a proof: an input nobody anticipated (an `Unknown` where a dict was expected, a
value of the wrong type) can still reach code that raises. Without a guard that one exception
would cost the whole scan its report; with it, it costs the one source or stage, and the report
says which, where in aispm, and why, so that it can be fixed.
"""

from __future__ import annotations

import contextlib
import traceback
from typing import Iterator

from aispm.model import ScanError, ScanResult


def _where_raised(exc: BaseException) -> str:
    """Where the exception was raised: `aispm/<module>.py:123` for our code, `<file>.py:123` for a
    plug-in's or a library's (what a bug report needs). Never the input's content."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    f = frames[-1]
    path = f.filename.replace("\\", "/")
    path = "aispm/" + path.rsplit("/aispm/", 1)[-1] if "/aispm/" in path else path.rsplit("/", 1)[-1]
    return f" (at {path}:{f.lineno})"


def stage_error(stage: str, exc: BaseException, file: str | None = None, line: int | None = None,
                what: str = "") -> ScanError:
    """The error entry for an exception that escaped `stage` (about `what`: a source, a rule)."""
    subject = f"{stage} {what}".strip()
    reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    message = (f"{subject} failed unexpectedly: {type(exc).__name__}{': ' + reason if reason else ''}"
               f"{_where_raised(exc)}; the rest of the scan went on")
    return ScanError(file or f"<{stage}>", line, message)


@contextlib.contextmanager
def guarded(result: ScanResult, stage: str, what: str = "", file: str | None = None) -> Iterator[None]:
    """Run a block; an `Exception` from it is recorded in `result.errors` instead of propagating.
    (`KeyboardInterrupt` and `SystemExit` still stop the scan, as a user expects.)"""
    try:
        yield
    except RecursionError as exc:
        result.errors.append(stage_error(stage, exc, file, None, what))
    except Exception as exc:  # noqa: BLE001 - this is the guard
        result.errors.append(stage_error(stage, exc, file, None, what))

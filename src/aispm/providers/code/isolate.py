"""Per-file isolation for the code provider's sources: whatever goes wrong while one file is read
costs that file only.

Sources report bad input as `ScanError`s by contract, and the readers of `aispm.formats` turn
every parse failure, depth and budget into one; `one_file` is the net under that contract. An
exception that still escapes the reading of one file (a `RecursionError` from a walker, a value
of a type nobody anticipated, a `MemoryError`) becomes one `errors` entry for that file — what
failed and where in aispm, never the input's content — and the source goes on with its other
files, so it never reaches another file's results. (The stage guard, `aispm.guard`, would catch
it too, but for the whole source: every other file of that kind would be lost.)

Fuzzing wants the opposite: with `AISPM_RAISE_UNEXPECTED=1` in the environment the exception
propagates, so that `scripts/fuzz.py` sees it as a crash and keeps the input.
"""

from __future__ import annotations

import contextlib
import os
from typing import Iterator

from aispm.guard import stage_error
from aispm.model import ScanError

#: Set (to anything but empty or 0) to let unexpected exceptions escape, for fuzzing.
RAISE_ENV = "AISPM_RAISE_UNEXPECTED"


def raise_unexpected() -> bool:
    """Whether unexpected exceptions should escape (fuzzing)."""
    return os.environ.get(RAISE_ENV, "") not in ("", "0")


@contextlib.contextmanager
def one_file(errors: list[ScanError], rel: str, source: str) -> Iterator[None]:
    """Run the reading of one file (`rel`) by `source`; an exception from it becomes one error for
    that file and the block is left (what it had already added stays)."""
    try:
        yield
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - this is the per-file guard
        if raise_unexpected():
            raise
        err = stage_error("source", exc, rel, None, f"{source} reading this file")
        errors.append(err)

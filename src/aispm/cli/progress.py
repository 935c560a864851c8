"""A one-line progress status on stderr for scans long enough to wonder about.

A person who starts a scan of a large tree or a cloud wants to know it is moving and where; a
pipe, a CI log or a machine reading stdout wants none of it. So the status is drawn only when
stderr is a terminal (never on stdout, whatever the report format), only once the work has run
longer than `delay` (about a second: a quick scan prints nothing extra), and never with
`--quiet`. It is one line redrawn in place (`\\r` and erase-to-end-of-line), cut to the
terminal's width so it never wraps, and erased by `close()` before anything else is printed.

API, for the scan and for any long work that wants to show where it is (a live collector's cloud,
region and service):

- `update(stage, done=0, total=0, detail="")`: the current stage (the pipeline's words: walk,
  collect, fold, derive, link, judge, advise, suppress, graph, sanitize; a collector may say
  `collect` with `detail="aws://prod/eu-west-1 bedrock"`), how much of it is done out of what;
- `note(line)`: a line that stays (a live target's progress line): the status is erased, the line
  written through `log`, the status drawn again;
- `close()`: erase the status (also on leaving a `with` block).

It draws on events, not from a timer thread: the scan forks workers, and a thread (or a timer
signal) alive across a fork is a deadlock risk for no gain a person would notice. Text that comes
from the scanned tree (a target's path) is shown with control characters replaced, since it is
written raw to a terminal. `AISPM_PROGRESS_DELAY` (seconds) changes the delay: tests set it to 0.
"""

from __future__ import annotations

import os
import re
import sys
import time
from typing import Callable, TextIO

#: Seconds of work before the status appears.
DEFAULT_DELAY = 1.0
#: At most this often a redraw for the same stage (a stage change always redraws).
MIN_INTERVAL = 0.08
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ERASE = "\r\x1b[K"


def _delay_from_env() -> float:
    try:
        return max(0.0, float(os.environ.get("AISPM_PROGRESS_DELAY", DEFAULT_DELAY)))
    except ValueError:
        return DEFAULT_DELAY


def shows_on(stream: TextIO) -> bool:
    """A status line only on an interactive terminal that understands erasing a line."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    return tty and os.environ.get("TERM", "") != "dumb"


def status_text(stage: str, done: int, total: int, detail: str, elapsed: float) -> str:
    """`aispm: collect 120/450 files · terraform · 3s` (pure: what the line says)."""
    parts = [f"aispm: {stage}"]
    if total:
        parts[0] += f" {done}/{total}" + (" files" if stage == "collect" else "")
    if detail:
        parts.append(_CONTROL.sub("?", detail))
    parts.append(f"{elapsed:.0f}s")
    return " · ".join(parts)


class Progress:
    """The status line of one command. Disabled (every call does nothing but `note`'s log) when
    `enabled` is False or the stream is not a terminal."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True, delay: float | None = None,
                 log: Callable[[str], None] | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.active = enabled and shows_on(self.stream)
        self.delay = _delay_from_env() if delay is None else delay
        self.log = log
        self.clock = clock
        self.started = clock()
        self.shown = False  # a status is on the screen now
        self.last_draw = 0.0
        self.state: tuple[str, int, int, str] = ("start", 0, 0, "")

    # -- the API -----------------------------------------------------------

    def update(self, stage: str, done: int = 0, total: int = 0, detail: str = "") -> None:
        changed = stage != self.state[0]
        self.state = (stage, done, total, detail)
        if not self.active:
            return
        now = self.clock()
        if now - self.started < self.delay:
            return
        if not changed and self.shown and now - self.last_draw < MIN_INTERVAL:
            return
        self._draw(now)

    def note(self, line: str) -> None:
        was_shown = self.shown
        self._erase()
        if self.log is not None:
            self.log(line)
        if was_shown:
            self._draw(self.clock())

    def close(self) -> None:
        self._erase()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- drawing -------------------------------------------------------------

    def _width(self) -> int:
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        return max(20, columns) if columns > 0 else 80  # a terminal that reports no size: 80

    def _draw(self, now: float) -> None:
        stage, done, total, detail = self.state
        text = status_text(stage, done, total, detail, now - self.started)[: self._width() - 1]
        self._write(_ERASE + text)
        self.shown = True
        self.last_draw = now

    def _erase(self) -> None:
        if self.shown:
            self._write(_ERASE)
            self.shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken terminal: stop drawing, never fail the scan
            self.active = False
            self.shown = False

"""Documents that remember their lines: the mapping and list types that the JSON-with-comments
and YAML readers build, and the error they raise.

An `LDict` knows the 1-based line where it starts and where each of its keys is; an `LList` knows
where it starts and where each item is. They are plain `dict` / `list` subclasses, so code that
does not care about lines reads them as ordinary data. Lines are those of the text as given: a
caller that parsed an excerpt maps them back itself.
"""

from __future__ import annotations

from typing import Any


class LDict(dict):
    """A dict that knows the 1-based line where it starts and where each of its keys is."""

    line: int = 1

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.key_lines: dict[Any, int] = {}
        self.line = 1

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    line: int = 1

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []
        self.line = 1


class DocError(Exception):
    """A document that does not parse: the line where it went wrong (None when unknown) and why."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def key_line(d: Any, key: str, default: int) -> int:
    """The line of `key` in `d` when `d` remembers lines, else `default`."""
    return d.line_of(key) if isinstance(d, LDict) else default


def start_line(d: Any, default: int) -> int:
    """The line where `d` starts when it remembers lines, else `default`."""
    return d.line if isinstance(d, (LDict, LList)) else default

"""TOML read within the scan's budgets: `load_toml(text, depth)`.

`tomllib` is a recursive parser: an array or inline table nested a few thousand levels deep
(`x = [[[[…`) exhausts Python's stack. The text's depth is checked first (`aispm.formats.depth`,
which knows TOML's four kinds of string and its comments), so a document nested deeper than
`depth` levels is refused with its line (`TooDeep`) before it is parsed. Every failure is a
`DocError(line, message)`: a syntax error with the line `tomllib` names, or an integer too long to
convert (Python refuses more than 4,300 digits), which `tomllib` lets escape as a `ValueError`.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from aispm.formats.depth import TooDeep, check_depth, recursion_room
from aispm.formats.located import DocError

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def load_toml(text: str, depth: int = 200) -> dict[str, Any]:
    """A TOML document, its depth checked first; raise `DocError` (`TooDeep` when it nests deeper
    than `depth` levels)."""
    check_depth(text, depth, "toml")
    try:
        with recursion_room(depth, 4):
            return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _AT_LINE.search(msg)
        line = int(m.group(1)) if m else getattr(exc, "lineno", None)
        raise DocError(line, f"invalid TOML: {msg if len(msg) <= 200 else msg[:200] + '…'}") from None
    except RecursionError:  # brackets the depth check could not see (an unclosed string)
        raise TooDeep(depth, None) from None
    except ValueError:  # an integer of more than 4,300 digits
        raise DocError(None, "invalid TOML: a number too long to read (over 4,300 digits)") from None

"""Text from the scanned tree, made safe to print on a terminal.

File names, resource names, requirement lines and error messages come from inputs nobody here
wrote. Printed through rich as they are, `prod[/]ai` is console markup (and crashes the
printer before it prints anything), and an escape sequence in a file name reaches the
terminal raw (it can retitle the window, hide text or move the cursor). Every string from the
input goes through `safe()` (a `Text`, never parsed as markup) or `escape_line()` (for an
f-string that also holds our own markup); control characters are shown as `\\xNN`."""

from __future__ import annotations

import re

from rich.markup import escape
from rich.text import Text

#: C0 controls but tab and newline, DEL, and C1 controls (ESC, CSI …).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(value: object) -> str:
    """`value` as text with every control character written out (`\\x1b`)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def safe(value: object, style: str = "") -> Text:
    """A table cell or line from input text: never markup, controls made visible."""
    return Text(visible(value), style=style)


def escape_line(value: object) -> str:
    """Input text to embed in a string that rich parses as markup."""
    return escape(visible(value))

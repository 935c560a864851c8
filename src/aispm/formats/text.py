"""Text from scanned bytes, and text from scanned files as an error message may show it.

- `decode(data)`: bytes as text: UTF-8 (with or without its byte order mark), or UTF-16 / UTF-32
  when a byte order mark says so (Windows tools write them: a `requirements.txt` saved by
  PowerShell is UTF-16). Anything else that is not UTF-8 raises `UnicodeDecodeError`; nothing is
  guessed.
- `type_name(value)`: what a parsed value is, as a message says it (`a list`), never the value.
- `clip(value)`: a short, printable token of input text for an error message. Messages give the
  position and what was expected, never the content: a parse error quotes at most `CLIP`
  characters of the line (and the redaction stage still hides any secret in them).
"""

from __future__ import annotations

import codecs

#: Characters of input text an error message may quote.
CLIP = 40

_BOMS = (  # longest first: a UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encoding_of(data: bytes) -> tuple[str, int]:
    """The encoding a byte order mark names and the mark's length; UTF-8 and 0 without one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return "utf-8", 0


def decode(data: bytes) -> str:
    """Bytes as text (see the module docstring); raises `UnicodeDecodeError`."""
    name, skip = encoding_of(data)
    return data[skip:].decode(name) if skip else data.decode("utf-8")


def clip(value: object, limit: int = CLIP) -> str:
    """`value` quoted for an error message: at most `limit` characters, with the full length
    when it was cut (`'openai[a,a,a,…' (100,006 characters)`)."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit] + '…'!r} ({len(text):,} characters)"


def type_name(value: object) -> str:
    """What a parsed value is, as an error message says it (never the value itself)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__

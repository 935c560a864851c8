"""Lines for a terminal report that never run wider than the console: our own words wrapped
with a hanging indent (`Writer.para`), cut with "..." past a line budget, and every piece of
input text printed as data (`terminal.visible`: control characters shown, never markup).
ASCII only in what we add ("...", not an ellipsis), so byte-counting tools agree on widths."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from aispm.report.terminal import visible


class Writer:
    """Lines of at most the console's width: our words styled, input text as data."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.width = max(console.width, 40)

    def blank(self) -> None:
        self.console.print()

    def line(self, *parts: tuple[str, str] | str) -> None:
        """One line, cut to the width (`parts`: text, or (text, style)); input text is never markup."""
        out = Text(no_wrap=True, end="\n")
        for part in parts:
            text, style = part if isinstance(part, tuple) else (part, "")
            out.append(visible(text), style=style)
        if out.cell_len > self.width:  # our text never gets here: it is wrapped; input text may be wide
            out.truncate(self.width - 3)
            out.append("...")
        self.console.print(out, no_wrap=True, highlight=False, crop=True)

    def para(self, text: str, indent: int = 0, lead: str = "", lead_style: str = "", style: str = "",
             max_lines: int | None = None, link: str = "") -> None:
        """`lead` then `text`, wrapped with a hanging indent of `indent` columns; past `max_lines`
        the last line is cut with "...". `link` makes the lead a terminal hyperlink."""
        lead = lead.ljust(indent)
        first = max(self.width - len(lead), 20)
        later = max(self.width - indent, 20)
        lines = _wrap(visible(text), first, later)
        if max_lines is not None and len(lines) > max_lines:
            room = (first if max_lines == 1 else later) - 3
            tail = " ".join(lines[max_lines - 1:])
            lines = [*lines[: max_lines - 1], tail[:room].rstrip() + "..."]
        self.line((lead, f"{lead_style} link {link}".strip() if link else lead_style), (lines[0], style))
        for more in lines[1:]:
            self.line(" " * indent, (more, style))


def _wrap(text: str, first: int, later: int) -> list[str]:
    """Greedy word wrap: the first line `first` columns, the others `later`; a word longer than a
    line (a path, a URL) is cut where the line ends."""
    lines: list[str] = []
    cur, width = "", first
    for word in text.split():
        while len(word) > width - (len(cur) + 1 if cur else 0) and len(word) > width:
            if cur:
                lines.append(cur)
                cur, width = "", later
            lines.append(word[:width])
            word, width = word[width:], later
        if not word:
            continue
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur, width = word, later
    lines.append(cur)
    return lines

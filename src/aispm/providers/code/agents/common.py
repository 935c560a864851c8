"""What the two agent-definition sources (Foundry, Copilot Studio) share: reading a field as text, and
the read/send bookkeeping behind the `can_exfiltrate` fact.

`DataFlows` collects, per agent, what its tools and knowledge do with data: definite reads and
autonomous sends, tools that may do either (their behaviour is not in the definition), sends a
human approves, and sends to a destination the maker fixed. The verdict is Defender's *Data
Exfiltration Exposure*: true only when the agent both reads the organisation's data and can send
data out on its own; unknown when an undescribed tool could complete that pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aispm.model import Asset


def as_text(v: Any) -> str | None:
    """`v` when it is a string with something besides white space in it, else None."""
    return v if isinstance(v, str) and v.strip() else None


@dataclass
class DataFlows:
    """What an agent's tools and knowledge do with data, for `can_exfiltrate`: definite reads and autonomous
    sends, tools that may do either (their behaviour is not in the definition), and sends a human approves."""

    reads: list[str] = field(default_factory=list)
    sends: list[str] = field(default_factory=list)
    maybe_reads: list[str] = field(default_factory=list)
    maybe_sends: list[str] = field(default_factory=list)
    approved: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)  # sends to a destination the maker fixed: not counted

    def verdict(self) -> bool | None:
        if self.reads and self.sends:
            return True
        if (self.reads or self.maybe_reads) and (self.sends or self.maybe_sends):
            return None
        return False

    def set_fact(self, agent: Asset, path: str) -> None:
        v = self.verdict()
        raw = {k: sorted(set(getattr(self, k))) for k in ("reads", "sends", "maybe_reads", "maybe_sends", "approved",
                                                          "fixed") if getattr(self, k)}
        if v is True:
            note = "reads data and can send data out without a human in the loop"
        elif v is None:
            note = "a tool whose behaviour is not in the definition may complete a read-and-send pair"
        elif self.reads:
            note = "reads data but has no autonomous action that sends data out"
        else:
            note = "reads none of the organisation's data"
        agent.set_fact("can_exfiltrate", v, path, raw=raw or None, note=note)

"""Values resolved at run time, as scanned text writes them: `${env:X}`, `${input:x}`, `$X`, `{{x}}`,
`%X%`, and Power Fx formulas (`=...`).

A reference is never a literal: it is not a secret, and a URL that holds one cannot be judged past
the point where it starts. This module only recognises the syntax; it resolves nothing.
"""

from __future__ import annotations

import re

#: Linear on any text: a `${` or `{{` is closed before the next brace (`[^{}]`), so a run of a
#: hundred thousand unclosed `${` is not scanned again from each of them.
REFERENCE = re.compile(r"\$\{[^{}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^{}]*\}\}|%[A-Za-z_]+%|^=")


def is_reference(value: str) -> bool:
    """`${input:x}`, `${env:X}`, `$X`, `{{x}}`, `%X%`, a Power Fx formula: not a literal."""
    return bool(REFERENCE.search(value))

"""Live targets: `azure://<subscription>`, `aws://<profile>`, `gcp://<project>` on the command line.

A scan takes files and live clouds in one list (`aispm scan infra/ aws://prod gcp://my-project`).
A target is live when it starts with a known cloud scheme; the rest of the string is its scope,
which each collector reads in its own cloud's terms:

- `azure://` every subscription the identity can read; `azure://<subscription id>` one;
- `aws://` the default credential chain; `aws://<profile>` a named profile (SSO profiles too);
- `gcp://` the application-default project; `gcp://<project>`, `gcp://organizations/<id>`,
  `gcp://folders/<id>` a project, organisation or folder scope;
- `dataverse://<org>.crm.dynamics.com` a Power Platform environment's Copilot Studio agents,
  through the Dataverse Web API (read by the Azure provider's collector: same credential chain).

Nothing here contacts a cloud: parsing a target is pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Scheme → provider name (the provider whose `collector` reads it).
SCHEMES = {"azure": "azure", "aws": "aws", "gcp": "gcp", "dataverse": "azure"}
_TARGET = re.compile(r"^(?P<scheme>[a-z]+)://(?P<scope>[^\s]*)$")
_SCOPE = re.compile(r"^[A-Za-z0-9._:/@\-]{0,256}$")


class BadTarget(ValueError):
    """A string that looks like a live target but cannot be one (`aws://bad profile`)."""


@dataclass(frozen=True)
class LiveTarget:
    provider: str  # azure | aws | gcp
    scope: str  # what follows `<scheme>://`; "" = the credential's default scope
    text: str  # as the user wrote it

    def __str__(self) -> str:
        return self.text

    @property
    def scheme(self) -> str:
        """`azure`, `aws`, `gcp`, `dataverse`: which API of the provider the target names."""
        return self.text.split("://", 1)[0]


def parse_target(text: str) -> LiveTarget | None:
    """The live target `text` names, or None if it is a path. Raises `BadTarget` for a cloud scheme
    with a scope no cloud accepts (spaces, control characters, over 256 characters)."""
    m = _TARGET.match(text)
    if m is None or m.group("scheme") not in SCHEMES:
        if any(text.startswith(f"{s}://") for s in SCHEMES):
            raise BadTarget(f"{text!r}: a live target is <cloud>://<scope> without spaces")
        return None
    scope = m.group("scope").strip("/")
    if not _SCOPE.match(scope):
        raise BadTarget(f"{text[:80]!r}: the scope may hold letters, digits and . _ - : / @ only (256 at most)")
    return LiveTarget(SCHEMES[m.group("scheme")], scope, text)


def is_live(text: object) -> bool:
    return isinstance(text, str) and any(text.startswith(f"{s}://") for s in SCHEMES)

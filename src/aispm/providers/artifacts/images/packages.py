"""What an image has installed, read from the package managers' own records inside its layers.

`package_kind(path)` says whether a path inside an image is one of the records read here (it is called for
every entry of every layer, so it is a few string tests); `parse(kind, path, data, os_id)` turns the
record's bytes into `Package`s. Records:

| kind | path | ecosystem | purl |
|---|---|---|---|
| `python` | `…/*.dist-info/METADATA`, `…/*.egg-info/PKG-INFO`, `…/*.egg-info` (a file) | PyPI | `pkg:pypi/name@version` (PEP 503 name) |
| `conda` | `…/conda-meta/*.json` | conda | `pkg:conda/name@version` |
| `node` | `…/node_modules/<name>/package.json`, `…/node_modules/@scope/<name>/package.json` | npm | `pkg:npm/...` |
| `dpkg` | `var/lib/dpkg/status`, `var/lib/dpkg/status.d/*` (distroless) | Debian / Ubuntu (`os-release` ID) | `pkg:deb/<id>/name@version?arch=` |
| `apk` | `lib/apk/db/installed` | Alpine | `pkg:apk/alpine/name@version?arch=` |

Only packages the record says are installed are kept (dpkg `Status: install ok installed`). A record
that does not parse yields nothing and says why (`ValueError`); the caller makes it one error entry.
RPM packages are read from the SQLite database by `rpmdb.py` (it needs a file, so the layer walk copies it);
the Berkeley DB and ndb formats are not read. A Python package installed without metadata (copied files)
cannot be seen.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from aispm.providers.code.deps.common import MAX_VERSION, purl_for

try:
    from packageurl import PackageURL
except ImportError:  # pragma: no cover - packageurl-python is a core dependency
    PackageURL = None  # type: ignore[assignment,misc]

KINDS = ("python", "conda", "node", "dpkg", "apk")
_NODE = re.compile(r"(?:^|/)node_modules/(?:@[^/]+/)?[^/@][^/]*/package\.json$")
_PEP503 = re.compile(r"[-_.]+")


@dataclass
class Package:
    ecosystem: str  # PyPI | npm | conda | Debian | Ubuntu | Alpine (OSV spelling)
    name: str
    version: str
    purl: str
    arch: str | None = None


def package_kind(path: str) -> str | None:
    """The kind of package record at `path` (normalised: no leading `/` or `./`), or None."""
    if path.endswith("/METADATA"):
        return "python" if path[:-9].endswith(".dist-info") else None
    if path.endswith("/PKG-INFO"):
        return "python" if path[:-9].endswith(".egg-info") else None
    if path.endswith(".egg-info"):
        return "python"  # a single-file egg-info (distutils); a directory never reaches here
    if path.endswith(".json"):
        if "/conda-meta/" in path or path.startswith("conda-meta/"):
            return "conda" if path.rsplit("/", 1)[-1] != "history" else None
        if path.endswith("/package.json") and "node_modules/" in path:
            return "node" if _NODE.search(path) else None
        return None
    if path == "var/lib/dpkg/status" or path.startswith("var/lib/dpkg/status.d/"):
        return "dpkg" if not path.endswith((".md5sums", ".list")) else None
    if path == "lib/apk/db/installed":
        return "apk"
    return None


def parse(kind: str, data: bytes, os_id: str | None) -> list[Package]:
    text = data.decode("utf-8", errors="replace")
    if kind == "python":
        return _python(text)
    if kind == "conda":
        return _conda(text)
    if kind == "node":
        return _node(text)
    if kind == "dpkg":
        return _dpkg(text, os_id)
    if kind == "apk":
        return _apk(text)
    raise ValueError(f"unknown record kind {kind}")


def _checked(name: object, version: object, what: str) -> tuple[str, str]:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{what} without a name")
    if not isinstance(version, str) or not version.strip():
        raise ValueError(f"{what} without a version")
    if len(name) > 214 or len(version) > MAX_VERSION:
        raise ValueError(f"{what} with a name or version too long to be real")
    return name.strip(), version.strip()


def _python(text: str) -> list[Package]:
    # Only the header block: the description after it can be megabytes and is not needed.
    head = text.split("\n\n", 1)[0]
    from email.parser import HeaderParser  # here: the email package costs every scan 6 ms to import

    msg = HeaderParser().parsestr(head)
    name, version = _checked(msg.get("Name"), msg.get("Version"), "Python metadata")
    norm = _PEP503.sub("-", name).lower()
    return [Package("PyPI", norm, version, purl_for("PyPI", norm, version))]


def _conda(text: str) -> list[Package]:
    doc = json.loads(text)
    if not isinstance(doc, dict):
        raise ValueError("conda-meta record is not an object")
    name, version = _checked(doc.get("name"), doc.get("version"), "conda record")
    name = name.lower()
    return [Package("conda", name, version, purl_for("conda", name, version))]


def _node(text: str) -> list[Package]:
    doc = json.loads(text)
    if not isinstance(doc, dict):
        raise ValueError("package.json is not an object")
    name, version = _checked(doc.get("name"), doc.get("version"), "package.json")
    return [Package("npm", name, version, purl_for("npm", name, version))]


def _paragraphs(text: str) -> list[dict[str, str]]:
    """deb822 paragraphs (dpkg status): `Field: value`, continuation lines start with a blank."""
    out: list[dict[str, str]] = []
    cur: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.strip():
            if cur:
                out.append(cur)
            cur, last = {}, None
        elif line[0] in " \t":
            continue  # a continuation (Description, Conffiles): not needed
        elif ":" in line:
            key, _, value = line.partition(":")
            last = key.strip()
            cur[last] = value.strip()
    if cur:
        out.append(cur)
    return out


def _os_purl(ptype: str, namespace: str, name: str, version: str, arch: str | None) -> str:
    if PackageURL is None:  # pragma: no cover
        return f"pkg:{ptype}/{namespace}/{name}@{version}"
    return PackageURL(type=ptype, namespace=namespace, name=name, version=version,
                      qualifiers={"arch": arch} if arch else None).to_string()


def _dpkg(text: str, os_id: str | None) -> list[Package]:
    distro = (os_id or "debian").lower()
    eco = {"debian": "Debian", "ubuntu": "Ubuntu"}.get(distro, distro.capitalize())
    out = []
    for p in _paragraphs(text):
        status = p.get("Status")
        if status is not None and not status.endswith(" installed"):
            continue  # removed, config-files only, half-installed
        if "Package" not in p:
            continue
        name, version = _checked(p.get("Package"), p.get("Version"), "dpkg entry")
        arch = p.get("Architecture") or None
        out.append(Package(eco, name, version, _os_purl("deb", distro, name, version, arch), arch))
    return out


def _apk(text: str) -> list[Package]:
    out = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if len(line) > 2 and line[1] == ":" and line[0] not in fields:
                fields[line[0]] = line[2:].strip()
        if "P" not in fields:
            continue
        name, version = _checked(fields.get("P"), fields.get("V"), "apk entry")
        arch = fields.get("A") or None
        out.append(Package("Alpine", name, version, _os_purl("apk", "alpine", name, version, arch), arch))
    return out

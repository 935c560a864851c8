"""RPM packages of an image (Fedora, RHEL/UBI 9+, Rocky, Alma, Amazon Linux 2023, …), read from its SQLite rpmdb.

No well-kept Python reader of the rpm database exists (PyPI has readers of `.rpm` archives — `rpmfile` — and
an unmaintained `pyrpm`), so this reads the one format that is plain SQLite, with the standard library: the
`Packages` table of `rpmdb.sqlite` (`var/lib/rpm/` or `usr/lib/sysimage/rpm/`), one row per package, whose
`blob` is an rpm header as rpm's `headerExport` writes it (rpm's `lib/header.c`): two big-endian int32s
(`il` index entries, `dl` data bytes), then `il` entries of four int32s (tag, type, offset, count), then the
data. Only NAME (1000), VERSION (1001), RELEASE (1002), EPOCH (1003) and ARCH (1022) are read; `gpg-pubkey`
pseudo-packages (imported signing keys) are not packages.

The database is hostile input: the image source copies it to aispm's own temporary directory, and it is
opened read-only and immutable (its `-wal` is ignored), with `trusted_schema=OFF` and `cell_size_check=ON`,
no memory mapping, `Packages` required to be a real table (not a view), a progress handler that stops the
query after `limits.steps_per_file` virtual-machine steps, at most `limits.collection_size` rows, and each
header's counts checked against its length before anything is read. The older formats are not read: the
Berkeley DB `Packages` (RHEL/CentOS ≤ 8, Amazon Linux 2) and SUSE's ndb `Packages.db`; meeting one is an
error entry that says so.
"""

from __future__ import annotations

import sqlite3
import struct
from typing import Any

from aispm.limits import Limits

from .packages import Package

try:
    from packageurl import PackageURL
except ImportError:  # pragma: no cover - packageurl-python is a core dependency
    PackageURL = None  # type: ignore[assignment,misc]

SQLITE_PATHS = ("var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite")
UNREAD_PATHS = {"var/lib/rpm/Packages": "Berkeley DB", "usr/lib/sysimage/rpm/Packages": "Berkeley DB",
                "var/lib/rpm/Packages.db": "ndb", "usr/lib/sysimage/rpm/Packages.db": "ndb"}
NAME, VERSION, RELEASE, EPOCH, ARCH = 1000, 1001, 1002, 1003, 1022
_WANTED = {NAME, VERSION, RELEASE, EPOCH, ARCH}
_INT32, _STRING, _STRING_ARRAY, _I18NSTRING = 4, 6, 8, 9
#: rpm's own bounds on a header (`HEADER_TAGS_MAX`, `HEADER_DATA_MAX`).
MAX_TAGS = 0xFFFF
MAX_DATA = 256 * 1024 * 1024
MAX_STRING = 256
#: os-release ID → (OSV ecosystem, purl namespace).
DISTROS = {"rhel": ("Red Hat", "redhat"), "fedora": ("Fedora", "fedora"), "centos": ("CentOS", "centos"),
           "rocky": ("Rocky Linux", "rocky"), "almalinux": ("AlmaLinux", "almalinux"),
           "amzn": ("Amazon Linux", "amazon"), "ol": ("Oracle Linux", "oracle"),
           "opensuse-leap": ("openSUSE", "opensuse"), "opensuse-tumbleweed": ("openSUSE", "opensuse"),
           "sles": ("SUSE", "suse"), "mariner": ("Mariner", "mariner"), "azurelinux": ("Azure Linux", "azurelinux")}


class RpmdbError(ValueError):
    """The database cannot be read as an rpm SQLite database (the message quotes no content)."""


def header(blob: bytes) -> dict[int, Any]:
    """The wanted tags of one header blob; a blob whose counts do not fit its length raises `RpmdbError`."""
    if len(blob) < 8:
        raise RpmdbError("a package header shorter than its preamble")
    il, dl = struct.unpack_from(">ii", blob, 0)
    if not 0 < il <= MAX_TAGS or not 0 <= dl <= MAX_DATA or 8 + 16 * il + dl > len(blob):
        raise RpmdbError("a package header whose counts do not fit its length")
    data = 8 + 16 * il
    out: dict[int, Any] = {}
    for i in range(il):
        tag, typ, offset, count = struct.unpack_from(">iiii", blob, 8 + 16 * i)
        if tag not in _WANTED or not 0 <= offset < dl or count < 1:
            continue
        start = data + offset
        if typ == _INT32 and offset + 4 <= dl:
            out[tag] = struct.unpack_from(">i", blob, start)[0]
        elif typ in (_STRING, _STRING_ARRAY, _I18NSTRING):
            end = blob.find(b"\0", start, data + dl)
            if end >= 0:
                out[tag] = blob[start:min(end, start + MAX_STRING)].decode("utf-8", "replace")
    return out


def _package(tags: dict[int, Any], os_id: str | None) -> Package | None:
    name, version, release = tags.get(NAME), tags.get(VERSION), tags.get(RELEASE)
    if not isinstance(name, str) or not name or not isinstance(version, str) or not version:
        return None
    if name == "gpg-pubkey":
        return None
    distro = (os_id or "").lower()
    ecosystem, namespace = DISTROS.get(distro, (distro.capitalize() or "RPM", distro or "rpm"))
    epoch = tags.get(EPOCH)
    evr = f"{version}-{release}" if isinstance(release, str) and release else version
    full = f"{epoch}:{evr}" if isinstance(epoch, int) and epoch > 0 else evr
    arch = tags.get(ARCH) if isinstance(tags.get(ARCH), str) else None
    qualifiers = {k: v for k, v in (("arch", arch), ("epoch", str(epoch) if isinstance(epoch, int) and epoch > 0
                                                      else None)) if v}
    if PackageURL is None:  # pragma: no cover
        purl = f"pkg:rpm/{namespace}/{name}@{evr}"
    else:
        purl = PackageURL(type="rpm", namespace=namespace, name=name, version=evr,
                          qualifiers=qualifiers or None).to_string()
    return Package(ecosystem, name, full, purl, arch)


def read_sqlite(path: str, os_id: str | None, limits: Limits) -> list[Package]:
    """The packages of the rpmdb.sqlite at `path` (a copy in aispm's own temporary directory)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error:
        raise RpmdbError("not a readable SQLite database") from None
    steps = 0
    budget = max(limits.steps_per_file // 1000, 1)

    def progress() -> int:
        nonlocal steps
        steps += 1
        return 1 if steps > budget else 0  # non-zero interrupts the query

    try:
        conn.set_progress_handler(progress, 1000)
        for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0"):
            conn.execute(f"PRAGMA {pragma}")
        kind = conn.execute("SELECT type FROM sqlite_master WHERE name = 'Packages'").fetchone()
        if kind is None or kind[0] != "table":
            raise RpmdbError("no Packages table: not an rpm database")
        out: list[Package] = []
        rows = conn.execute("SELECT blob FROM Packages LIMIT ?", (limits.collection_size,))
        for (blob,) in rows:
            if not isinstance(blob, bytes):
                continue
            pkg = _package(header(blob), os_id)
            if pkg is not None:
                out.append(pkg)
        return out
    except sqlite3.OperationalError as exc:
        if steps > budget:
            raise RpmdbError(f"reading it took more than the steps_per_file budget ({limits.steps_per_file:,})") \
                from None
        raise RpmdbError(f"not a readable rpm database ({type(exc).__name__})") from None
    except sqlite3.Error as exc:
        raise RpmdbError(f"not a readable rpm database ({type(exc).__name__})") from None
    finally:
        conn.close()

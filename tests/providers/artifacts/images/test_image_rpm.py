"""RPM packages of an image, read from a real `rpmdb.sqlite`: Debian's `rpm` builds a tiny noarch package with
`rpmbuild` and records it with `rpm -i --justdb` in the image's own database, which umoci packs. An image with a
Berkeley DB database (older RHEL) gets an error that says it was not read, never a silent empty list; a
database that is not one is an error, and the rest of the image is still read."""

from __future__ import annotations

import pytest
from image_tools import need, run

from aispm.model import Status
from aispm.providers.artifacts.images.rpmdb import RpmdbError, header
from aispm.scan import ScanOptions, scan

SPEC = """\
Name: aispm-tiny
Version: 1.2.3
Release: 4.el9
Epoch: 2
Summary: a package made for the test
License: Apache-2.0
BuildArch: noarch
%description
A package with no files, made for aispm's image tests.
%files
"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory):
    need("umoci")
    need("rpm")
    need("rpmbuild")
    base = tmp_path_factory.mktemp("rpm")
    top = base / "rpmbuild"
    (top / "SPECS").mkdir(parents=True)
    (top / "SPECS/tiny.spec").write_text(SPEC)
    run("rpmbuild", "--define", f"_topdir {top}", "--dbpath", base / "builddb", "-bb", top / "SPECS/tiny.spec")
    package = next((top / "RPMS/noarch").glob("aispm-tiny-*.rpm"))
    layout, bundle = base / "layout", base / "bundle"
    run("umoci", "init", "--layout", layout)
    run("umoci", "new", "--image", f"{layout}:ubi")
    run("umoci", "new", "--image", f"{layout}:legacy")
    run("umoci", "new", "--image", f"{layout}:broken")
    for tag in ("ubi", "legacy", "broken"):
        b = bundle.with_name(f"bundle-{tag}")
        run("umoci", "unpack", "--image", f"{layout}:{tag}", b)
        root = b / "rootfs"
        (root / "etc").mkdir(exist_ok=True)
        (root / "etc/os-release").write_text('ID="rhel"\nVERSION_ID="9.4"\n')
        db = root / "var/lib/rpm"
        db.mkdir(parents=True)
        if tag == "ubi":
            run("rpm", "--initdb", "--dbpath", db)
            run("rpm", "-i", "--justdb", "--nodeps", "--nosignature", "--dbpath", db, package)
        elif tag == "legacy":
            (db / "Packages").write_bytes(b"\x00\x06\x15\x61" + bytes(4092))  # a Berkeley DB hash file's magic
        else:
            (db / "rpmdb.sqlite").write_bytes(b"SQLite format 3\x00" + bytes(4080))  # a header, then nothing
        (root / "usr/lib/python3.9/site-packages/requests-2.30.0.dist-info").mkdir(parents=True)
        (root / "usr/lib/python3.9/site-packages/requests-2.30.0.dist-info/METADATA").write_text(
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n")
        run("umoci", "repack", "--image", f"{layout}:{tag}", b)
    return layout


def _by_image(layout):
    result = scan([layout], ScanOptions(frameworks=("oci-image",)))
    libs: dict[str, set] = {}
    for a in result.assets:
        if a.type == "library":
            libs.setdefault(a.properties["image"], set()).add((a.properties["ecosystem"], a.name, a.properties["version"]))
    return result, libs


def test_packages_of_a_sqlite_rpm_database(layout):
    result, libs = _by_image(layout)
    assert ("Red Hat", "aispm-tiny", "2:1.2.3-4.el9") in libs["ubi"]
    assert ("PyPI", "requests", "2.30.0") in libs["ubi"]
    tiny = next(a for a in result.assets if a.name == "aispm-tiny")
    assert tiny.properties["purl"] == "pkg:rpm/redhat/aispm-tiny@1.2.3-4.el9?arch=noarch&epoch=2"
    assert tiny.properties["path"] == "/var/lib/rpm/rpmdb.sqlite" and tiny.properties["layer_index"] == 1
    image = next(a for a in result.assets if a.type == "oci-image" and a.name == "ubi")
    assert any(r.source == image.uid and r.target == tiny.uid and r.verb == "contains" for r in result.relations)
    assert any(f.rule_id == "PYSEC-2023-74" and f.status is Status.FAIL for f in result.findings
               if f.address.startswith("/usr/lib/python3.9"))
    assert not [e for e in result.errors if "image ubi" in e.message]


def test_a_berkeley_db_or_broken_database_is_said_not_read(layout):
    result, libs = _by_image(layout)
    legacy = [e.message for e in result.errors if "image legacy" in e.message]
    assert legacy == ["image legacy: /var/lib/rpm/Packages in layer 1: RPM database in Berkeley DB format not read "
                      "(only rpmdb.sqlite is): its packages are not reported"]
    broken = [e.message for e in result.errors if "image broken" in e.message]
    assert len(broken) == 1 and "/var/lib/rpm/rpmdb.sqlite in layer 1: not read" in broken[0]
    assert ("PyPI", "requests", "2.30.0") in libs["legacy"] and ("PyPI", "requests", "2.30.0") in libs["broken"]


@pytest.mark.parametrize("blob", [b"", b"\x00\x00\x00\x02", b"\x7f\xff\xff\xff\x00\x00\x00\x10" + bytes(32),
                                  b"\x00\x00\x00\x01\x7f\xff\xff\xff" + bytes(16)])
def test_a_header_whose_counts_lie_is_refused(blob):
    with pytest.raises(RpmdbError):
        header(blob)


def _db(path, *statements, rows=()):
    import sqlite3

    conn = sqlite3.connect(path)
    for s in statements:
        conn.execute(s)
    conn.executemany("INSERT INTO Packages (blob) VALUES (?)", rows) if rows else None
    conn.commit()
    conn.close()
    return str(path)


def _blob(**tags: str) -> bytes:
    """An rpm header blob with string tags (NAME=1000, VERSION=1001, RELEASE=1002, ARCH=1022)."""
    import struct

    ids = {"name": 1000, "version": 1001, "release": 1002, "arch": 1022}
    data, entries = b"", b""
    for key, value in tags.items():
        entries += struct.pack(">iiii", ids[key], 6, len(data), 1)
        data += value.encode() + b"\0"
    return struct.pack(">ii", len(tags), len(data)) + entries + data


def test_a_hostile_rpm_database_is_refused_with_a_reason(tmp_path):
    from aispm.limits import Limits
    from aispm.providers.artifacts.images.rpmdb import read_sqlite

    view = _db(tmp_path / "view.sqlite", "CREATE TABLE t (blob BLOB)", "CREATE VIEW Packages AS SELECT blob FROM t")
    with pytest.raises(RpmdbError, match="no Packages table"):
        read_sqlite(view, "rhel", Limits())
    lying = _db(tmp_path / "lying.sqlite", "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB)",
                rows=[(b"\x00\x00\x00\x09\x00\x00\x00\x01" + bytes(8),)])
    with pytest.raises(RpmdbError, match="counts do not fit"):
        read_sqlite(lying, "rhel", Limits())
    many = _db(tmp_path / "many.sqlite", "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB)",
               rows=[(_blob(name=f"p{i}", version="1", release="1", arch="x86_64"),) for i in range(3000)])
    assert len(read_sqlite(many, "rhel", Limits())) == 3000
    assert len(read_sqlite(many, "rhel", Limits(collection_size=10))) == 10  # rows bounded
    with pytest.raises(RpmdbError, match="steps_per_file"):
        read_sqlite(many, "rhel", Limits(steps_per_file=5000))

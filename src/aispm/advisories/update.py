"""Refresh the advisory database from the OSV service, and tell how old it is.

`update()` downloads `<base_url>/<Ecosystem>/all.zip` (one OSV JSON file per advisory),
checks every record, and rewrites it as `<cache>/osv/<Ecosystem>.osv.jsonl.gz` (the
layout of the bundled snapshot) plus an entry in `<cache>/osv/metadata.json`. Each file
is written to a temporary file and moved into place with `os.replace`, so a failed or
interrupted update leaves the last good copy as it was; the error says so.

`offline=True` guarantees no network: `update` raises `OfflineError` before opening any
connection. Loading and matching (`db.py`, `match.py`) never use the network.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from .db import (
    BUNDLED,
    ECOSYSTEMS,
    bundled_metadata,
    unavailable_reason,
    STALE_DAYS,
    choose_source,
    osv_dir,
    parse_time,
    read_metadata,
)
from .versions import canonical_ecosystem

OSV_BASE_URL = "https://osv-vulnerabilities.storage.googleapis.com"


class UpdateError(RuntimeError):
    """An update failed; the previous copy (if any) is still in place."""


class OfflineError(UpdateError):
    """A network operation was asked for while offline."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(t: datetime) -> str:
    return t.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _download(url: str, dest: Path, timeout: float) -> None:
    import urllib.request  # here: http, ssl and email cost every scan 10 ms to import, and only `db update` downloads

    req = urllib.request.Request(url, headers={"User-Agent": f"aispm/{__version__}"})
    with urllib.request.urlopen(req, timeout=timeout) as resp, open(dest, "wb") as out:  # noqa: S310 (https/http URL)
        shutil.copyfileobj(resp, out, 1 << 20)


def _convert(zip_path: Path, dest: Path, ecosystem: str) -> dict[str, Any]:
    """all.zip → jsonl.gz sorted by id. Raises UpdateError on any malformed member."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile as e:
        raise UpdateError(f"the download is not a valid zip archive ({e})") from None
    records: list[tuple[str, bytes]] = []
    withdrawn = 0
    with zf:
        for info in zf.infolist():
            if info.is_dir() or not info.filename.endswith(".json"):
                continue
            try:
                rec = json.loads(zf.read(info))
            except (ValueError, zipfile.BadZipFile, OSError, EOFError) as e:
                raise UpdateError(f"{info.filename} in the archive is not a readable OSV JSON record ({e})") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                raise UpdateError(f"{info.filename} in the archive is not an OSV record (no id)")
            if rec.get("withdrawn"):
                withdrawn += 1
            records.append((rec["id"], json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
    if not records:
        raise UpdateError("the archive holds no OSV records")
    records.sort()
    with open(dest, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz:
        for _, line in records:
            gz.write(line)
            gz.write(b"\n")
    return {"records": len(records), "withdrawn": withdrawn, "advisories": len(records) - withdrawn}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_json_atomic(path: Path, data: Any) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _previous(ecosystem: str, cache_dir: Path | str | None) -> str:
    meta = read_metadata(cache_dir).get(ecosystem)
    target = osv_dir(cache_dir) / f"{ecosystem}.osv.jsonl.gz"
    if meta and target.is_file():
        return f"kept the previous copy from {meta.get('downloaded_at')} at {target}"
    if ecosystem in BUNDLED:
        return "no previous download; the bundled snapshot stays in use"
    return f"no previous download: there is no {ecosystem} advisory data"


def update(
    ecosystems: Iterable[str] = ECOSYSTEMS,
    cache_dir: Path | str | None = None,
    *,
    base_url: str = OSV_BASE_URL,
    offline: bool = False,
    timeout: float = 120.0,
) -> dict[str, dict[str, Any]]:
    """Download and install the OSV data of `ecosystems`. Returns the new metadata per
    ecosystem. Raises `OfflineError` when `offline`, `UpdateError` when any ecosystem
    failed (after trying all of them; the ones that succeeded are installed)."""
    ecos = [canonical_ecosystem(e) for e in ecosystems]
    if offline:
        raise OfflineError("offline mode: not downloading advisories (the network is not used with --offline)")
    root = osv_dir(cache_dir)
    root.mkdir(parents=True, exist_ok=True)
    done: dict[str, dict[str, Any]] = {}
    failures = []
    for eco in ecos:
        url = f"{base_url.rstrip('/')}/{eco}/all.zip"
        zip_tmp = Path(tempfile.mkstemp(dir=root, prefix=f".{eco}.", suffix=".zip")[1])
        out_tmp = Path(tempfile.mkstemp(dir=root, prefix=f".{eco}.", suffix=".jsonl.gz")[1])
        try:
            started = _now()
            try:
                _download(url, zip_tmp, timeout)
            except (OSError, ValueError) as e:  # urllib's URLError is an OSError
                raise UpdateError(f"could not download {url}: {e}") from None
            counts = _convert(zip_tmp, out_tmp, eco)
            target = root / f"{eco}.osv.jsonl.gz"
            entry = {
                "downloaded_at": _iso(started),
                "source_url": url,
                "file": target.name,
                "sha256": _sha256(out_tmp),
                **counts,
            }
            os.replace(out_tmp, target)
            meta = read_metadata(cache_dir)
            meta[eco] = entry
            _write_json_atomic(root / "metadata.json", meta)
            done[eco] = entry
        except UpdateError as e:
            failures.append(f"{eco}: {e}; {_previous(eco, cache_dir)}")
        finally:
            zip_tmp.unlink(missing_ok=True)
            out_tmp.unlink(missing_ok=True)
    from .db import reset_default_database

    reset_default_database()
    if failures:
        raise UpdateError("advisory update failed: " + " | ".join(failures))
    return done


def _file_sha256(path: str | None) -> str | None:
    try:
        return _sha256(Path(path)) if path else None
    except OSError:
        return None


def status(cache_dir: Path | str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Which copy is used per ecosystem, how old it is, its counts, whether it is older than 30
    days, whether its file is the one its metadata describes (`modified`), and, for an ecosystem
    with no data, why (`unavailable`). Reads metadata and hashes the files chosen (no network)."""
    now = now or _now()
    bundled = bundled_metadata()
    cache_meta = read_metadata(cache_dir)
    out: dict[str, Any] = {"cache_dir": str(osv_dir(cache_dir)), "stale_after_days": STALE_DAYS, "ecosystems": {}}
    for eco in ECOSYSTEMS:
        src = choose_source(eco, cache_dir)
        meta = cache_meta.get(eco, {}) if src.kind == "cache" else bundled.get(eco, {}) if src.kind == "bundled" else {}
        age = src.age_days(now)
        sha = _file_sha256(src.path)
        out["ecosystems"][eco] = {
            "source": src.kind,  # cache | bundled | none
            "path": src.path,
            "source_url": meta.get("source_url", src.url),
            "licence": meta.get("licence"),
            "data_date": _iso(src.data_date) if src.data_date else None,
            "age_days": round(age, 1) if age is not None else None,
            "stale": src.kind != "none" and src.stale(now),
            "advisories": meta.get("advisories"),
            "withdrawn": meta.get("withdrawn"),
            "sha256": sha,
            "modified": bool(sha and meta.get("sha256") and sha != meta["sha256"]),
            "unavailable": unavailable_reason(eco) if src.kind == "none" else None,
        }
    return out


def data_record(cache_dir: Path | str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """What a scan report records about the advisory data it matched against (`advisory_data`):
    per ecosystem, the copy used (`bundled`, `cache` = the bundled data replaced by `aispm db
    update`, `none` with the reason), its source and snapshot date, counts, the file's SHA-256 and
    whether it differs from the one recorded when the file was built or downloaded (`modified`)."""
    st = status(cache_dir, now)
    out: dict[str, Any] = {}
    for eco, s in st["ecosystems"].items():
        entry = {k: s[k] for k in ("source", "source_url", "licence", "data_date", "advisories", "withdrawn",
                                   "sha256", "modified")}
        entry["replaced_by_update"] = s["source"] == "cache"
        if s["source"] == "none":
            entry["unavailable"] = s["unavailable"]
        out[eco] = entry
    return {"ecosystems": out}


def stale_warnings(cache_dir: Path | str | None = None, now: datetime | None = None) -> list[str]:
    """Warnings a scan prints: data older than 30 days, no data, or data that is not the file recorded, per ecosystem."""
    out = []
    for eco, s in status(cache_dir, now)["ecosystems"].items():
        if s["source"] == "none":
            out.append(f"no {eco} advisory data offline ({s['unavailable'] or 'none ships'}): "
                       f"run `aispm db update` to download it")
        elif s["stale"]:
            out.append(
                f"{eco} advisory data is {s['age_days']:.0f} days old ({s['source']}, as of {s['data_date']}): "
                f"run `aispm db update` to refresh it"
            )
        if s["modified"]:
            out.append(f"{eco} advisory data at {s['path']} is modified: its SHA-256 is not the one recorded when it "
                       f"was {'downloaded' if s['source'] == 'cache' else 'built'}; findings come from the changed data")
    return out


__all__ = ["OSV_BASE_URL", "OfflineError", "UpdateError", "update", "status", "data_record", "stale_warnings",
           "parse_time"]

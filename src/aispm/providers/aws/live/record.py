"""Snapshots of AWS answers in the layout of the `placebo` record/replay library.

`aispm collect aws://… -o DIR` keeps every answer the collector got, one JSON file per call:
`DIR/record/aws/<region>/<service>.<Operation>_<n>.json` (`global/` for IAM, S3, STS and the
region list), holding `{"status_code": <HTTP status>, "data": <the parsed answer>}` — the files
placebo writes (`<endpoint prefix>.<Operation>_<n>.json`, `n` counting the calls of that
operation from 1, datetimes as `{"__class__": "datetime", "year": …}`), so a recording made
with placebo around the same calls replays too. An error answer is kept as placebo keeps it
(its status and the parsed `Error`), so a replay meets the same access denied or throttling
the live scan met, and records the same gaps.

Replay (`Replayer`) answers each call from the next file of its operation through botocore's
own `before-call` event, so the client, its parameter validation and its error classes are the
SDK's; a call the recording does not hold raises `NotRecorded`, which the collector turns into
a gap. Files are read lazily and bounded (`MAX_FILE`), a file that is not JSON or not placebo's
shape is a `NotRecorded` too.

What is never written: the values of Lambda environment variables (`Environment.Variables`,
replaced by a marker; only names are configuration) — a snapshot may travel.
"""

from __future__ import annotations

import datetime as _dt
import json
import threading
from pathlib import Path
from typing import Any, Callable

#: Files larger than this are not read back (a real answer page is far smaller).
MAX_FILE = 20 * 1024 * 1024
#: What a Lambda environment variable's value becomes in a snapshot.
NOT_KEPT = "(value not kept)"
GLOBAL = "global"


class NotRecorded(Exception):
    """The snapshot holds no answer for this call."""


def encode(obj: Any) -> Any:
    """placebo's `serialize`: a datetime as its fields (UTC, naive), bytes as text."""
    if isinstance(obj, _dt.datetime):
        if obj.tzinfo is not None:
            obj = obj.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return {"__class__": "datetime", "__module__": "datetime", "year": obj.year, "month": obj.month,
                "day": obj.day, "hour": obj.hour, "minute": obj.minute, "second": obj.second,
                "microsecond": obj.microsecond}
    if isinstance(obj, (bytes, bytearray)):
        return obj.decode("utf-8", "replace")
    return str(obj)


def decode(obj: dict) -> Any:
    """placebo's `deserialize` (a JSON object hook)."""
    if obj.get("__class__") == "datetime":
        try:
            return _dt.datetime(*(int(obj.get(k, 0)) for k in ("year", "month", "day", "hour", "minute", "second",
                                                               "microsecond")))
        except (TypeError, ValueError):
            return None
    return obj


def key_shown(key_id: Any) -> str:
    """An access key id as the IAM console shows it (`AKIA…GRGD`): enough to find the key, and not
    the whole id, which secret scanners (aispm's own, on a snapshot) rightly flag."""
    text = str(key_id or "")
    return text if len(text) <= 12 or "\u2026" in text else f"{text[:4]}\u2026{text[-4:]}"


def scrub(service: str, operation: str, data: Any) -> Any:
    """What may be written of an answer: Lambda environment variable values are dropped; access key
    ids are shortened (`key_shown`)."""
    if service == "iam" and operation == "ListAccessKeys" and isinstance(data, dict):
        for k in data.get("AccessKeyMetadata") or []:
            if isinstance(k, dict) and "AccessKeyId" in k:
                k["AccessKeyId"] = key_shown(k["AccessKeyId"])
    if service == "lambda" and isinstance(data, dict):
        fns = data.get("Functions") if operation == "ListFunctions" else [data.get("Configuration"), data]
        for fn in fns if isinstance(fns, list) else []:
            env = fn.get("Environment") if isinstance(fn, dict) else None
            if isinstance(env, dict) and isinstance(env.get("Variables"), dict):
                env["Variables"] = {k: NOT_KEPT for k in env["Variables"]}
    return data


class Recorder:
    """Writes each answer a client gets into its region's folder (botocore `after-call`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._counts: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def folder(self, region: str) -> Path:
        return self.root / "record" / "aws" / region

    def attach(self, client: Any, region: str) -> None:
        folder = self.folder(region)

        def after_call(http_response=None, parsed=None, model=None, **_kw) -> None:
            if model is None or http_response is None:
                return
            service = model.service_model.endpoint_prefix
            data = scrub(service, model.name, dict(parsed or {}))
            self.save(folder, service, model.name, int(getattr(http_response, "status_code", 200)), data)

        client.meta.events.register("after-call.*.*", after_call)

    def save(self, folder: Path, service: str, operation: str, status: int, data: Any) -> None:
        with self._lock:
            key = (str(folder), f"{service}.{operation}")
            n = self._counts.get(key, 0) + 1
            self._counts[key] = n
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"status_code": status, "data": data}, indent=2, default=encode)
        (folder / f"{service}.{operation}_{n}.json").write_text(text + "\n", encoding="utf-8")


def _read(path: Path) -> str:
    if path.stat().st_size > MAX_FILE:
        raise NotRecorded(f"{path.name} is over {MAX_FILE // 1048576} MB")
    return path.read_text(encoding="utf-8")


class _Http:
    """The HTTP response botocore expects from a `before-call` handler."""

    def __init__(self, status_code: int) -> None:
        self.status_code = status_code
        self.headers: dict[str, str] = {}
        self.content = b""


class Replayer:
    """Answers a client's calls from a region folder of a snapshot (botocore `before-call`)."""

    def __init__(self, root: Path, read: Callable[[Path], str] | None = None) -> None:
        self.root = root
        #: how a file is read (the snapshot source passes its confined, size-bounded reader;
        #: it raises `NotRecorded` for a file it refuses)
        self.read = read or _read
        self._counts: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def folder(self, region: str) -> Path:
        return self.root / region

    def attach(self, client: Any, region: str) -> None:
        folder = self.folder(region)

        def before_call(model=None, **_kw):
            if model is None:
                return None
            return self.answer(folder, model.service_model.endpoint_prefix, model.name)

        client.meta.events.register("before-call.*.*", before_call)

    def answer(self, folder: Path, service: str, operation: str) -> tuple[_Http, dict]:
        with self._lock:
            key = (str(folder), f"{service}.{operation}")
            n = self._counts.get(key, 0) + 1
            self._counts[key] = n
        path = folder / f"{service}.{operation}_{n}.json"
        if not path.is_file():
            raise NotRecorded(f"{service}.{operation} #{n}")
        try:
            doc = json.loads(self.read(path), object_hook=decode)
        except (OSError, ValueError, RecursionError) as exc:
            raise NotRecorded(f"{path.name}: not readable ({type(exc).__name__})") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("data"), dict):
            raise NotRecorded(f"{path.name}: not a placebo answer")
        status = doc.get("status_code", 200)
        data = doc["data"]
        if not isinstance(status, int):
            status = 200
        if status >= 300 and not isinstance(data.get("Error"), dict):
            data = {**data, "Error": {"Code": str(status), "Message": ""}}
        data.setdefault("ResponseMetadata", {"HTTPStatusCode": status, "HTTPHeaders": {}})
        return _Http(status), data

"""Read a pickle's opcodes, never the pickle: the imports it would make and the calls it would run.

A pickle is a program for a small stack machine; loading it runs that program, and any callable it
imports runs with the loader's rights. This module walks the program with `pickletools`' opcode
table (the same argument readers `pickletools.genops` uses) over a bounded stream and simulates
the stack only as far as a verdict needs: which strings `STACK_GLOBAL` takes its module and name
from (through `MEMOIZE`/`PUT`/`GET` and friends, so an import hidden behind memo tricks is still
named), which callable each `REDUCE`/`NEWOBJ`/`OBJ`/`INST` calls with which arguments (so that
`_codecs.encode` passes only in the pattern protocol 2 writes bytes with), and which byte or
string constants are themselves pickles (each is read the same way, one level deeper, up to
`limits.depth`). Nothing is ever imported, constructed or called.

Why not `genops` itself: it reads a `BINBYTES8` argument into memory whole, and a joblib or
NumPy pickle may carry hundreds of megabytes inline. Here an argument longer than
`limits.string_length` is skipped in chunks (it is counted, not kept), so memory stays bounded.
Bounds: the bytes read (`Bounded`, `limits.decompressed_bytes`), opcodes over the whole file
including nested pickles (`limits.steps_per_file`), nesting (`limits.depth`). A pickle that
breaks mid-way keeps what it imported before the break (a loader would have run that much).
Several pickles in one stream (PyTorch's legacy format writes five) are read while the next one
starts with `PROTO`; other trailing data (the legacy format's raw tensor bytes) ends the read.
"""

from __future__ import annotations

import io
import lzma
import pickletools
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from aispm.limits import BudgetExceeded, Limits
from aispm.providers.artifacts.models.imports import SAFE, SUSPICIOUS, UNSAFE, verdict

_CHUNK = 1 << 20
#: Strings longer than this are never module or attribute names: they are not kept on the stack.
_NAME_MAX = 1024
_ORDER = {SAFE: 0, SUSPICIOUS: 1, UNSAFE: 2}
_STRINGS = {"SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE", "STRING", "BINSTRING", "SHORT_BINSTRING"}
_BYTES = {"SHORT_BINBYTES", "BINBYTES", "BINBYTES8", "BYTEARRAY8"}
_GETS = {"GET", "BINGET", "LONG_BINGET"}
_PUTS = {"PUT", "BINPUT", "LONG_BINPUT"}
#: Arguments read by length here (so a large one is skipped, not held): name → (length format, signed).
_SIZED = {"bytes4": "<I", "bytes8": "<Q", "bytearray8": "<Q", "unicodestring4": "<I", "unicodestring8": "<Q",
          "string4": "<i", "long4": "<i"}
#: How an import whose module or name is computed at load time (not a string constant) is listed.
COMPUTED_IMPORT = "<computed import>"


class Bounded(io.RawIOBase):
    """A read-only view of `raw` that refuses to go past `limit` bytes (a `BudgetExceeded`, so that
    running out of budget is never mistaken for the end of the data) and whose `readline` stops
    at `line_max` (pickle's text opcodes read lines; a line without an end must not fill memory)."""

    def __init__(self, raw: BinaryIO, limit: int, line_max: int) -> None:
        self.raw, self.limit, self.line_max, self.count = raw, limit, line_max, 0

    def readable(self) -> bool:
        return True

    @staticmethod
    def _raw(read, n: int) -> bytes:
        """A read of the underlying stream; a broken compressed stream (gzip, bz2, xz, zip member)
        is malformed input like a broken pickle, so it becomes a `ValueError` the reader reports."""
        try:
            return read(n)
        except (OSError, EOFError, lzma.LZMAError, zlib.error, zipfile.BadZipFile) as exc:
            raise ValueError(f"compressed data broken: {type(exc).__name__}") from None

    def _take(self, n: int) -> int:
        if self.count + n > self.limit:
            raise BudgetExceeded("decompressed_bytes", self.limit, "bytes read from one model file")
        return n

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = self.limit - self.count + 1
        data = self._raw(self.raw.read, min(n, self.limit - self.count + 1))
        self.count += len(data)
        if self.count > self.limit:
            raise BudgetExceeded("decompressed_bytes", self.limit, "bytes read from one model file")
        return data

    def readline(self, size: int | None = -1) -> bytes:
        line = self._raw(self.raw.readline, self.line_max + 1)
        self.count += len(line)
        if self.count > self.limit:
            raise BudgetExceeded("decompressed_bytes", self.limit, "bytes read from one model file")
        if len(line) > self.line_max:
            raise ValueError("pickle text line too long")
        return line

    def skip(self, n: int) -> None:
        self._take(n)
        while n:
            got = self._raw(self.raw.read, min(n, _CHUNK))
            if not got:
                raise ValueError("pickle ends inside a constant")
            self.count += len(got)
            n -= len(got)

    def peek1(self) -> bytes:
        """The next byte, consumed (callers that continue use it as the next opcode)."""
        return self.read(1)


class _Mark:
    __slots__ = ()


class _Other:
    """A value the verdict does not need (an int, a dict, the result of a call)."""

    __slots__ = ()


class _LongStr:
    """A string too long to be a name, kept only as 'a string' (for the `_codecs.encode` pattern)."""

    __slots__ = ()


MARK, OTHER, LONGSTR = _Mark(), _Other(), _LongStr()


@dataclass(eq=False)
class _Ref:
    module: str
    name: str


@dataclass
class PickleFindings:
    """What the opcodes of one pickle stream (and the pickles nested in it) say."""

    #: `module.name` → `safe` | `suspicious` | `unsafe` (the worst over its uses).
    imports: dict[str, str] = field(default_factory=dict)
    pickles: int = 0  # pickle programs read, nested ones included
    nested: int = 0  # of which found inside a constant of another
    opcodes: int = 0
    complete: bool = True  # False when a budget or a malformed opcode stopped the read
    problems: list[str] = field(default_factory=list)  # short reasons, no file content
    budgets: list[BudgetExceeded] = field(default_factory=list)

    def add(self, module: str, name: str, level: str) -> None:
        self.merge(f"{module}.{name}", level)

    def merge(self, key: str, level: str) -> None:
        old = self.imports.get(key)
        if old is None or _ORDER[level] > _ORDER[old]:
            self.imports[key] = level

    def of(self, level: str) -> list[str]:
        return sorted(k for k, v in self.imports.items() if v == level)


def scan_pickle(stream: BinaryIO, limits: Limits, findings: PickleFindings | None = None) -> PickleFindings:
    """Read every pickle of `stream` (already positioned at the first opcode) into `findings`."""
    out = findings if findings is not None else PickleFindings()
    bounded = stream if isinstance(stream, Bounded) else Bounded(stream, limits.decompressed_bytes,
                                                                   limits.string_length)
    _read_all(bounded, limits, out, depth=0)
    return out


def _read_all(stream: Bounded, limits: Limits, out: PickleFindings, depth: int) -> None:
    first = True
    while True:
        try:
            lead = stream.read(1)
        except BudgetExceeded as exc:
            _budget(out, exc)
            return
        if not lead or (not first and lead != b"\x80"):
            return  # the end, or trailing data that is not another pickle
        try:
            _Machine(stream, limits, out, depth).run(lead)
        except BudgetExceeded as exc:
            _budget(out, exc)
            return
        except _NotPickle:
            if first:
                out.complete = False
                out.problems.append("not a pickle: the first byte is not an opcode")
            return
        except (ValueError, IndexError, struct.error, UnicodeDecodeError, _Broken) as exc:
            out.complete = False
            out.problems.append(f"malformed pickle: {_short(exc)}")
            return
        first = False


def _budget(out: PickleFindings, exc: BudgetExceeded) -> None:
    out.complete = False
    out.budgets.append(exc)
    out.problems.append(exc.reason())


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text[:120]


class _NotPickle(Exception):
    pass


class _Broken(Exception):
    pass


class _Machine:
    """One pickle program: opcodes in, imports and calls out (`PickleFindings`)."""

    def __init__(self, stream: Bounded, limits: Limits, out: PickleFindings, depth: int) -> None:
        self.stream, self.limits, self.out, self.depth = stream, limits, out, depth
        self.stack: list[Any] = []
        self.memo: dict[int, Any] = {}

    def run(self, lead: bytes) -> None:
        code = lead
        started = False
        while True:
            op = pickletools.code2op.get(code.decode("latin-1")) if code else None
            if op is None:
                if not started:
                    raise _NotPickle()
                raise _Broken("unknown opcode" if code else "pickle ends before STOP")
            if not started:
                self.out.pickles += 1
                started = True
            self.out.opcodes += 1
            if self.out.opcodes > self.limits.steps_per_file:
                raise BudgetExceeded("steps_per_file", self.limits.steps_per_file, "pickle opcodes")
            arg = self._arg(op)
            if op.name == "STOP":
                return
            self._step(op, arg)
            code = self.stream.read(1)

    # -- arguments -------------------------------------------------------------------------

    def _arg(self, op: pickletools.OpcodeInfo) -> Any:
        if op.arg is None:
            return None
        fmt = _SIZED.get(op.arg.name)
        if fmt is None:
            return op.arg.reader(self.stream)
        size = struct.calcsize(fmt)
        raw = self.stream.read(size)
        if len(raw) != size:
            raise _Broken("pickle ends inside a length")
        (n,) = struct.unpack(fmt, raw)
        if n < 0:
            raise _Broken("negative length")
        if n > self.limits.string_length:
            self.stream.skip(n)
            return LONGSTR if "string" in op.arg.name else OTHER
        data = self.stream.read(n)
        if len(data) != n:
            raise _Broken("pickle ends inside a constant")
        if op.arg.name.startswith("unicode"):
            return data.decode("utf-8", "surrogatepass")
        if op.arg.name == "string4":
            return data.decode("latin-1")
        return data

    # -- the stack -------------------------------------------------------------------------

    def _pop(self) -> Any:
        if not self.stack or self.stack[-1] is MARK:
            raise _Broken("stack underflow")
        return self.stack.pop()

    def _pop_mark(self) -> list[Any]:
        items: list[Any] = []
        while True:
            if not self.stack:
                raise _Broken("no mark on the stack")
            item = self.stack.pop()
            if item is MARK:
                items.reverse()
                return items
            items.append(item)

    def _step(self, op: pickletools.OpcodeInfo, arg: Any) -> None:
        name = op.name
        if name in _STRINGS:
            self._nested(arg)
            self.stack.append(arg if isinstance(arg, str) and len(arg) <= _NAME_MAX else LONGSTR)
        elif name in _BYTES:
            self._nested(arg)
            self.stack.append(OTHER)
        elif name in ("GLOBAL", "INST"):
            module, _, attr = str(arg).partition(" ")
            ref = self._import(module, attr)
            if name == "INST":
                self._call(ref, tuple(self._pop_mark()))
                self.stack.append(OTHER)
            else:
                self.stack.append(ref)
        elif name == "STACK_GLOBAL":
            attr, module = self._pop(), self._pop()
            if isinstance(module, str) and isinstance(attr, str):
                self.stack.append(self._import(module, attr))
            else:  # no pickler writes a computed import: only an obfuscated one does
                self.out.merge(COMPUTED_IMPORT, UNSAFE)
                self.stack.append(OTHER)
        elif name == "MEMOIZE":
            self.memo[len(self.memo)] = self._top()
        elif name in _PUTS:
            self.memo[int(arg)] = self._top()
        elif name in _GETS:
            self.stack.append(self.memo.get(int(arg), OTHER))
        elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
            n = int(name[-1])
            items = [self._pop() for _ in range(n)]
            items.reverse()
            self.stack.append(tuple(items))
        elif name == "TUPLE":
            self.stack.append(tuple(self._pop_mark()))
        elif name == "EMPTY_TUPLE":
            self.stack.append(())
        elif name == "REDUCE":
            args = self._pop()
            self._call(self._pop(), args)
            self.stack.append(OTHER)
        elif name == "NEWOBJ":
            args = self._pop()
            self._call(self._pop(), args)
            self.stack.append(OTHER)
        elif name == "NEWOBJ_EX":
            self._pop()
            args = self._pop()
            self._call(self._pop(), args)
            self.stack.append(OTHER)
        elif name == "OBJ":
            items = self._pop_mark()
            if not items:
                raise _Broken("OBJ without a class")
            self._call(items[0], tuple(items[1:]))
            self.stack.append(OTHER)
        elif name == "DUP":
            self.stack.append(self._top())
        else:
            self._generic(op)

    def _top(self) -> Any:
        if not self.stack or self.stack[-1] is MARK:
            raise _Broken("stack underflow")
        return self.stack[-1]

    def _generic(self, op: pickletools.OpcodeInfo) -> None:
        before = op.stack_before
        if pickletools.markobject in before:
            self._pop_mark()
            for _ in range(before.index(pickletools.markobject)):
                self._pop()
        else:
            for _ in before:
                self._pop()
        for item in op.stack_after:
            self.stack.append(MARK if item is pickletools.markobject else OTHER)

    # -- imports, calls, nested pickles ----------------------------------------------------

    def _import(self, module: str, attr: str) -> _Ref:
        level = verdict(module, attr)
        if (module, attr) == ("_codecs", "encode"):
            level = SAFE  # until it is called outside the bytes pattern (`_call`)
        self.out.add(module, attr, level)
        return _Ref(module, attr)

    def _call(self, fn: Any, args: Any) -> None:
        if isinstance(fn, _Ref) and (fn.module, fn.name) == ("_codecs", "encode"):
            pattern = (isinstance(args, tuple) and len(args) == 2 and (isinstance(args[0], str) or args[0] is LONGSTR)
                       and args[1] == "latin1")
            if not pattern:
                self.out.add("_codecs", "encode", SUSPICIOUS)

    def _nested(self, value: Any) -> None:
        """Read a constant that is itself a pickle (starts with PROTO 2-5), one level deeper."""
        if isinstance(value, str):
            if len(value) < 2 or value[0] != "\x80" or value[1] not in "\x02\x03\x04\x05":
                return
            try:
                value = value.encode("latin-1")
            except UnicodeEncodeError:
                return
        if not isinstance(value, (bytes, bytearray)) or len(value) < 2 or value[0] != 0x80 or not 2 <= value[1] <= 5:
            return
        if self.depth + 1 > self.limits.depth:
            raise BudgetExceeded("depth", self.limits.depth, "pickles nested in pickles")
        inner = Bounded(io.BytesIO(bytes(value)), self.limits.decompressed_bytes - self.stream.count,
                        self.limits.string_length)
        # A constant that only looks like a pickle (tensor bytes that happen to start with 0x80 0x02)
        # must not make the file's verdict incomplete: its imports count, its parse errors do not.
        sub = PickleFindings(opcodes=self.out.opcodes)
        _read_all(inner, self.limits, sub, self.depth + 1)
        self.stream.count += inner.count  # nested bytes count against the file's budget too
        self.out.opcodes = sub.opcodes
        for key, level in sub.imports.items():
            self.out.merge(key, level)
        self.out.pickles += sub.pickles
        self.out.nested += sub.pickles
        for exc in sub.budgets:
            _budget(self.out, exc)

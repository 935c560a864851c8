"""Parsing `.tf` files ahead: in forked children started as soon as a scan has listed its files.

A scan spends its first few tenths of a second on one core — importing every source, asking each which files
it reads — while the other core is idle, and on a large Terraform tree the longest part of the whole scan is
parsing (tree-sitter, then the tuple IR: `hcl.parse_hcl`). So `aispm.scan` starts this parse right after the
walk (`start`), before it imports the other sources, in two children that each parse a share of the files
and send back every file's outcome; the Terraform loader later takes the outcomes instead of parsing
(`take`, in `Loader.prefetch`). The outcome of a file is what `parse_worker` gives wherever it runs, so the
result is the same whether a file was parsed ahead, in the loader's pool or lazily — which is also what
happens to every file a child could not send: a child that fails or dies costs time, never input.

Children are `aispm.forked.Child`ren of the scan's process (no threads, so the processes the scan forks later
inherit no lock held by one; none where none can be made, as in a daemonic process: then nothing is parsed
ahead). `close` ends them whatever happened: a scan that failed before it took the outcomes never leaves a
child blocked writing into a full pipe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from aispm.forked import Child
from aispm.iac.terraform.hcl import parse_hcl
from aispm.source import SourceContext, read_text

#: In a worker (a pool worker or a child of `ParseAhead`): file text → its outcome (`parse_text`).
WORKER_PARSED: dict[str, tuple[str, Any]] = {}


def parse_worker(arg: tuple[str, int]) -> tuple[str, Any]:
    """Read and parse one file in a worker: ("ok", ParsedFile) | ("error", (line, message)) | ("deep", None)."""
    path, max_size = arg
    ctx = SourceContext(root=Path(path).parent, max_file_size=max_size)
    text, err = read_text(Path(path), ctx)
    if err is not None:
        return "error", (err.line, err.message)
    return parse_text(text or "", WORKER_PARSED)


def parse_text(text: str, seen: dict[str, tuple[str, Any]]) -> tuple[str, Any]:
    """("ok", ParsedFile) | ("deep", None) for a file's text, parsed once per distinct text.

    Estates repeat files byte for byte (`versions.tf`, `providers.tf`, `variables.tf` copied into
    every stack, examples that copy a module): a third of the benchmark corpus's bytes. A parse
    depends on the text alone, and the tuple IR is never changed after it is built, so files with
    the same text share one `ParsedFile` (each is still read, counted and reported under its own
    name)."""
    got = seen.get(text)
    if got is None:
        try:
            got = "ok", parse_hcl(text.encode("utf-8"))
        except RecursionError:
            got = "deep", None
        seen[text] = got
    return got


class ParseAhead:
    """Files parsed in forked children from now on; `take` collects what they parsed, `close` ends them."""

    def __init__(self, paths: Sequence[str], max_size: int, workers: int = 2) -> None:
        self.outcomes: dict[str, tuple[str, Any]] = {}
        self._children: list[tuple[Child, list[str]]] = []
        self._taken = False
        # interleaved shares of the sorted paths: each child gets files of every folder (balanced work)
        for share in (list(paths[i::workers]) for i in range(workers)):
            if not share:
                continue
            child = Child.start(lambda share=share: [parse_worker((p, max_size)) for p in share])
            if child is None:  # no child can be made here: the rest is parsed later
                break
            self._children.append((child, share))

    def take(self) -> dict[str, tuple[str, Any]]:
        """Every outcome the children sent: file path → `parse_worker`'s outcome. Waits for them; a
        child that failed or died sends nothing (its files are missing here). Taken once; in a process
        forked after the start (the scan's reader), nothing more comes."""
        if not self._taken:
            self._taken = True
            for child, share in self._children:
                ok, payload = child.result()
                if ok and isinstance(payload, list) and len(payload) == len(share):
                    self.outcomes.update(zip(share, payload))
        return self.outcomes

    def close(self) -> None:
        """End the children (killed if still running) and close their pipes; idempotent."""
        for child, _share in self._children:
            child.end()


#: The scan's parse ahead, while one runs (`aispm.scan` sets and clears it; the loader takes from it).
CURRENT: ParseAhead | None = None

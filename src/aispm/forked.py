"""Sharing one piece of work with a forked child: this process runs its share while the child runs
the other, and the child's result comes back through a pipe.

Used where work splits into independent parts that are expensive to evaluate and cheap to send back
(the scan's sources, Terraform root modules, Bicep root templates): on two cores the wall time nearly halves.
`fork`, not a pool: the child starts with everything this process has already read and parsed, so
nothing is sent to it, and nothing has to be importable by name.

`Child` is the mechanism: a forked child that runs one piece of work from the moment it is started, and
whose result is taken later (`shared` takes it at once; the Terraform parse ahead, much later).

Failure paths (each tested with a deadline in the sources' tests): a child that fails or dies has its
share run here, so a failure costs time, never input; if this process fails, the child is killed
before it is joined, never left blocked writing a result larger than the pipe buffer (which would
hang the exit)."""

from __future__ import annotations

import os
from typing import Any, Callable, Sequence, TypeVar

R = TypeVar("R")


class Child:
    """A forked child running `work()` from the moment it is started; `result()` waits for what it returned,
    `end()` kills it if it still runs. Never a daemon: the child's work may fork in turn (the Terraform
    source's parsing pool, when it runs in the scan's reader)."""

    def __init__(self, proc: Any, receive: Any) -> None:
        self._proc, self._receive = proc, receive
        self._pid = os.getpid()  # only the process that started it may wait for it or end it
        self._ended = False

    @classmethod
    def start(cls, work: Callable[[], Any]) -> "Child | None":
        """The child, or None where none can be made: a daemonic process (which may not have children),
        no `fork` on this platform, no descriptor or process left."""
        import multiprocessing

        if multiprocessing.current_process().daemon:
            return None
        try:
            mp = multiprocessing.get_context("fork")
        except ValueError:
            return None
        try:
            receive, send = mp.Pipe(duplex=False)
        except OSError:
            return None

        def child() -> None:
            try:
                send.send(("ok", work()))
            except BaseException as exc:  # reported to the parent, which then does this work itself
                send.send(("error", repr(exc)))
            finally:
                send.close()

        proc = mp.Process(target=child, daemon=False)
        try:
            proc.start()
        except (AssertionError, OSError, ValueError):  # cannot fork here
            send.close()
            receive.close()
            return None
        send.close()
        return cls(proc, receive)

    def result(self) -> tuple[bool, Any]:
        """(True, what `work()` returned), or (False, None) when the child failed, died before it could
        send, or sent what does not read. The child is joined either way."""
        if self._ended or os.getpid() != self._pid:
            return False, None
        status, payload = "error", None
        try:
            status, payload = self._receive.recv()
        except Exception:  # noqa: BLE001 - died before it sent (EOF), or its result does not unpickle
            pass
        self._finish(kill=False)  # it has sent all it will: it is ending by itself
        return (True, payload) if status == "ok" else (False, None)

    def end(self) -> None:
        """Kill the child if it still runs, close its pipe and join it; idempotent."""
        self._finish(kill=True)

    def _finish(self, kill: bool) -> None:
        if self._ended or os.getpid() != self._pid:
            return
        self._ended = True
        if kill and self._proc.is_alive():
            self._proc.kill()
        self._receive.close()
        self._proc.join()


def shared(run: Callable[[Sequence[int]], R], mine: Sequence[int], theirs: Sequence[int]) -> tuple[R, R, bool]:
    """`run(mine)` here while a forked child runs `run(theirs)`: (mine's result, theirs', whether
    theirs' came from the child). Where the child failed or died, or no child can be made (no `fork`,
    a daemonic process), `run(theirs)` ran here, after `run(mine)`; what `run` changed in this
    process's state then stays changed."""
    child = Child.start(lambda: run(theirs))
    if child is None:
        return run(mine), run(theirs), False
    try:
        ours = run(mine)
    except BaseException:  # this process failed: the child's result is not wanted, and it must not block
        child.end()
        raise
    ok, payload = child.result()
    if not ok:
        return ours, run(theirs), False
    return ours, payload, True

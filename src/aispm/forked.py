"""Sharing one piece of work with a forked child: this process runs its share while the child runs
the other, and the child's result comes back through a pipe.

Used where work splits into independent parts that are expensive to evaluate and cheap to send back
(the scan's sources, Terraform root modules, Bicep root templates): on two cores the wall time nearly halves.
`fork`, not a pool: the child starts with everything this process has already read and parsed, so
nothing is sent to it, and nothing has to be importable by name.

Failure paths (each tested with a deadline in the sources' tests): a child that fails or dies has its
share run here, so a failure costs time, never input; if this process fails, the child is killed
before it is joined, never left blocked writing a result larger than the pipe buffer (which would
hang the exit)."""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

R = TypeVar("R")


def shared(run: Callable[[Sequence[int]], R], mine: Sequence[int], theirs: Sequence[int]) -> tuple[R, R, bool]:
    """`run(mine)` here while a forked child runs `run(theirs)`: (mine's result, theirs', whether
    theirs' came from the child). Where the child failed or died, or no child can be made (no `fork`,
    a daemonic process), `run(theirs)` ran here, after `run(mine)`; what `run` changed in this
    process's state then stays changed."""
    import multiprocessing

    if multiprocessing.current_process().daemon:  # a daemonic process may not have children
        return run(mine), run(theirs), False
    try:
        mp = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return run(mine), run(theirs), False
    receive, send = mp.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(("ok", run(theirs)))
        except BaseException as exc:  # reported to the parent, which then runs this share itself
            send.send(("error", repr(exc)))
        finally:
            send.close()

    # not a daemon: the child's work may fork in turn (the Terraform source's parsing pool, when it runs in
    # the scan's reader); it is always killed or joined below
    proc = mp.Process(target=child, daemon=False)
    try:
        proc.start()
    except (AssertionError, OSError, ValueError):  # cannot fork here (no process left, a daemon): one process
        send.close()
        receive.close()
        return run(mine), run(theirs), False
    send.close()
    status, payload = "error", None
    finished = False
    try:
        ours = run(mine)
        finished = True
    finally:
        if not finished:  # this process failed: the child's result is not wanted
            proc.kill()
        else:
            try:
                status, payload = receive.recv()
            except (EOFError, OSError):  # the child died before it could send
                pass
        receive.close()
        proc.join()
    if status != "ok":
        return ours, run(theirs), False
    return ours, payload, True

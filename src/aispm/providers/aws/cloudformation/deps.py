"""Which resources of a template depend on which, and the cycles CloudFormation refuses.

A resource depends on what its `DependsOn` names and on every resource its declaration refers to
(`Ref`, `Fn::GetAtt`, `${X}` / `${X.Attr}` in `Fn::Sub`). CloudFormation refuses a template whose
dependencies form a cycle ("Circular dependency between resources"), and one whose `DependsOn`
names a resource it does not declare; both are reported with the line of a resource involved.
Nothing here recurses: declarations are walked with a stack (shared YAML aliases once), and cycles
are found by an iterative Tarjan search, linear in resources and dependencies.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9_:]+)(?:\.[^}]*)?\}")


def references(body: Any, names: set[str]) -> set[str]:
    """The resources (of `names`) a declaration refers to."""
    out: set[str] = set()
    stack = [body]
    seen: set[int] = set()
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if id(v) in seen:
                continue
            seen.add(id(v))
            if len(v) == 1:
                (k, arg), = v.items()
                if k == "Ref" and isinstance(arg, str):
                    if arg in names:
                        out.add(arg)
                    continue
                if k == "Fn::GetAtt":
                    first = arg.split(".", 1)[0] if isinstance(arg, str) else arg[0] if isinstance(arg, list) and arg \
                        else None
                    if isinstance(first, str) and first in names:
                        out.add(first)
                    if isinstance(arg, list):
                        stack.extend(arg[1:])
                    continue
                if k == "Fn::Sub":
                    text = arg[0] if isinstance(arg, list) and arg else arg
                    given = arg[1] if isinstance(arg, list) and len(arg) > 1 else None
                    local = set(given) if isinstance(given, dict) else set()
                    if isinstance(text, str):
                        out.update(n for n in _SUB_NAME.findall(text) if n in names and n not in local)
                    if isinstance(arg, list):
                        stack.extend(arg[1:])
                    continue
            stack.extend(v.values())
        elif isinstance(v, list):
            if id(v) in seen:
                continue
            seen.add(id(v))
            stack.extend(v)
    return out


def depends_on(body: Any) -> list[Any]:
    d = body.get("DependsOn") if isinstance(body, dict) else None
    if d is None:
        return []
    return d if isinstance(d, list) else [d]


def cycles(graph: dict[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components with a cycle (two or more nodes, or one depending on
    itself), each in the order of `graph`; iterative Tarjan."""
    order = {n: i for i, n in enumerate(graph)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    comp: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        comp.append(start)
        on.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    comp.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(graph.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                scc = []
                while True:
                    x = comp.pop()
                    on.discard(x)
                    scc.append(x)
                    if x == node:
                        break
                if len(scc) > 1 or node in set(graph.get(node, ())):
                    found.append(sorted(scc, key=order.__getitem__))
    found.sort(key=lambda c: order[c[0]])
    return found


def cycle_path(graph: dict[str, Iterable[str]], component: list[str]) -> list[str]:
    """One cycle through the first resource of a cyclic component, following its dependencies
    (`A → C → B`, for A depends on C, which depends on B, which depends on A)."""
    start, members = component[0], set(component)
    parent: dict[str, str] = {}
    queue, head = [start], 0
    while head < len(queue):
        node = queue[head]
        head += 1
        for nxt in graph.get(node, ()):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if nxt in members and nxt not in parent and nxt != start:
                parent[nxt] = node
                queue.append(nxt)
    return component

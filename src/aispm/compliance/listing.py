"""`aispm rules --compliance FRAMEWORK`: each requirement of a framework and the rules that map to it.

What an auditor asks before any scan: which requirements aispm has checks for, which it leaves to a
person (`manual` in the catalogue) and which it does not cover at all. Printed as a table or as JSON;
requirement titles come from the catalogue, so text from the rules is the only input and it is the
project's own.
"""

from __future__ import annotations

import json
import sys
from typing import Iterable

from aispm.compliance import framework
from aispm.compliance.coverage import mapping


def mappings(fid: str, rules: Iterable) -> list[dict]:
    mapped = mapping(rules, fid)
    return [{"id": r.id, "title": r.title, "manual": r.manual, "rules": mapped.get(r.id, [])}
            for r in framework(fid).requirements]


def render_mappings(fid: str, rules: Iterable, fmt: str, console) -> None:
    rows = mappings(fid, rules)
    fw = framework(fid)
    if fmt == "json":
        sys.stdout.write(json.dumps({"id": fw.id, "name": fw.name, "version": fw.version, "url": fw.url,
                                     "requirements": rows}, indent=2) + "\n")
        return
    from rich.markup import escape
    from rich.table import Table

    covered = sum(1 for r in rows if r["rules"])
    t = Table(title=escape(f"{fw.title}: {covered} of {len(rows)} requirements mapped to aispm checks"),
              title_justify="left", caption=escape(fw.url), caption_justify="left")
    for col in ("requirement", "title", "aispm checks"):
        t.add_column(col, overflow="fold")
    for r in rows:
        if not r["rules"] and not r["manual"] and fw.id == "mitre-atlas":
            continue  # ATLAS has 170 techniques; list those aispm checks for
        checks = ", ".join(r["rules"]) or ("manual" if r["manual"] else "not covered")
        t.add_row(escape(r["id"]), escape(r["title"]), escape(checks))
    console.print(t)

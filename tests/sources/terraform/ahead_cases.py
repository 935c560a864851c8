"""Run one case of parsing Terraform ahead (`aispm.iac.terraform.ahead`) in a whole scan, in a process of its own.

`python ahead_cases.py <case> <dir>` writes a tree of 450 root modules to `<dir>` (Terraform is most of it,
so the scan parses ahead), scans it and prints the JSON report's findings, assets and errors, and whether
the files were parsed ahead. The test runs this with a deadline on the whole process, exit included: a child
left blocked writing into a full pipe fails the test instead of hanging it.

Cases: `off` (the reference: nothing parsed ahead), `on`, `child-fails`, `child-dies`, `scan-fails` (the scan
raises after the children started: they are ended, and the process exits)."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path

import aispm.iac.terraform.ahead as ahead
from aispm.report.json import render
from aispm.scan import scan

SCAN = sys.modules["aispm.scan"]  # the module (the package exports its `scan` function under that name)
PARENT = os.getpid()
ROOTS = 450


def write_tree(root: Path) -> None:
    for i in range(ROOTS):
        d = root / f"stack{i:03}"
        d.mkdir(parents=True, exist_ok=True)
        (d / "main.tf").write_text(f'''
resource "azurerm_cognitive_account" "a" {{
  name               = "acct-{i}"
  kind               = "OpenAI"
  sku_name           = "S0"
  local_auth_enabled = {"true" if i % 2 else "false"}
}}
''')
    (root / "stack007" / "broken.tf").write_text('resource "azurerm_cognitive_account" "b" {\n  name = \n')
    (root / "stack008" / "latin1.tf").write_bytes(b'# caf\xe9\n')
    (root / "stack009" / "deep.tf").write_text("locals {\n  x = " + "[" * 3000 + "]" * 3000 + "\n}\n")
    (root / "README.md").write_text("not Terraform\n")


def in_child() -> bool:
    return os.getpid() != PARENT


def main(case: str, root: Path) -> None:
    write_tree(root)
    started: list[int] = []
    handles: list[ahead.ParseAhead] = []
    real_start = SCAN._parse_ahead

    def parse_ahead(walks, options):
        if case == "off":
            return False
        on = real_start(walks, options)
        started.append(len(ahead.CURRENT._children) if on else 0)
        if on:
            handles.append(ahead.CURRENT)
        return on

    SCAN._parse_ahead = parse_ahead
    if case in ("child-fails", "child-dies"):
        real_worker = ahead.parse_worker

        def worker(arg):
            if in_child() and arg[0].endswith(os.path.join("stack100", "main.tf")):
                if case == "child-dies":
                    os._exit(9)
                raise RuntimeError("injected failure in a child")
            return real_worker(arg)

        ahead.parse_worker = worker
    if case == "scan-fails":
        import aispm.registry as registry

        def sources(*_args, **_kw):
            raise RuntimeError("injected failure after the children started")

        registry.sources = sources
        try:
            scan([root])
        except RuntimeError as exc:
            print(json.dumps({"raised": str(exc), "started": started, "alive": len(multiprocessing.active_children()),
                              "current": ahead.CURRENT is not None}))
            return
    report = json.loads(render(scan([root])))
    print(json.dumps({"started": started, "current": ahead.CURRENT is not None,
                      "taken": [len(h.outcomes) for h in handles],
                      **{k: report[k] for k in ("assets", "findings", "errors", "summary")}}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))

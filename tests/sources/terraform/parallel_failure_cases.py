"""Run one failure case of the Terraform source's parallel paths, in a process of its own.

`python parallel_failure_cases.py <case> <dir>` writes a tree of many root modules to `<dir>`,
loads it with the parallel paths forced on and the failure the case names injected, and
prints what came out as JSON. The test runs this script with a deadline on the whole process,
exit included: a parallel path that hangs (a child blocked on a full pipe, a pool waiting for
a dead worker) fails the test instead of hanging it.

Cases: `serial` (the reference), `parse-worker-fails`, `parse-worker-dies`, `child-fails`,
`child-dies`, `parent-fails`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import aispm.iac.terraform.loader as tf_loader
import aispm.iac.terraform.source as tf
from aispm.source import SourceContext

PARENT = os.getpid()
ROOTS = 40


def write_tree(root: Path) -> list[Path]:
    files = []
    for i in range(ROOTS):
        d = root / f"stack{i:02}"
        d.mkdir(parents=True, exist_ok=True)
        f = d / "main.tf"
        # enough resources that one process's result is larger than a pipe buffer
        f.write_text("\n".join(f'''
resource "azurerm_cognitive_account" "a{j}" {{
  name               = "acct-{i}-{j}-{'x' * 200}"
  kind               = "OpenAI"
  sku_name           = "S0"
  local_auth_enabled = {"true" if (i + j) % 2 else "false"}
  tags               = {{ owner = "{'y' * 300}" }}
}}''' for j in range(8)))
        files.append(f)
    return files


def in_child() -> bool:
    return os.getpid() != PARENT


def inject(case: str) -> None:
    if case in ("parse-worker-fails", "parse-worker-dies"):
        real = tf_loader._parse_worker

        def worker(arg):
            if in_child() and arg[0].endswith(os.path.join("stack07", "main.tf")):
                if case == "parse-worker-dies":
                    os._exit(9)
                raise RuntimeError("injected parse failure")
            return real(arg)

        tf_loader._parse_worker = worker
    elif case in ("child-fails", "child-dies", "parent-fails"):
        real_group = tf.TerraformSource._transform_group

        def group(self, loader, plugins, instances, indexes):
            if case == "parent-fails" and not in_child():
                raise RuntimeError("injected failure in the parent")
            if case in ("child-fails", "child-dies") and in_child():
                if case == "child-dies":
                    os._exit(9)
                raise RuntimeError("injected failure in the child")
            return real_group(self, loader, plugins, instances, indexes)

        tf.TerraformSource._transform_group = group


def main(case: str, root: Path) -> None:
    files = write_tree(root)
    parallel = case != "serial"
    tf_loader.PARALLEL_MIN_FILES = 1 if parallel else 10**9
    tf.PARALLEL_MIN_ROOTS = 1 if parallel else 10**9
    inject(case)
    try:
        r = tf.TerraformSource().load(files, SourceContext(root=root))
    except RuntimeError as exc:
        print(json.dumps({"raised": str(exc)}))
        return
    print(json.dumps({"assets": [[a.uid, repr(a.properties)] for a in r.assets],
                      "errors": [[e.file, e.line, e.message] for e in r.errors], "files": r.files}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))

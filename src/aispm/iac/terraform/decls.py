"""Declarations of one Terraform module directory: what its `.tf` files declare, by kind.

A directory is one module. `ModuleDecls` collects its blocks (variables, locals, outputs,
resources, data sources, module calls) as parsed IR, without evaluating anything, so that
the same declarations serve every instance of the module (each call, each `count` /
`for_each` key). A second declaration of the same resource address is kept aside as a
duplicate (Terraform rejects it; the scan reports it and keeps the first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aispm.iac.terraform.hcl import Block

@dataclass
class ResourceDecl:
    mode: str  # "resource" | "data"
    type: str
    name: str
    block: Block
    file: str  # file relative to the scan root

    @property
    def local_address(self) -> str:
        return f"{self.type}.{self.name}" if self.mode == "resource" else f"data.{self.type}.{self.name}"


@dataclass
class ModuleDecls:
    """Everything declared in the .tf files of one directory."""

    dir: str  # real path of the directory
    rel_dir: str
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)  # name → IR
    outputs: dict[str, Any] = field(default_factory=dict)  # name → IR
    output_blocks: dict[str, tuple[Block, str]] = field(default_factory=dict)  # name → (block, file)
    resources: dict[tuple[str, str, str], ResourceDecl] = field(default_factory=dict)  # (mode,type,name)
    calls: dict[str, Block] = field(default_factory=dict)  # module name → block
    call_files: dict[str, str] = field(default_factory=dict)  # module name → file of its block
    duplicates: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, address)
    local_lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # local name → (file, line)

    def add_block(self, blk: Block, rel_file: str) -> None:
        t = blk.type
        if t in ("resource", "data") and len(blk.labels) == 2 and (t, blk.labels[0], blk.labels[1]) in self.resources:
            addr = ".".join(blk.labels) if t == "resource" else "data." + ".".join(blk.labels)
            self.duplicates.append((rel_file, blk.line, addr))
            return
        if t == "resource" and len(blk.labels) == 2:
            self.resources[("resource", blk.labels[0], blk.labels[1])] = ResourceDecl(
                "resource", blk.labels[0], blk.labels[1], blk, rel_file
            )
        elif t == "data" and len(blk.labels) == 2:
            self.resources[("data", blk.labels[0], blk.labels[1])] = ResourceDecl(
                "data", blk.labels[0], blk.labels[1], blk, rel_file
            )
        elif t == "variable" and blk.labels:
            self.variables[blk.labels[0]] = blk
        elif t == "locals":
            for k, (ir, line) in blk.body.attrs.items():
                self.locals[k] = ir
                self.local_lines[k] = (rel_file, line)
        elif t == "output" and blk.labels:
            v = blk.body.attrs.get("value")
            self.outputs[blk.labels[0]] = v[0] if v else ("unk", "output without value")
            self.output_blocks[blk.labels[0]] = (blk, rel_file)
        elif t == "module" and blk.labels:
            self.calls[blk.labels[0]] = blk
            self.call_files[blk.labels[0]] = rel_file

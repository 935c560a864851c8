"""The Bicep source: evaluates each `.bicep` file as a deployment into ARM-shaped assets.

Per `docs/design.md`:

- every resource instance becomes an `Asset` whose `properties` are the ARM
  resource body (minus `name` / `parent` / `dependsOn`, plus `apiVersion`);
  the address is `<type>.<symbolic name>` (`[i]` per loop instance, prefixed
  `module.<symbol>.` inside a module call), the uid
  `declared_uid("bicep", <file>, <address>)` where the file is the scanned
  (root) file, so a module evaluated from two callers gives distinct assets;
- parameters take their values from a `.bicepparam` file that names the
  template in `using`, else from `<stem>.parameters.json` next to it, else
  their defaults, else `Unknown`;
- local modules are evaluated with the parameters the caller passes, so a
  module's defaults are seen as the module call sets them; registry modules
  (`br:`, `br/`) are never fetched but read offline where `registry.py` finds them
  (the Bicep module cache, the Azure Verified Modules aispm ships), else a warning
  names them and their outputs are Unknown (template specs, `ts:`, always);
- references to declared resources follow the design's value rules (`x.id` →
  uid, `x.identity.principalId` → `<uid>#identity`, `x.listKeys()` →
  `Unknown("key of <uid>")`, …);
- `if (false)` resources are not deployed; an unresolvable condition keeps the
  resource with `properties["condition"] = Unknown(...)`;
- `existing` resources become assets with `existing=True`.

Expressions use the shared ARM function library (`arm.functions`); what is
Bicep-specific (interpolation, operators, `??`, `.?`, `!`, lambdas, symbolic
references, modules, imports, user-defined functions, `load*Content`) is in this
package: parsing (`lexer`, `parser`, `syntax`), one evaluation per file
(`template` and the parts it is made of: `evaluate`, `operators`, `calls`,
`resources`, `modules`, `emit`; values in `instances`), parameter files (`params`)
and file access (`loader`). Files are only ever read, never executed, and never
outside the scan target. A file nested deeper than `Limits.depth` is a syntax error
("nested deeper than N levels"); evaluation spends the root file's budgets
(`arm.functions.budget`: steps, string length, collection size, instances per loop and
in all, depth), each hit one warning and an `Unknown` where the value was. An evaluation
that fails unexpectedly is a scan error for that file; the other files go on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from aispm.forked import shared
from aispm.model import Asset, ScanError
from aispm.providers.azure.arm.functions.budget import recursion_room
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.loader import Deployment, Loader
from aispm.providers.azure.bicep.params import take_secure_literals, values_from_bicepparam, values_from_json
from aispm.providers.azure.bicep.template import Template
from aispm.source import SourceContext, SourceResult


#: From this many root templates up, every other one is evaluated in a forked child (`aispm.forked`):
#: the public Bicep registry's 2,361 files took 15 s in one process; below this, forking costs more
#: than it saves.
PARALLEL_MIN_TEMPLATES = 200


class BicepSource:
    """Bicep templates (`*.bicep`) and their parameter files (`*.bicepparam`)."""

    name = "bicep"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        suffix = path.suffix.lower()
        return suffix == ".bicep" or suffix == ".bicepparam"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        loader = Loader(ctx)
        templates, param_values = _read_parameter_files(sorted(files), loader, result)

        def run(indexes: Sequence[int]) -> list[tuple[int, list, list, list, list]]:
            """Per template: its assets, errors and budget warnings, and the loader warnings first met
            while evaluating it. One result per process, so that a budget is reported once per file
            and budget, as `SourceResult.budget` does."""
            acc, out = SourceResult(), []
            for i in indexes:
                a, e, w, seen = len(acc.assets), len(acc.errors), len(acc.warnings), len(loader.warnings)
                _evaluate(templates[i], loader, param_values, acc)
                out.append((i, acc.assets[a:], acc.errors[e:], acc.warnings[w:], loader.warnings[seen:]))
            return out

        everything = range(len(templates))
        if len(templates) < PARALLEL_MIN_TEMPLATES or (os.cpu_count() or 1) < 2:
            parts = run(everything)
        else:  # root templates are independent: every other one in a forked child
            ours, theirs, _ = shared(run, everything[::2], everything[1::2])
            parts = sorted(ours + theirs, key=lambda p: p[0])
        # in file order, as one process makes them; a module that two templates in different processes
        # both push over one budget (on different lines) is the one thing reported twice
        budget: dict[str, None] = {}
        warned: dict[str, None] = {}
        for _, assets, errors, budget_hits, warnings in parts:
            result.assets.extend(assets)
            result.errors.extend(errors)
            budget.update(dict.fromkeys(budget_hits))
            warned.update(dict.fromkeys(warnings))
        result.warnings.extend(budget)
        result.warnings.extend(warned)
        return result


def _program(loader: Loader, path: Path, result: SourceResult) -> syntax.Program | None:
    """The parsed file, or None with the reason in `result.errors`."""
    prog = loader.program(path)
    if isinstance(prog, ScanError):
        result.errors.append(prog)
        return None
    if isinstance(prog, syntax.BicepSyntaxError):
        result.errors.append(ScanError(loader.ctx.rel(path), prog.line, f"invalid Bicep: {prog.message}"))
        return None
    return prog


def _read_parameter_files(files: list[Path], loader: Loader, result: SourceResult) -> tuple[list[Path], dict]:
    """The templates among `files`, and the parameter values each `.bicepparam` gives the
    template it names (the first one wins)."""
    templates: list[Path] = []
    param_values: dict[Path, dict] = {}
    for path in files:
        result.files += 1
        if path.suffix.lower() != ".bicepparam":
            templates.append(path)
            continue
        prog = _program(loader, path, result)
        if prog is None:
            continue
        try:
            target, values = values_from_bicepparam(loader, path, prog, result)
        except RecursionError:
            continue
        except Exception as exc:  # noqa: BLE001 - a source never raises for its input
            result.errors.append(ScanError(loader.ctx.rel(path), None,
                                           f"could not evaluate Bicep parameters: {type(exc).__name__}"))
            continue
        if target is not None:
            lines = {st.name: st.line for st in prog.statements if isinstance(st, syntax.Param)}
            param_values.setdefault(target, (values, loader.ctx.rel(path), lines))
    return templates, param_values


def _evaluate(path: Path, loader: Loader, param_values: dict, result: SourceResult) -> None:
    """Evaluate one root template into `result` (its assets and errors, or why it could not)."""
    prog = _program(loader, path, result)
    if prog is None:
        return
    rel = loader.ctx.rel(path)
    secrets: list[Asset] = []  # literals given to @secure() parameters
    from_bicepparam = param_values.get(loader.real(path))
    if from_bicepparam is not None:
        given, param_rel, lines = from_bicepparam
        given = dict(given)
        secrets = take_secure_literals(prog, given, param_rel, lines.get)
    else:
        given = values_from_json(loader, path, prog, secrets)
    dep = Deployment(loader, rel)
    try:
        with recursion_room(loader.ctx.limits):
            tpl = Template(dep, path, prog, params=given)
            assets: list[Asset] = []
            tpl.emit(assets)
    except RecursionError:
        result.errors.append(ScanError(rel, None, "invalid Bicep: expressions nested too deeply"))
        return
    except MemoryError:
        result.errors.append(ScanError(rel, None, "could not evaluate Bicep: out of memory"))
        return
    except Exception as exc:  # noqa: BLE001 - a source never raises for its input
        result.errors.append(ScanError(rel, None, f"could not evaluate Bicep: {type(exc).__name__}: {exc}"[:300]))
        return
    result.assets.extend(assets)
    result.assets.extend(secrets)
    result.errors.extend(dep.errors)
    dep.budget.report(result)


__all__ = ["BicepSource"]

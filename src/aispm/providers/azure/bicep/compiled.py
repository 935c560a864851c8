"""Registry modules from the Bicep module cache: compiled ARM templates (not read yet: a warning)."""

from __future__ import annotations

from typing import Any

from aispm.model import Unknown
from aispm.providers.azure.bicep import registry


def compiled_module(tpl: Any, mod: Any, got: Any, site: tuple) -> Any:
    tpl.dep.loader.warn(registry.unresolved_warning(f"{tpl.rel}:{mod.decl.line}", got.shown,
                                                    "compiled templates from the module cache are not read yet"))
    return Unknown(f"registry module {got.shown}: compiled template not read")

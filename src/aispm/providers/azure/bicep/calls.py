"""Bicep function calls: user-defined and imported functions, namespaces, built-ins, ARM functions.

`az.` / `sys.` calls and plain names go to the built-ins Bicep adds (`any`, `load*Content`,
`nameof`, `readEnvironmentVariable`, ...) and otherwise to the shared ARM function library
(`arm.functions`); a method on a resource (`x.listKeys()`, `kv.getSecret()`) is an Unknown
key or secret of it. A user-defined function is evaluated with its arguments bound: each
call is an evaluation step (`steps_per_file`), and calls nest at most `Limits.depth` deep,
so a function that calls itself twice per level stops at the step budget, not at 2^depth
calls; either budget makes the call's value an `Unknown` naming it.
"""

from __future__ import annotations

from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.arm.functions import call as call_arm_function
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.instances import InstanceList, Namespace, ResourceInstance, materialize, plain
from aispm.providers.azure.bicep.loader import load_content


class FunctionCalls:
    """Function calls, mixed into `Template` (which provides `ev`, the symbols and the functions)."""

    def ev_call(self, node: syntax.Call, env: dict | None) -> Any:
        name = node.name
        base = node.base
        if base is not None:
            if type(base) is syntax.Ident and (not env or base.name not in env):
                bname = base.name
                st = self.symbols.get(bname)
                if st is None and bname in ("az", "sys"):
                    return self.call_builtin(name, node, env)
                if type(st) is Namespace:
                    if st.tpl is not None and name in st.tpl.funcs:
                        args = [materialize(self.ev(a, env)) for a in node.args]
                        return st.tpl.call_func(st.tpl.funcs[name], args)
                    return Unknown(f"{name}() from {st.path}")
            obj = materialize(self.ev(base, env))
            args = [materialize(self.ev(a, env)) for a in node.args]
            if isinstance(obj, ResourceInstance):
                return obj.method(name, args)
            if isinstance(obj, Unknown):
                if name.lower().startswith("list"):
                    return Unknown(f"key of {obj.reason}")
                return obj
            return Unknown(f"method {name}()")
        func = self.funcs.get(name)
        if func is not None:
            args = [materialize(self.ev(a, env)) for a in node.args]
            if type(func) is tuple:
                return func[0].call_func(func[1], args)
            return self.call_func(func, args)
        return self.call_builtin(name, node, env)

    def call_func(self, func: syntax.Func, args: list) -> Any:
        budget = self.budget
        try:
            budget.step()
            budget.depth(self.dep.call_depth + 1, f"calls of {func.name}()")
        except BudgetExceeded as exc:
            return budget.hit(exc)
        env = {p.name: (args[i] if i < len(args) else Unknown(f"argument {p.name}")) for i, p in enumerate(func.params)}
        self.dep.call_depth += 1
        try:
            return materialize(self.ev(func.body, env))
        except BudgetExceeded as exc:
            return budget.hit(exc)
        except RecursionError:
            return Unknown(f"{func.name}(): recursion too deep")
        finally:
            self.dep.call_depth -= 1

    def call_builtin(self, name: str, node: syntax.Call, env: dict | None) -> Any:
        low = name.lower()
        args = [materialize(self.ev(a, env)) for a in node.args]
        if low == "any":
            return args[0] if args else Unknown("any()")
        if low in ("loadtextcontent", "loadjsoncontent", "loadyamlcontent", "loadfileasbase64"):
            return load_content(self.dep.loader, self.dir, low, args, self.budget, self.base)
        if low == "readenvironmentvariable":
            return args[1] if len(args) > 1 else Unknown(f"environment variable {args[0] if args else ''}")
        if low in ("getsecret", "externalinput", "fail", "loaddirectoryfileinfo", "deployer"):
            return Unknown(f"{name}()")
        if low == "nameof":
            a = node.args[0] if node.args else None
            if isinstance(a, syntax.Ident):
                return a.name
            if isinstance(a, syntax.Member):
                return a.name
            return Unknown("nameof()")
        if low == "resourceid" or low.endswith("resourceid"):
            args = [a.uid if isinstance(a, ResourceInstance) else a for a in args]
        if low == "reference" and args and isinstance(args[0], ResourceInstance):
            return self.reference(args[0], len(args) > 2)
        args = [plain(a) if isinstance(a, (ResourceInstance, InstanceList)) else a for a in args]
        return call_arm_function(self, name, args)

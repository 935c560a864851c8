"""Hostile ARM templates, Bicep files and azd projects: every budget of `aispm.limits` holds, each
hit is an `Unknown` naming the budget and one warning, what was evaluated before stays, and
nothing outside the scan's roots is read (issue "Hostile input", ARM / Bicep / azd families).

Small inputs with small `Limits` keep these fast; the corpus (`test_hostile_corpus.py`) runs
the full-size bombs."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from aispm.limits import Limits
from aispm.model import Unknown
from aispm.providers.azure.arm.document import TooDeep, parse_json
from aispm.providers.azure.arm.expressions import ExprError, TooDeepExpression, parse_expression
from aispm.providers.azure.arm.functions import call
from aispm.providers.azure.arm.functions.budget import Budget
from aispm.providers.azure.arm.functions.values import contains_unknown
from aispm.providers.azure.arm.source import ArmSource
from aispm.providers.azure.arm.state import FileState
from aispm.providers.azure.azd import AzdSource
from aispm.providers.azure.bicep.parser import parse
from aispm.providers.azure.bicep.source import BicepSource
from aispm.providers.azure.bicep.syntax import BicepSyntaxError
from aispm.providers.azure.outputs import keys_in
from aispm.source import SourceContext, SourceResult

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def ctx(root: Path, **limits: int) -> SourceContext:
    return SourceContext(root=root, roots=(os.path.realpath(root),), limits=Limits(**limits))


def arm(root: Path, resources: list | dict, name: str = "azuredeploy.json", **extra: Any) -> Path:
    doc = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": resources, **extra}
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(doc))
    return p


def account(name: Any, **props: Any) -> dict:
    return {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": name,
            "kind": "OpenAI", "properties": props}


def load_arm(root: Path, **limits: int) -> SourceResult:
    files = sorted(p for p in root.rglob("*.json"))
    return ArmSource().load(files, ctx(root, **limits))


def load_bicep(root: Path, text: str, **limits: int) -> SourceResult:
    (root / "main.bicep").write_text(text)
    return BicepSource().load([root / "main.bicep"], ctx(root, **limits))


def by_name(result: SourceResult) -> dict:
    return {a.origin.address: a for a in result.assets}


def budgets(result: SourceResult) -> list[str]:
    return [w for w in result.warnings if "budget exceeded" in w or "integer overflow" in w]


# --------------------------------------------------------------------------- ARM: values and functions


@pytest.mark.parametrize(("expr", "budget"), [
    ("[padLeft('a', 5000, 'x')]", "string_length = 1000 (padLeft width 5000)"),
    ("[format('{0,5000}', 'a')]", "string_length = 1000 (format width 5000)"),
    ("[format('{0,-5000}', 'a')]", "string_length = 1000 (format width -5000)"),
    ("[format('{0:D5000}', 1)]", "string_length = 1000 (format precision 5000)"),
    ("[format('{0:X5000}', 1)]", "string_length = 1000 (format precision 5000)"),
    ("[format('{0:N5000}', 1)]", "string_length = 1000 (format precision 5000)"),
    ("[format('{0:F99999999999999999999}', 1)]", "string_length = 1000 (format precision 999999999999)"),
    ("[format('{0:E5000}', 1.5)]", "string_length = 1000 (format precision 5000)"),
    ("[format('{0:P5000}', 1)]", "string_length = 1000 (format precision 5000)"),
    ("[replace(padLeft('a', 900, 'a'), 'a', 'bb')]", "string_length = 1000 (replace())"),
    ("[join(createArray(padLeft('a', 600, 'a'), padLeft('a', 600, 'a')), '')]", "string_length = 1000 (join())"),
    ("[concat(padLeft('a', 600, 'a'), padLeft('a', 600, 'a'))]", "string_length = 1000 (concat())"),
    ("[string(length(range(0, 2000)))]", "collection_size = 1000 (range() of 2000 items)"),
    ("[string(length(range(0, 20000)))]", "collection_size = 1000 (range() of 20000 items)"),
])
def test_arm_widths_and_sizes_beyond_a_budget_are_unknown(tmp_path: Path, expr: str, budget: str) -> None:
    arm(tmp_path, [account("kept", publicNetworkAccess="Disabled"), account("x", tags=expr)])
    result = load_arm(tmp_path, string_length=1000, collection_size=1000)
    assets = by_name(result)
    tags = assets["Microsoft.CognitiveServices/accounts.x"].properties["properties"]["tags"]
    assert isinstance(tags, Unknown) and budget in tags.reason, tags
    assert [w for w in result.warnings if budget in w], result.warnings
    # what was evaluated before stays
    assert assets["Microsoft.CognitiveServices/accounts.kept"].properties["properties"] == {
        "publicNetworkAccess": "Disabled"}


def test_arm_range_is_held_to_arms_own_limit(tmp_path: Path) -> None:
    arm(tmp_path, [account("[string(length(range(0, 1000000000)))]")])
    result = load_arm(tmp_path)
    assert budgets(result) == ["azuredeploy.json:1: budget exceeded: collection_size = 10000 "
                               "(range() of 1000000000 items; ARM allows 10,000)"]


def test_arm_integers_are_64_bit(tmp_path: Path) -> None:
    arm(tmp_path, [account("[string(mul(4611686018427387904, 2))]"), account("[string(add(1, 2))]"),
                   account("[string(mul(3037000499, 3037000499))]")])
    result = load_arm(tmp_path)
    names = {a.name if isinstance(a.name, str) else a.name.reason for a in result.assets}
    assert "3" in names and str(3037000499 ** 2) in names
    assert any("integer overflow: mul() is outside ARM's 64-bit integers" in n for n in names)
    assert budgets(result) == ["azuredeploy.json:1: integer overflow: mul() is outside ARM's 64-bit integers"]


def test_arm_integer_literal_beyond_64_bits_is_not_parsed() -> None:
    with pytest.raises(ExprError):
        parse_expression("add(99999999999999999999, 1)")
    with pytest.raises(ExprError):
        parse_expression("add(" + "9" * 5000 + ", 1)")
    assert parse_expression("add(9223372036854775807, -9223372036854775808)")


def test_arm_doubling_variables_are_evaluated_once_each(tmp_path: Path) -> None:
    variables = {"v0": "ab", **{f"v{i}": f"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]" for i in range(1, 60)}}
    variables |= {"n0": 1, **{f"n{i}": f"[add(variables('n{i - 1}'), variables('n{i - 1}'))]" for i in range(1, 70)}}
    arm(tmp_path, [account("[variables('v59')]"), account("[string(variables('n69'))]"),
                   account("[string(variables('n39'))]")], variables=variables)
    start = time.monotonic()
    result = load_arm(tmp_path)
    assert time.monotonic() - start < 5
    names = sorted(a.name if isinstance(a.name, str) else a.name.reason for a in result.assets)
    assert str(2**39) in names  # 64-bit: still an integer
    assert any("budget exceeded: string_length = 1000000 (concat())" in n for n in names)
    assert any("integer overflow" in n for n in names)


def test_arm_variables_that_share_a_part_are_held_to_the_collection_size(tmp_path: Path) -> None:
    """A list doubled through variables is 2^n elements once printed: over the budget, not a report of GBs."""
    variables = {"a0": [1, 2], **{f"a{i}": f"[createArray(variables('a{i - 1}'), variables('a{i - 1}'))]"
                                  for i in range(1, 60)}}
    arm(tmp_path, [account("x", tags={"big": "[variables('a59')]", "length": "[length(variables('a59'))]",
                                      "small": "[variables('a3')]"})], variables=variables)
    result = load_arm(tmp_path, collection_size=1000)
    tags = result.assets[0].properties["properties"]["tags"]
    # the variable that went over is unknown; those built on it are small again, around it
    assert "collection_size = 1000 (variable a" in contains_unknown(tags["big"]).reason
    assert tags["length"] == 2
    assert tags["small"] == [[[[1, 2], [1, 2]], [[1, 2], [1, 2]]]] * 2
    assert any("collection_size = 1000" in w for w in result.warnings)


def test_arm_unused_variables_are_evaluated_and_reported(tmp_path: Path) -> None:
    arm(tmp_path, [account("x")], variables={"unused": "[padLeft('a', 1000000000, 'x')]"})
    result = load_arm(tmp_path)
    assert budgets(result) == ["azuredeploy.json: budget exceeded: string_length = 1000000 (padLeft width 1000000000)"]


def test_arm_union_and_intersection_are_linear_and_keep_json_equality(tmp_path: Path) -> None:
    budget = Budget()

    class Ctx:
        pass

    c = Ctx()
    c.budget = budget  # type: ignore[attr-defined]
    start = time.monotonic()
    big = list(range(10000))
    assert call(c, "union", [big, big]) == big
    assert call(c, "intersection", [big, list(reversed(big))]) == big
    assert time.monotonic() - start < 2
    assert call(c, "union", [[1, True, "1", None, 1.0, {"A": 1}, {"a": 1}], [[1], [1]]]) == [1, True, "1", None, {"A": 1}, [1]]
    u = Unknown("x")
    assert call(c, "union", [[[u], [u]], [[u]]]) == [[u], [u], [u]]  # an Unknown equals nothing for sure
    assert call(c, "intersection", [[1, 2, [u]], [2, 1, [u]]]) == [1, 2]
    assert call(c, "union", [{"a": {"b": 1}}, {"A": {"c": 2}}]) == {"a": {"b": 1, "c": 2}}


def test_arm_comment_stripping_is_linear() -> None:
    text = '{"$schema": "' + SCHEMA + '", "resources": [' + "/* " * 200000 + "]}"
    start = time.monotonic()
    with pytest.raises(json.JSONDecodeError):
        parse_json(text)
    assert time.monotonic() - start < 2
    doc = parse_json('{"a": /* x */ 1, // y\n "b": "/* not a comment */", "c": [1 /* z\n */, 2]}')
    assert doc.value == {"a": 1, "b": "/* not a comment */", "c": [1, 2]}


def test_arm_deep_json_and_expressions_are_one_error_each(tmp_path: Path) -> None:
    with pytest.raises(TooDeep) as exc:
        parse_json('{"a": \n' + "[" * 300 + "]" * 300 + "}", max_depth=200)
    assert exc.value.line == 2 and str(exc.value) == "nested deeper than 200 levels"
    assert parse_json("[" * 150 + "]" * 150, max_depth=200).value
    with pytest.raises(TooDeepExpression):
        parse_expression("concat(" * 300 + "'a'" + ")" * 300, max_depth=200)
    deep = tmp_path / "deep"
    (deep / "json").mkdir(parents=True)
    (deep / "json" / "azuredeploy.json").write_text(
        json.dumps({"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": []})[:-1]
        + ', "variables": {"v": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}}")
    arm(deep / "expr", [account("[" + "concat(" * 5000 + "'a'" + ")" * 5000 + "]"),
                        account("[" + "concat(" * 5000 + "'a'" + ")" * 5000 + "]")])
    result = load_arm(deep)
    assert sorted((e.file, e.message) for e in result.errors) == [
        ("expr/azuredeploy.json", "expression nested deeper than 200 levels"),
        ("json/azuredeploy.json", "invalid JSON: nested deeper than 200 levels")]


def test_arm_user_functions_that_recurse_stop_at_the_budgets(tmp_path: Path) -> None:
    functions = [{"namespace": "ns", "members": {
        "twice": {"parameters": [{"name": "n", "type": "int"}], "output": {"type": "int", "value":
                  "[if(equals(parameters('n'), 0), 0, add(ns.twice(sub(parameters('n'), 1)), ns.twice(sub(parameters('n'), 1))))]"}},
        "deep": {"parameters": [{"name": "n", "type": "int"}], "output": {"type": "int", "value":
                 "[ns.deep(add(parameters('n'), 1))]"}}}}]
    arm(tmp_path, [account("[string(ns.twice(40))]")], functions=functions)
    arm(tmp_path, [account("[string(ns.deep(0))]")], functions=functions, name="deep.json")
    start = time.monotonic()
    result = load_arm(tmp_path, steps_per_file=20000, depth=50)
    assert time.monotonic() - start < 10
    assert sorted(result.warnings) == [
        "azuredeploy.json:1: budget exceeded: steps_per_file = 20000",
        "deep.json:1: budget exceeded: depth = 50 (calls of user-defined functions (ns.deep))"]


# --------------------------------------------------------------------------- ARM: loops and deployments


def test_arm_copy_loops_are_held_to_the_instance_budgets(tmp_path: Path) -> None:
    arm(tmp_path, [{**account("[concat('a', copyIndex())]"), "copy": {"name": "c", "count": 50}},
                   {**account("[concat('b', copyIndex())]"), "copy": {"name": "d", "count": 1000000000}}])
    result = load_arm(tmp_path, instances_per_resource=20)
    names = sorted(a.name for a in result.assets)
    assert len(names) == 40 and names[:2] == ["a0", "a1"]
    assert budgets(result) == ["azuredeploy.json:1: budget exceeded: instances_per_resource = 20 (copy c of 50 instances)"]
    result = load_arm(tmp_path)
    assert len(result.assets) == 850
    assert budgets(result) == ["azuredeploy.json:1: budget exceeded: instances_per_resource = 800 "
                               "(copy d of 1000000000 instances; ARM allows 800)"]
    result = load_arm(tmp_path, instances_total=30)
    assert [a.name for a in result.assets] == [f"a{i}" for i in range(30)]
    assert budgets(result) == ["azuredeploy.json:1: budget exceeded: instances_total = 30 "
                               "(resource instances of the template)"]


def test_arm_copy_inside_copy_is_held_to_the_collection_size(tmp_path: Path) -> None:
    arm(tmp_path, [account("x", ipRules={"copy": [{"name": "ipRules", "count": 800,
                                                    "input": {"value": "[range(0, 800)]"}}]}),
                   account("y", ipRules={"copy": [{"name": "ipRules", "count": 3, "input": "[copyIndex('ipRules')]"}]})])
    result = load_arm(tmp_path)
    assets = by_name(result)
    x = assets["Microsoft.CognitiveServices/accounts.x"].properties
    assert x["kind"] == "OpenAI"  # the rest of the resource stays
    cut = x["properties"]["ipRules"]["ipRules"]
    assert isinstance(cut, Unknown) and "collection_size = 100000" in cut.reason
    assert assets["Microsoft.CognitiveServices/accounts.y"].properties["properties"] == {"ipRules": {"ipRules": [0, 1, 2]}}


def _deployment(name: str, path: str, copy: int | None = None) -> dict:
    d = {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": name,
         "properties": {"mode": "Incremental", "templateLink": {"relativePath": path}}}
    if copy is not None:
        d["copy"] = {"name": "c", "count": copy}
    return d


def test_arm_linked_template_outside_the_roots_is_not_read_nor_probed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    outside = tmp_path / "outside.json"
    arm(tmp_path, [account("canary-outside")], name="outside.json")
    arm(root, [_deployment("a", "../outside.json"), _deployment("b", "../missing.json"),
               _deployment("c", str(outside)), _deployment("d", "/etc/hostname")])
    (root / "link.json").symlink_to(outside)
    arm(root, [_deployment("e", "link.json")], name="second.json")
    result = ArmSource().load([root / "azuredeploy.json", root / "second.json"], ctx(root))
    assert all("canary" not in str(a.name) for a in result.assets)
    msgs = sorted(e.message for e in result.errors)
    assert len(msgs) == 5
    assert all(m.endswith("outside the scanned roots (a symlink or a reference that leaves the target); not read")
               for m in msgs)
    # the same words whether the file exists (outside.json) or not (missing.json)
    assert {m.split(": ", 1)[1] for m in msgs} == {msgs[0].split(": ", 1)[1]}


def test_arm_linked_templates_are_parsed_once_and_cycles_are_one_error(tmp_path: Path, monkeypatch) -> None:
    import aispm.providers.azure.arm.deployments as deployments

    arm(tmp_path, [_deployment("[concat('d', copyIndex())]", "child.json", copy=200)])
    arm(tmp_path, [account("[concat('c', uniqueString(deployment().name))]"),
                   _deployment("back", "azuredeploy.json")], name="child.json")
    parsed = []
    real = deployments.parse_json
    monkeypatch.setattr(deployments, "parse_json", lambda *a, **k: parsed.append(1) or real(*a, **k))
    result = ArmSource().load([tmp_path / "azuredeploy.json"], ctx(tmp_path))
    assert len(parsed) == 1
    assert [e.message for e in result.errors] == ["linked template azuredeploy.json links back to itself; not followed"]
    assert sum(a.type == "Microsoft.CognitiveServices/accounts" for a in result.assets) == 200


def test_arm_self_linked_template_in_a_copy_loop_is_one_error(tmp_path: Path) -> None:
    arm(tmp_path, [_deployment("[concat('d', copyIndex())]", "azuredeploy.json", copy=800)])
    result = load_arm(tmp_path)
    assert [e.message for e in result.errors] == ["linked template azuredeploy.json links back to itself; not followed"]
    assert len(result.assets) == 800


def test_arm_nested_deployments_in_loops_count_in_the_total(tmp_path: Path) -> None:
    inner = {"$schema": SCHEMA, "contentVersion": "1.0.0.0",
             "resources": [{**account("[concat('a', copyIndex())]"), "copy": {"name": "i", "count": 800}}]}
    arm(tmp_path, [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
                    "name": "[concat('d', copyIndex())]", "copy": {"name": "c", "count": 800},
                    "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                                   "template": inner}}])
    start = time.monotonic()
    result = load_arm(tmp_path, instances_total=5000)
    assert time.monotonic() - start < 20
    assert len(result.assets) == 5000
    assert any("instances_total = 5000" in w for w in result.warnings)


def test_arm_addresses_and_bare_names_stay_as_they_were(tmp_path: Path) -> None:
    state = FileState("x.json", tmp_path / "x.json", ctx(tmp_path))
    got = [state.unique_address("a") for _ in range(4)]
    state.addresses.add("b[1]")
    got += [state.unique_address("b"), state.unique_address("b")]
    assert got == ["a", "a[1]", "a[2]", "a[3]", "b", "b[2]"]
    arm(tmp_path, [account("same"), {**account("same"), "type": "Microsoft.Storage/storageAccounts"},
                   account("only"), account("r1", ref="[reference('only').x]"), account("r2", ref="[reference('same').x]")])
    assets = by_name(load_arm(tmp_path))
    r1 = assets["Microsoft.CognitiveServices/accounts.r1"].properties["properties"]["ref"]
    r2 = assets["Microsoft.CognitiveServices/accounts.r2"].properties["properties"]["ref"]
    assert r1 == Unknown("no property 'x'") and r2 == Unknown("reference to same")


def test_output_keys_walk_is_iterative() -> None:
    value: Any = Unknown("key of a")
    for _ in range(5000):
        value = [value]
    assert list(keys_in(value)) == ["a"]
    shared: Any = [Unknown("key of b")]
    for _ in range(60):
        shared = [shared, shared]
    assert list(keys_in(shared)) == ["b"]


# --------------------------------------------------------------------------- Bicep


@pytest.mark.parametrize("text", [
    "var x = " + "[" * 300 + "]" * 300,
    "var x = " + "(" * 300 + "1" + ")" * 300,
    "var x = " + "{\n a: " * 300 + "1" + "\n}" * 300,
    "var x = '" + "${'" * 300 + "a" + "'}" * 300 + "'",
    "param p bool\nvar x = " + "p ? 1 : " * 300 + "0",
    "var x = " + "!" * 300 + "true",
    "var x = " + "a => " * 300 + "1",
    "type t = " + "resourceInput<" * 300 + "'a@1'" + ">" * 300,
])
def test_bicep_nesting_beyond_the_depth_is_a_syntax_error(text: str) -> None:
    with pytest.raises(BicepSyntaxError) as exc:
        parse(text, Limits(depth=200))
    assert exc.value.message == "nested deeper than 200 levels"
    # 100 levels of the same are fine
    parse(text.replace("300", "100") if False else "var x = " + "[" * 100 + "]" * 100, Limits(depth=200))


def test_bicep_nesting_just_within_the_depth_parses() -> None:
    for text in ["var x = " + "[" * 199 + "]" * 199, "param p bool\nvar x = " + "p ? 1 : " * 199 + "0",
                 "var x = " + "{\n a: " * 199 + "1" + "\n}" * 199]:
        parse(text, Limits(depth=200))


def test_bicep_deep_file_is_one_error_for_that_file(tmp_path: Path) -> None:
    result = load_bicep(tmp_path, "var x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert [(e.file, e.message) for e in result.errors] == [("main.bicep", "invalid Bicep: nested deeper than 200 levels")]


def test_bicep_recursive_function_stops_at_the_step_budget(tmp_path: Path) -> None:
    start = time.monotonic()
    result = load_bicep(tmp_path, "func f(n int) int => n == 0 ? 0 : f(n - 1) + f(n - 1)\nvar x = f(60)\n"
                                  "func g(n int) int => g(n + 1)\noutput y int = g(0)\n", steps_per_file=20000)
    assert time.monotonic() - start < 10
    assert "main.bicep:2: budget exceeded: steps_per_file = 20000" in result.warnings


def test_bicep_function_recursion_depth(tmp_path: Path) -> None:
    result = load_bicep(tmp_path, "func g(n int) int => g(n + 1)\nvar y = g(0)\n", depth=40)
    assert any("budget exceeded: depth = 40 (calls of g())" in w for w in result.warnings), result.warnings


def test_bicep_strings_and_integers_that_grow(tmp_path: Path) -> None:
    text = ("var s0 = 'ab'\n" + "".join(f"var s{i} = '${{s{i - 1}}}-${{s{i - 1}}}'\n" for i in range(1, 60))
            + "var v0 = 10\n" + "".join(f"var v{i} = v{i - 1} * v{i - 1}\n" for i in range(1, 40))
            + "var d = v39 / 7\nvar big = 4611686018427387904 + 4611686018427387904\nvar neg = -(0 - 9223372036854775807 - 1)\n"
            + "var exact = 9007199254740993 / 1\nvar rem = -7 % 3\n"
            + "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: s59\n  kind: 'OpenAI'\n"
            + "  properties: {\n    exact: exact\n    rem: rem\n    d: d\n    big: big\n  }\n}\n")
    start = time.monotonic()
    result = load_bicep(tmp_path, text, string_length=10000)
    assert time.monotonic() - start < 5
    a = result.assets[0]
    assert isinstance(a.name, Unknown) and "string_length = 10000" in a.name.reason
    assert a.name.shown is None or len(a.name.shown) <= 10000
    props = a.properties["properties"]
    assert props["exact"] == 9007199254740993 and props["rem"] == -1
    assert isinstance(props["d"], Unknown) and isinstance(props["big"], Unknown)
    assert "integer overflow" in props["big"].reason
    warned = " ".join(result.warnings)
    assert "string_length = 10000" in warned and "integer overflow" in warned


def test_bicep_arrays_that_share_a_part_are_held_to_the_collection_size(tmp_path: Path) -> None:
    text = ("var a0 = [1, 2]\n" + "".join(f"var a{i} = [a{i - 1}, a{i - 1}]\n" for i in range(1, 60))
            + "var b = [...a8, ...a8]\n"
            + "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'x'\n  kind: 'OpenAI'\n"
            + "  tags: {\n    n: string(a8)\n  }\n  properties: {\n    big: a59\n    small: a2\n    b: b\n  }\n}\n")
    result = load_bicep(tmp_path, text, collection_size=1000)
    props = result.assets[0].properties
    assert props["properties"]["small"] == [[[1, 2], [1, 2]], [[1, 2], [1, 2]]]
    assert "collection_size = 1000 (a" in contains_unknown(props["properties"]["big"]).reason
    assert isinstance(props["tags"]["n"], Unknown) and "collection_size = 1000" in props["tags"]["n"].reason
    assert isinstance(props["properties"]["b"], Unknown)
    assert any("collection_size = 1000" in w for w in result.warnings)


def test_bicep_loops_and_module_fanout_are_held_to_the_instance_budgets(tmp_path: Path) -> None:
    (tmp_path / "m.bicep").write_text(
        "param i int\nresource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for j in range(0, 100): {\n"
        "  name: 'a${i}-${j}'\n  kind: 'OpenAI'\n}]\nmodule deeper './n.bicep' = {\n  name: 'n'\n}\n")
    (tmp_path / "n.bicep").write_text("resource b 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'b'\n}\n")
    result = load_bicep(tmp_path, "resource loop 'Microsoft.CognitiveServices/accounts@2024-10-01' = "
                                  "[for k in range(0, 300): {\n  name: 'l${k}'\n  kind: 'OpenAI'\n}]\n",
                        instances_per_resource=200)
    assert [a.name for a in result.assets] == [f"l{k}" for k in range(200)]
    assert result.warnings == ["main.bicep:1: budget exceeded: instances_per_resource = 200 (loop of loop over 300 items)"]
    text = "module m './m.bicep' = [for i in range(0, 500): {\n  name: 'm${i}'\n  params: {\n    i: i\n  }\n}]\n"
    start = time.monotonic()
    result = load_bicep(tmp_path, text, instances_per_resource=200, instances_total=2000)
    assert time.monotonic() - start < 20
    assert 1700 <= len(result.assets) <= 2000
    assert sorted(result.warnings) == [
        "m.bicep:2: budget exceeded: instances_total = 2000 (resource and module instances)",
        "main.bicep:1: budget exceeded: instances_per_resource = 200 (module loop m over 500 items)"]


def test_bicep_for_expression_inside_for_is_held_to_the_collection_size(tmp_path: Path) -> None:
    start = time.monotonic()
    result = load_bicep(tmp_path, "var x = [for i in range(0, 10000): [for j in range(0, 10000): j]]\n"
                                  "var y = [for i in range(0, 3): [for j in range(0, 2): j]]\noutput o array = y\n")
    assert time.monotonic() - start < 10
    assert any("collection_size = 100000 (for expression" in w for w in result.warnings), result.warnings


def test_bicep_imports_are_built_once(tmp_path: Path, monkeypatch) -> None:
    from aispm.providers.azure.bicep import template

    for i in range(12):  # each file imports the next one twice: 2^12 templates without a cache
        (tmp_path / f"l{i}.bicep").write_text(
            f"import {{a}} from 'l{i + 1}.bicep'\nimport {{a as b}} from 'l{i + 1}.bicep'\n@export()\nvar a = 'x'\n")
    (tmp_path / "l12.bicep").write_text("@export()\nvar a = 'x'\n")
    built = []
    real = template.Template.__init__
    monkeypatch.setattr(template.Template, "__init__", lambda self, *a, **k: built.append(1) or real(self, *a, **k))
    load_bicep(tmp_path, "import {a} from 'l0.bicep'\nimport * as all from 'l0.bicep'\noutput o string = a\n")
    assert len(built) <= 20


def test_bicep_load_yaml_content_alias_bomb_and_depth(tmp_path: Path) -> None:
    laughs = "a0: &a0 [" + ",".join(['"lol"'] * 10) + "]\n" + "".join(
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
    (tmp_path / "bomb.yaml").write_text(laughs)
    (tmp_path / "deep.yaml").write_text("x: " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "ok.yaml").write_text("a: &x {b: 1}\nc: *x\nd: 2001-12-14\n")
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000)
    text = ("var bomb = loadYamlContent('bomb.yaml')\nvar deep = loadYamlContent('deep.yaml')\n"
            "var j = loadJsonContent('deep.json')\n"
            "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'x'\n  kind: 'OpenAI'\n"
            "  tags: {\n    bomb: bomb\n    deep: deep\n    ok: loadYamlContent('ok.yaml')\n    j: j\n  }\n}\n")
    start = time.monotonic()
    result = load_bicep(tmp_path, text)
    assert time.monotonic() - start < 5
    tags = result.assets[0].properties["tags"]
    assert isinstance(tags["bomb"], Unknown) and "collection_size" in tags["bomb"].reason
    assert isinstance(tags["deep"], Unknown) and "depth = 200" in tags["deep"].reason
    assert isinstance(tags["j"], Unknown) and "depth = 200" in tags["j"].reason
    assert tags["ok"]["c"] == {"b": 1}
    assert result.errors == []


def test_bicep_module_outside_the_target_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "evil.bicep").write_text("resource c 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'canary'\n}\n")
    (root / "link.bicep").symlink_to(tmp_path / "evil.bicep")
    result = load_bicep(root, "module a '../evil.bicep' = {\n  name: 'a'\n}\nmodule b './link.bicep' = {\n  name: 'b'\n}\n"
                              "var t = loadTextContent('../evil.bicep')\noutput o string = t\n")
    assert all("canary" not in str(a.name) for a in result.assets)


# --------------------------------------------------------------------------- azd


def test_azd_yaml_alias_bomb_and_depth_are_one_error(tmp_path: Path) -> None:
    laughs = "a0: &a0 [" + ",".join(['"lol"'] * 10) + "]\n" + "".join(
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "azure.yaml").write_text("name: x\n" + laughs + "services:\n  api:\n    project: ./\n    host: *a9\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "azure.yaml").write_text("name: x\nservices: " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "azure.yaml").write_text("name: x\nservices:\n  api:\n    project: ./src\n    host: appservice\n"
                                               "  web:\n    host: [1]\n    language: 2001-12-14\n")
    files = sorted(tmp_path.rglob("azure.yaml"))
    start = time.monotonic()
    result = AzdSource().load(files, ctx(tmp_path))
    assert time.monotonic() - start < 5
    assert sorted((e.file, e.line, e.message) for e in result.errors) == [
        ("a/azure.yaml", 6, "YAML not read: budget exceeded: collection_size = 100000 (elements the YAML aliases expand to)"),
        ("b/azure.yaml", 2, "YAML not read: budget exceeded: depth = 200 (YAML nesting)")]
    assets = {a.name: a for a in result.assets}
    assert assets["api"].properties["host"] == "appservice" and assets["api"].origin.line == 3
    assert isinstance(assets["web"].properties["host"], Unknown)
    assert isinstance(assets["web"].properties["language"], Unknown)


def test_azd_yaml_alias_count(tmp_path: Path) -> None:
    (tmp_path / "azure.yaml").write_text("name: x\nx: &x 1\nl: [" + ", ".join(["*x"] * 50) + "]\n")
    result = AzdSource().load([tmp_path / "azure.yaml"], ctx(tmp_path, yaml_aliases=20))
    assert [e.message for e in result.errors] == ["YAML not read: budget exceeded: yaml_aliases = 20 (YAML aliases)"]


# --------------------------------------------------------------------------- real estates


def test_budgets_never_trigger_on_the_fixtures() -> None:
    root = Path(__file__).parents[2]
    for folder in ("tests/sources/arm", "tests/sources/bicep", "tests/rules/cases", "examples"):
        base = root / folder
        arm_files = sorted(p for p in base.rglob("*.json"))
        bicep_files = sorted(p for p in base.rglob("*") if p.suffix in (".bicep", ".bicepparam"))
        c = SourceContext(root=base)
        for result in (ArmSource().load(arm_files, c), BicepSource().load(bicep_files, c)):
            # (other warnings, such as a registry module read from another version, are not budgets)
            budgets = [w for w in result.warnings if "budget exceeded" in w]
            assert budgets == [], (folder, budgets)


def test_bicep_resource_loop_over_a_non_object_is_a_syntax_error() -> None:
    """Fuzzing found `[for x in xs: -{...}]` as a resource body crashing the evaluator."""
    for text in ("resource r 'a/b@1' = [for x in [1]: -{\n}]\n", "module m 'm.bicep' = [for x in [1]: 'x']\n"):
        with pytest.raises(BicepSyntaxError):
            parse(text)
    parse("resource r 'a/b@1' = [for x in [1]: if (true) {\n}]\n")

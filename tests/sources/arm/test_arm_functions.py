"""The ARM function library, table-driven: (function, arguments) → result."""

from __future__ import annotations

from typing import Any

import pytest

from aispm.model import Unknown
from aispm.providers.azure.arm import functions as F
from aispm.providers.azure.arm.functions.base import FUNCTIONS
from aispm.providers.azure.arm.functions.deployment import format_resource_id

U = Unknown("u")


class Ctx:
    declared = {("microsoft.cognitiveservices/accounts", "acct"): "arm:t.json:Microsoft.CognitiveServices/accounts.acct"}

    def resource_id(self, arm_type: str, names: list[str], *, scope: str = "resourceGroup") -> Any:
        uid = self.declared.get((arm_type.lower(), "/".join(names).lower()))
        return uid or format_resource_id(arm_type, names, scope)

    def parameter(self, name: str) -> Any:
        return {"p": "pv"}.get(name, Unknown(f"parameter {name}"))

    def variable(self, name: str) -> Any:
        return {"v": 3}.get(name, Unknown(f"variable {name}"))

    def reference(self, target: Any, full: bool) -> Any:
        return {"full": full, "target": target}


CASES: list[tuple[str, list[Any], Any]] = [
    ("concat", ["a", "b", 1], "ab1"),
    ("concat", [[1], [2, 3]], [1, 2, 3]),
    ("concat", ["a", U], U),
    ("format", ["{0}-{1}", "a", "b"], "a-b"),
    ("format", ["{0:D3}|{{x}}", 7], "007|{x}"),
    ("format", ["{0}", True], "True"),
    ("format", ["{0:N2}", 1234.5], "1,234.50"),
    ("string", [{"a": 1}], '{"a":1}'),
    ("string", [False], "False"),
    ("string", [5], "5"),
    ("int", ["42"], 42),
    ("bool", ["true"], True),
    ("bool", [0], False),
    ("json", ['{"a": [1]}'], {"a": [1]}),
    ("json", ["null"], None),
    ("toLower", ["AbC"], "abc"),
    ("toUpper", ["AbC"], "ABC"),
    ("trim", ["  x "], "x"),
    ("replace", ["a-b-c", "-", "+"], "a+b+c"),
    ("split", ["a,b;c", [",", ";"]], ["a", "b", "c"]),
    ("split", ["a/b", "/"], ["a", "b"]),
    ("join", [["a", "b"], "-"], "a-b"),
    ("substring", ["hello", 1, 3], "ell"),
    ("substring", ["hello", 2], "llo"),
    ("take", [[1, 2, 3], 2], [1, 2]),
    ("take", ["abc", 5], "abc"),
    ("skip", ["abc", 1], "bc"),
    ("first", [[7, 8]], 7),
    ("first", [[]], None),
    ("last", ["xyz"], "z"),
    ("length", [{"a": 1, "b": 2}], 2),
    ("length", ["abc"], 3),
    ("empty", [""], True),
    ("empty", [{}], True),
    ("empty", [[U]], False),
    ("empty", [U], U),
    ("contains", ["OneTwo", "Two"], True),
    ("contains", [{"Key": 1}, "key"], True),
    ("contains", [[1, 2], 3], False),
    ("contains", [[1, U], 3], U),
    ("union", [{"a": {"x": 1}, "b": 1}, {"a": {"y": 2}}], {"a": {"x": 1, "y": 2}, "b": 1}),
    ("union", [[1, 2], [2, 3]], [1, 2, 3]),
    ("intersection", [{"a": 1, "b": 2}, {"a": 1, "b": 3}], {"a": 1}),
    ("intersection", [[1, 2, 3], [2, 3, 4]], [2, 3]),
    ("createArray", [1, U], [1, U]),
    ("createObject", ["a", 1, "b", U], {"a": 1, "b": U}),
    ("array", [1], [1]),
    ("array", [[1]], [1]),
    ("coalesce", [None, "a", U], "a"),
    ("coalesce", [None, U, "a"], U),
    ("coalesce", [None, None], None),
    ("if", [True, "x", U], "x"),
    ("if", [False, U, "y"], "y"),
    ("if", [U, "same", "same"], "same"),
    ("if", [U, "a", "b"], U),
    ("equals", ["a", "a"], True),
    ("equals", [1, True], False),
    ("equals", [{"A": [1]}, {"a": [1]}], True),
    ("equals", [U, 1], U),
    ("not", [True], False),
    ("not", [U], U),
    ("and", [True, False, U], False),
    ("and", [True, U], U),
    ("or", [U, True], True),
    ("or", [False, False], False),
    ("less", [1, 2], True),
    ("lessOrEquals", [2, 2], True),
    ("greater", ["b", "a"], True),
    ("greaterOrEquals", [1, 2], False),
    ("add", [2, 3], 5),
    ("sub", [2, 3], -1),
    ("mul", [2, 3], 6),
    ("div", [-7, 2], -3),
    ("mod", [-7, 2], -1),
    ("min", [[3, 1, 2]], 1),
    ("max", [3, 9, 2], 9),
    ("max", [3, U], U),
    ("range", [5, 3], [5, 6, 7]),
    ("indexOf", ["abcABC", "BC"], 1),
    ("lastIndexOf", ["abcABC", "bc"], 4),
    ("indexOf", [["a", "b"], "b"], 1),
    ("startsWith", ["Hello", "he"], True),
    ("endsWith", ["Hello", "LO"], True),
    ("padLeft", ["7", 3, "0"], "007"),
    ("padLeft", [7, 3], "  7"),
    ("base64", ["hi"], "aGk="),
    ("base64ToString", ["aGk="], "hi"),
    ("uri", ["https://a.com/x/", "y.json"], "https://a.com/x/y.json"),
    ("uniqueString", ["test"], "rbgf3xv4ufgzg"),
    ("uniqueString", ["hello", "world"], "a7wkljktk6wne"),
    ("uniqueString", ["foo", "bar", "baz"], "xzi4ioaxtmth4"),
    ("uniqueString", [U], U),
    ("guid", ["a", "b"], F.call(Ctx(), "guid", ["a", "b"])),
    (
        "resourceId",
        ["Microsoft.CognitiveServices/accounts", "acct"],
        "arm:t.json:Microsoft.CognitiveServices/accounts.acct",
    ),
    (
        "resourceId",
        ["Microsoft.CognitiveServices/accounts/deployments", "x", "d"],
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
        "Microsoft.CognitiveServices/accounts/x/deployments/d",
    ),
    (
        "resourceId",
        ["other-rg", "Microsoft.Storage/storageAccounts", "sa"],
        "/subscriptions/{subscriptionId}/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/sa",
    ),
    ("resourceId", ["Microsoft.Storage/storageAccounts", U], U),
    (
        "subscriptionResourceId",
        ["Microsoft.Authorization/roleDefinitions", "r1"],
        "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/r1",
    ),
    (
        "tenantResourceId",
        ["Microsoft.Management/managementGroups", "mg"],
        "/providers/Microsoft.Management/managementGroups/mg",
    ),
    (
        "extensionResourceId",
        ["/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/sa",
         "Microsoft.Authorization/locks", "l"],
        "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/sa"
        "/providers/Microsoft.Authorization/locks/l",
    ),
    ("parameters", ["p"], "pv"),
    ("variables", ["v"], 3),
    ("reference", ["t", "2020-01-01", "Full"], {"full": True, "target": "t"}),
    ("reference", ["t"], {"full": False, "target": "t"}),
    ("listKeys", ["arm:t.json:X.a", "2020"], Unknown("key of arm:t.json:X.a")),
    ("listConnectionStrings", ["id"], Unknown("key of id")),
    ("utcNow", [], Unknown("utcNow()")),
    ("newGuid", [], Unknown("newGuid()")),
    ("items", [{"b": 2, "A": 1}], [{"key": "A", "value": 1}, {"key": "b", "value": 2}]),
    ("objectKeys", [{"b": 2, "a": 1}], ["b", "a"]),
    ("tryGet", [{"a": {"b": 1}}, "a", "b"], 1),
    ("tryGet", [{"a": 1}, "z"], None),
    ("null", [], None),
    ("flatten", [[[1], [2, 3]]], [1, 2, 3]),
    ("filter", [[1, 2, 3], lambda x: x > 1], [2, 3]),
    ("map", [[1, 2], lambda x: x * 10], [10, 20]),
    ("reduce", [[1, 2, 3], 0, lambda acc, x: acc + x], 6),
    ("sort", [[3, 1, 2], lambda a, b: a < b], [1, 2, 3]),
    ("noSuchFunction", [1], Unknown("function noSuchFunction")),
    ("length", [5], None),  # bad argument: an Unknown, checked below
    ("div", [1, 0], None),
    ("SYS.CONCAT", ["a", "b"], "ab"),
    ("CoNcAt", ["a", "b"], "ab"),
]


@pytest.mark.parametrize(("name", "args", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_function(name: str, args: list[Any], expected: Any) -> None:
    got = F.call(Ctx(), name, args)
    if expected is None and name in ("length", "div"):
        assert isinstance(got, Unknown) and got.reason.startswith(name)
        return
    assert got == expected
    assert type(got) is type(expected)


def test_runtime_objects_are_unknown() -> None:
    ctx = Ctx()
    rg = F.call(ctx, "resourceGroup", [])
    assert isinstance(rg["name"], Unknown) and isinstance(rg["location"], Unknown) and isinstance(rg["id"], Unknown)
    assert isinstance(F.call(ctx, "subscription", [])["subscriptionId"], Unknown)
    assert isinstance(F.call(ctx, "tenant", [])["tenantId"], Unknown)
    assert isinstance(F.call(ctx, "deployment", [])["name"], Unknown)
    env = F.call(ctx, "environment", [])
    assert env["suffixes"]["storage"] == "core.windows.net"
    assert env["name"] == "AzureCloud"


def test_guid_is_deterministic_and_shaped() -> None:
    a = F.call(Ctx(), "guid", ["x", "y"])
    assert a == F.call(Ctx(), "guid", ["x", "y"])
    assert a != F.call(Ctx(), "guid", ["x", "z"])
    assert len(a) == 36 and a.count("-") == 4


def test_every_required_function_is_registered() -> None:
    required = """concat format string int bool json toLower toUpper trim replace split join substring take skip
    first last length empty contains union intersection createArray createObject array coalesce if equals not and
    or less lessOrEquals greater greaterOrEquals add sub mul div mod min max range indexOf lastIndexOf startsWith
    endsWith padLeft base64 base64ToString uri uniqueString guid resourceId subscriptionResourceId
    tenantResourceId extensionResourceId resourceGroup subscription tenant deployment environment reference
    listKeys utcNow newGuid dateTimeAdd items objectKeys tryGet null filter map reduce sort""".split()
    missing = [n for n in required if n.lower() not in FUNCTIONS]
    assert not missing

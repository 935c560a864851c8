"""Hostile Terraform: every budget of `aispm.limits` holds in the Terraform engine, each hit is an
`Unknown` naming the budget and one warning, what was evaluated before stays, regular expressions
from the input run on RE2, and argument errors are Terraform errors that `try()`/`can()` catch
(issue "Hostile input", Terraform families).

Small inputs with small `Limits` keep these fast; the corpus (`test_hostile_corpus.py`) runs the
full-size bombs."""

from __future__ import annotations

import os
import time
from pathlib import Path

from aispm.iac.terraform.source import TerraformSource
from aispm.limits import Limits
from aispm.model import Unknown
from aispm.source import SourceContext, SourceResult

ACCOUNT = 'resource "azurerm_cognitive_account" "{name}" {{\n{extra}  name = "{name}"\n  kind = "OpenAI"\n{body}}}\n'


def scan(root: Path, files: dict[str, str], **limits: int) -> SourceResult:
    paths = []
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        paths.append(p)
    ctx = SourceContext(root=root, roots=(os.path.realpath(root),), limits=Limits(**limits))
    return TerraformSource().load(sorted(paths), ctx)


def account(name: str, extra: str = "", body: str = "") -> str:
    return ACCOUNT.format(name=name, extra=extra, body=body)


def by_name(res: SourceResult) -> dict:
    return {a.uid: a for a in res.assets}


def budget_warnings(res: SourceResult, budget: str) -> list[str]:
    return [w for w in res.warnings if f"budget exceeded: {budget}" in w]


def test_count_over_the_instance_budget_is_one_instance_of_unknown_count(tmp_path: Path) -> None:
    res = scan(tmp_path, {"main.tf": account("b", extra="  count = 1000000000\n") + account("good")},
               instances_per_resource=100)
    uids = sorted(by_name(res))
    assert uids == ["terraform:main.tf:azurerm_cognitive_account.b", "terraform:main.tf:azurerm_cognitive_account.good"]
    assert len(budget_warnings(res, "instances_per_resource")) == 1
    ok = scan(tmp_path / "ok", {"main.tf": account("b", extra="  count = 100\n")}, instances_per_resource=100)
    assert len(ok.assets) == 100 and ok.warnings == []


def test_for_each_over_the_budget_and_a_large_set_is_fast(tmp_path: Path) -> None:
    fe = '  for_each = toset([for i in range(500) : "k${i}"])\n'
    res = scan(tmp_path, {"main.tf": account("b", extra=fe)}, instances_per_resource=100)
    assert len(res.assets) == 1 and budget_warnings(res, "instances_per_resource")
    t = time.perf_counter()
    fe = '  for_each = toset([for i in range(4000) : "k${i}"])\n'
    res = scan(tmp_path / "big", {"main.tf": account("b", extra=fe)})
    assert len(res.assets) == 4000 and res.warnings == []
    assert time.perf_counter() - t < 20


def test_total_instances(tmp_path: Path) -> None:
    res = scan(tmp_path, {"main.tf": account("a", extra="  count = 60\n") + account("b", extra="  count = 60\n")},
               instances_total=100)
    assert len(res.assets) == 61 and budget_warnings(res, "instances_total")


def test_module_fanout(tmp_path: Path) -> None:
    res = scan(tmp_path, {"main.tf": 'module "m" {\n  source = "./m"\n  count = 100000\n}\n' + account("good"),
                          "m/main.tf": account("x", extra="  count = 100000\n")})
    assert [a.uid for a in res.assets] == ["terraform:main.tf:azurerm_cognitive_account.good"]
    assert budget_warnings(res, "instances_per_resource")


def test_dynamic_blocks(tmp_path: Path) -> None:
    dyn = '  dynamic "network_acls" {\n    for_each = range(50)\n    content {\n      default_action = "Deny"\n    }\n  }\n'
    res = scan(tmp_path, {"main.tf": account("d", body=dyn)}, instances_per_resource=10)
    assert len(res.assets) == 1 and budget_warnings(res, "instances_per_resource")


def test_collections_and_strings_are_checked_before_they_are_built(tmp_path: Path) -> None:
    locals_ = ("locals {\n  r = range(1000000000)\n  l0 = [1, 2]\n"
               + "".join(f"  l{i} = concat(local.l{i - 1}, local.l{i - 1})\n" for i in range(1, 60))
               + '  s0 = "ab"\n' + "".join(f'  s{i} = "${{local.s{i - 1}}}${{local.s{i - 1}}}"\n' for i in range(1, 60))
               + '  f = format("%1000000000d", 1)\n  p = format("%.1000000000f", 1)\n'
               + "  x = setproduct(range(1000), range(1000), range(1000))\n}\n")
    res = scan(tmp_path, {"bomb.tf": locals_ + account("t", body="  tags = { n = length(local.l59), s = local.s59, f = local.f }\n"),
                          "good.tf": account("good")})
    assert len(res.assets) == 2
    assert budget_warnings(res, "collection_size") and budget_warnings(res, "string_length")
    tags = by_name(res)["terraform:bomb.tf:azurerm_cognitive_account.t"].properties.get("tags")
    assert tags is None or isinstance(tags, Unknown) or all(isinstance(v, Unknown) for v in tags.values())


def test_steps_are_charged_to_the_file_that_spends_them(tmp_path: Path) -> None:
    bomb = "locals {\n  x = flatten([for i in range(1000) : [for j in range(1000) : j]])\n}\n"
    res = scan(tmp_path, {"bomb.tf": bomb, "good.tf": account("good", body='  tags = { a = "b" }\n')},
               steps_per_file=20_000)
    assert budget_warnings(res, "steps_per_file")
    good = by_name(res)["terraform:good.tf:azurerm_cognitive_account.good"]
    assert good.properties.get("tags") == {"a": "b"}


def test_regexes_are_linear_and_invalid_ones_are_terraform_errors(tmp_path: Path) -> None:
    evil = "a" * 60 + "!"
    t = time.perf_counter()
    body = (f'locals {{\n  r = regex("(a+)+$", "{evil}")\n  a = regexall("(a|aa)+$", "{evil}")\n'
            f'  p = replace("{evil}", "/(a*)*$/", "b")\n  c = can(regex("(a+)+$", "{evil}"))\n'
            '  i = regex("(unclosed", "x")\n  t = try(regex("(unclosed", "x"), "caught")\n'
            '  g = regex("(?P<n>[0-9]+)", "ab12")\n  s = replace("hello", "/(l+)/", "[$1]")\n}\n')
    res = scan(tmp_path, {"re.tf": body + account("re", body="  tags = { a = tostring(local.c), t = local.t, "
                                                               "n = local.g.n, s = local.s, p = local.p }\n")})
    assert time.perf_counter() - t < 10
    tags = res.assets[0].properties["tags"]
    assert tags == {"a": "false", "t": "caught", "n": "12", "s": "he[ll]o", "p": evil + "b"}
    msgs = [e.message for e in res.errors]
    assert any(m.startswith("local.i: invalid regular expression") for m in msgs)
    assert any(m.startswith("local.r: regex(): no match") for m in msgs)


def test_argument_errors_are_unknown_and_try_and_can_catch_them(tmp_path: Path) -> None:
    body = ('locals {\n  a = index([1, 2])\n  b = format("%s %s", "x")\n  c = element([], 0)\n'
            '  d = try(index([1, 2]), "ok")\n  e = can(format("%d"))\n  f = index([1, 2], 3)\n}\n')
    res = scan(tmp_path, {"index.tf": body + account("idx", body="  tags = { d = local.d, e = tostring(local.e) }\n")})
    assert res.assets[0].properties["tags"] == {"d": "ok", "e": "false"}
    assert {e.message.split(":")[0] for e in res.errors} == {"local.a", "local.b", "local.c", "local.f"}


def test_hcl_numbers_with_an_exponent(tmp_path: Path) -> None:
    res = scan(tmp_path, {"num.tf": account("num", body='  tags = { a = 1e3, b = "1e3", c = 1.5e-3 }\n')})
    assert res.errors == []
    assert res.assets[0].properties["tags"] == {"a": 1000.0, "b": "1e3", "c": 0.0015}

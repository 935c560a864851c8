"""The Bicep parser: every construct of the current grammar, the corpus, and errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest


from aispm.providers.azure.bicep import syntax  # noqa: E402
from aispm.providers.azure.bicep.lexer import tokenize  # noqa: E402
from aispm.providers.azure.bicep.parser import parse  # noqa: E402
from aispm.providers.azure.bicep.syntax import BicepSyntaxError  # noqa: E402

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
CHECKOV = Path(__file__).parents[2] / "conformance" / "checkov" / "bicep"


def one(text: str):
    prog = parse(text)
    assert len(prog.statements) == 1, prog.statements
    return prog.statements[0]


def expr(text: str):
    return one(f"var x = {text}\n").value


# --------------------------------------------------------------------------- corpus


def corpus_files() -> list[Path]:
    return sorted(list(CORPUS.rglob("*.bicep")) + list(CORPUS.rglob("*.bicepparam")))


def test_corpus_is_large_enough():
    assert len(corpus_files()) >= 20


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_file_parses(path: Path):
    prog = parse(path.read_text())
    assert prog.statements


def checkov_files() -> list[Path]:
    files = sorted(CHECKOV.glob("*/main.bicep"))
    assert files, "the conformance fixtures are part of the repository"
    return files


@pytest.mark.parametrize("path", checkov_files(), ids=lambda p: p.parent.name)
def test_checkov_fixture_parses(path: Path):
    prog = parse(path.read_text())
    assert prog.of(syntax.Resource)


# --------------------------------------------------------------------------- declarations


def test_target_scope_metadata_extension():
    prog = parse(
        "targetScope = 'subscription'\n"
        "metadata description = 'x'\n"
        "extension microsoftGraphV1\n"
        "extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview' as graph\n"
        "extension kubernetes with {\n  namespace: 'default'\n  kubeConfig: ''\n} as k8s\n"
        "import 'az@1.0.0'\n"
        "provider 'sys@1.0.0'\n"
    )
    ts, md, e1, e2, e3, e4, e5 = prog.statements
    assert isinstance(ts, syntax.TargetScope) and ts.value.value == "subscription"
    assert isinstance(md, syntax.Metadata) and md.name == "description"
    assert isinstance(e1, syntax.Extension) and isinstance(e1.spec, syntax.Ident)
    assert e2.alias == "graph" and e2.spec.value.startswith("br:")
    assert e3.alias == "k8s" and isinstance(e3.config, syntax.Obj) and e3.line == 5
    assert isinstance(e4, syntax.Extension) and isinstance(e5, syntax.Extension)


def test_compile_time_imports():
    prog = parse(
        "import { a, b as c } from 'types.bicep'\n"
        "import {\n  d\n  e as f\n} from './more.bicep'\n"
        "import * as ns from 'br/public:avm/utl/types/avm-common-types:0.5.1'\n"
    )
    i1, i2, i3 = prog.statements
    assert i1.symbols == [("a", None), ("b", "c")] and i1.path.value == "types.bicep"
    assert i2.symbols == [("d", None), ("e", "f")]
    assert i3.wildcard == "ns" and i3.line == 6


def test_params_with_decorators_and_types():
    prog = parse(
        "@secure()\n"
        "@description('pwd')\n"
        "param pwd string\n"
        "@minLength(3)\n@maxLength(24)\nparam name string = 'n${uniqueString(resourceGroup().id)}'\n"
        "param tags object?\n"
        "param items string[] = []\n"
        "param kv resource 'Microsoft.KeyVault/vaults@2023-07-01'\n"
        "param props resourceInput<'Microsoft.Storage/storageAccounts@2023-05-01'>.properties = {}\n"
        "@sys.description('ns decorator')\nparam n int = -1\n"
    )
    pwd, name, tags, items, kv, props, n = prog.statements
    assert [d.name for d in pwd.decorators] == ["secure", "description"] and pwd.line == 3
    assert isinstance(name.default, syntax.Interp) and name.line == 6
    assert isinstance(tags.type, syntax.TypeNullable)
    assert isinstance(items.type, syntax.TypeArrayOf) and items.default.items == []
    assert isinstance(kv.type, syntax.ResourceTypeRef) and kv.type.type.startswith("Microsoft.KeyVault")
    assert props.type.name == "resourceInput" and props.type.path == ["properties"]
    assert props.type.args[0].value == "Microsoft.Storage/storageAccounts@2023-05-01"
    assert n.decorators[0].call.base.name == "sys" and n.default.value == -1


def test_user_defined_types():
    prog = parse(
        "@export()\n"
        "@description('d')\n"
        "type t = {\n"
        "  @description('member decorator')\n"
        "  @minLength(1)\n"
        "  name: string\n"
        "  'quoted-key': int?\n"
        "  kind: 'a' | 'b'\n"
        "  list: string[]\n"
        "  pair: [string, int]\n"
        "  nested: {\n    x: bool\n  }?\n"
        "  sku: resourceOutput<'Microsoft.Search/searchServices@2024-06-01-preview'>.sku\n"
        "  items: resourceInput<'Microsoft.App/containerApps@2024-03-01'>.properties.template.containers[*]\n"
        "  first: other[0]\n"
        "  paren: ('x' | 'y')[]\n"
        "  *: string\n"
        "}\n"
        "@discriminator('kind')\n"
        "type u = { kind: 'a', v: int } | { kind: 'b' }\n"
        "type lits = -1 | 2 | true | null | '''multi'''\n"
        "type lead =\n  | 'x'\n  | 'y'\n"
        "@sealed()\ntype s = {}\n"
        "type tup = [\n  @description('first')\n  string\n  int\n]\n"
        "type star = other.*\n"
        "type imported = ns.someType\n"
    )
    t, u, lits, lead, s, tup, star, imported = prog.statements
    props = {p.key: p for p in t.type.props}
    assert [d.name for d in props["name"].decorators] == ["description", "minLength"]
    assert isinstance(props["quoted-key"].type, syntax.TypeNullable)
    assert isinstance(props["kind"].type, syntax.TypeUnion)
    assert isinstance(props["pair"].type, syntax.TypeTuple)
    assert props["items"].type.path == ["properties", "template", "containers", "*"]
    assert props["first"].type.path == [0]
    assert isinstance(props["paren"].type, syntax.TypeArrayOf)
    assert "*" in props
    assert u.decorators[0].name == "discriminator" and len(u.type.members) == 2
    assert [m.value for m in lits.type.members] == [-1, 2, True, None, "multi"]
    assert len(lead.type.members) == 2
    assert s.type.props == []
    assert tup.type.items[0].decorators[0].name == "description"
    assert star.type.path == ["*"] and imported.type.path == ["someType"]


def test_functions():
    f = one("func buildName(prefix string, items string[]) string => '${prefix}-${length(items)}'\n")
    assert isinstance(f, syntax.Func) and [p.name for p in f.params] == ["prefix", "items"]
    assert f.result.name == "string" and isinstance(f.body, syntax.Interp)
    g = one("@export()\nfunc noArgs() object => {\n  a: 1\n}\n")
    assert g.params == [] and g.decorators[0].name == "export"


def test_resource_forms():
    prog = parse(
        "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n"
        "  name: 'a'\n"
        "  resource child 'deployments' = [for d in ds: {\n    name: d.name\n  }]\n"
        "  resource other 'deployments@2024-10-01' existing = {\n    name: 'x'\n  }\n"
        "}\n"
        "resource e 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv'\n  scope: resourceGroup('rg')\n}\n"
        "resource c 'Microsoft.Storage/storageAccounts@2023-05-01' = if (deploy) {\n  name: 's'\n}\n"
        "@batchSize(2)\n"
        "resource l 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = [for (x, i) in xs: if (i > 0) {\n"
        "  name: 'd${i}'\n  scope: a\n}]\n"
        "@onlyIfNotExists()\nresource z 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {\n  parent: e\n  name: 's'\n}\n"
    )
    a, e, c, l, z = prog.statements
    assert (a.line, a.end_line) == (1, 9)
    nested = [p for p in a.body.props if isinstance(p, syntax.Resource)]
    assert [n.name for n in nested] == ["child", "other"] and nested[1].existing
    assert isinstance(nested[0].body, syntax.For) and nested[0].line == 3
    assert e.existing and e.line == 10
    assert isinstance(c.body, syntax.IfBody)
    assert isinstance(l.body, syntax.For) and l.body.index == "i" and isinstance(l.body.body, syntax.IfBody)
    assert l.decorators[0].name == "batchSize" and l.line == 18
    assert z.decorators[0].name == "onlyIfNotExists"


def test_property_named_resource_is_a_property():
    res = one("resource r 'Microsoft.Web/sites/config@2023-12-01' = {\n  name: 'x'\n  resource: 'y'\n}\n")
    assert [p.key for p in res.body.props] == ["name", "resource"]


def test_modules_outputs_assert_test():
    prog = parse(
        "module m './mod.bicep' = {\n  name: 'm'\n  params: {\n    a: 1\n  }\n}\n"
        "module r 'br/public:avm/res/x:1.0.0' = [for i in range(0, 2): {\n  name: 'r${i}'\n}]\n"
        "module c 'ts:sub/rg/spec:1.0' = if (true) {\n  name: 'c'\n}\n"
        "output o string = m.outputs.x\n"
        "output r resource 'Microsoft.Storage/storageAccounts@2023-05-01' = st\n"
        "@secure()\noutput s object = {}\n"
        "output t string[] = []\n"
        "output u myType? = null\n"
        "assert ok = length(x) > 2\n"
        "test t1 'main.bicep' = {\n  params: {}\n}\n"
    )
    kinds = [type(s).__name__ for s in prog.statements]
    assert kinds == ["Module", "Module", "Module", "Output", "Output", "Output", "Output", "Output", "Assert", "Test"]
    assert isinstance(prog.statements[4].type, syntax.ResourceTypeRef)
    assert prog.statements[5].decorators[0].name == "secure"


def test_bicepparam_file():
    prog = parse(
        "using './main.bicep'\n\n"
        "extends 'base.bicepparam'\n"
        "import { x } from 'shared.bicep'\n"
        "var suffix = 'dev'\n"
        "param name = 'app-${suffix}'\n"
        "param secret = az.getSecret('sub', 'rg', 'kv', 'name')\n"
        "param env = readEnvironmentVariable('ENV', 'dev')\n"
    )
    using, ext, imp, var, name, secret, env = prog.statements
    assert using.path.value == "./main.bicep" and ext.path.value == "base.bicepparam"
    assert name.type is None and isinstance(name.default, syntax.Interp)
    assert isinstance(secret.default, syntax.Call) and secret.default.base.name == "az"
    assert isinstance(parse("using none\nparam x = 1\n").statements[0], syntax.Using)


# --------------------------------------------------------------------------- expressions


def test_operator_precedence():
    e = expr("a || b && c == d + e * f")
    assert e.op == "||" and e.right.op == "&&" and e.right.right.op == "=="
    assert e.right.right.right.op == "+" and e.right.right.right.right.op == "*"
    e = expr("a ?? b || c")
    assert e.op == "??" and e.right.op == "||"
    e = expr("x =~ 'A' && y !~ 'b'")
    assert e.left.op == "=~" and e.right.op == "!~"
    e = expr("a < b ? 1 : c >= d ? 2 : 3")
    assert isinstance(e, syntax.Ternary) and isinstance(e.other, syntax.Ternary)
    e = expr("!a && -b > 0")
    assert isinstance(e.left, syntax.Unary) and e.left.op == "!"


def test_member_access_forms():
    e = expr("a.b.?c[0][?1][^1][?^2]!.d::e.f()")
    assert isinstance(e, syntax.Call) and e.name == "f"
    nested = e.base
    assert isinstance(nested, syntax.Member) and nested.nested and nested.name == "e"
    d = nested.obj
    assert d.name == "d" and isinstance(d.obj, syntax.NonNull)
    i4 = d.obj.expr
    assert i4.safe and i4.from_end
    i3 = i4.obj
    assert i3.from_end and not i3.safe
    i2 = i3.obj
    assert i2.safe and not i2.from_end
    c = i2.obj.obj
    assert c.safe and c.name == "c"


def test_calls_and_namespaces():
    e = expr("az.resourceGroup().location")
    assert e.obj.name == "resourceGroup" and e.obj.base.name == "az"
    e = expr("sys.concat('a', 'b')")
    assert e.base.name == "sys" and len(e.args) == 2
    e = expr("acct.listKeys().key1")
    assert e.name == "key1" and e.obj.name == "listKeys"
    e = expr("concat(\n  [1]\n  , [2]\n)")
    assert len(e.args) == 2


def test_lambdas():
    e = expr("map(items, i => i.name)")
    assert isinstance(e.args[1], syntax.Lambda) and e.args[1].params == ["i"]
    e = expr("reduce(xs, 0, (cur, next) => cur + next)")
    assert e.args[2].params == ["cur", "next"]
    e = expr("sort(xs, (a, b) => a < b)")
    assert isinstance(e.args[1].body, syntax.Binary)
    e = expr("(a)")
    assert isinstance(e, syntax.Ident)
    e = expr("() => 1")
    assert isinstance(e, syntax.Lambda) and e.params == []


def test_strings():
    e = expr(r"'it\'s \$ \n \t \\ \u{1F600}'")
    assert e.value == "it's $ \n \t \\ \U0001F600"
    e = expr("'${a}-${b}'")
    assert isinstance(e, syntax.Interp) and e.parts[0] == "" and e.parts[2] == "-" and e.parts[4] == ""
    e = expr("'x${a ? 'y${b}' : {k: 'v'}.k}z'")
    assert isinstance(e.parts[1], syntax.Ternary) and isinstance(e.parts[1].then, syntax.Interp)
    e = expr("'$notinterp and $ {x}'")
    assert e.value == "$notinterp and $ {x}"
    e = expr("'''\nline 1\n  'quoted' ${not interpolated}\n'''")
    assert e.value == "line 1\n  'quoted' ${not interpolated}\n"
    e = expr("''''x''''")
    assert e.value == "'x'"


def test_objects_and_arrays():
    e = expr("{\n  a: 1\n  'b-c': 2\n  '${k}': 3\n  ...rest\n  @description('p')\n  d: [\n    1\n    2, 3\n    ...more\n  ]\n}")
    assert [type(p).__name__ for p in e.props] == ["Prop", "Prop", "Prop", "Spread", "Prop"]
    assert e.props[1].key == "b-c" and isinstance(e.props[2].key, syntax.Interp)
    d = e.props[4]
    assert d.decorators[0].name == "description"
    assert [type(i).__name__ for i in d.value.items] == ["Lit", "Lit", "Lit", "Spread"]
    e = expr("{ a: 1, b: 2 }")
    assert len(e.props) == 2
    e = expr("[ 1, 2 ]")
    assert [i.value for i in e.items] == [1, 2]
    e = expr("[\n  1\n  -1\n]")
    assert [i.value for i in e.items] == [1, -1]


def test_for_expressions():
    e = expr("[for (x, i) in xs: {\n  n: x\n  i: i\n}]")
    assert e.item == "x" and e.index == "i" and isinstance(e.body, syntax.Obj)
    e = expr("[for x in range(0, 3): if (x > 0) {\n  v: x\n}]")
    assert isinstance(e.body, syntax.IfBody)
    e = expr("[\n  for x in xs: x\n]")
    assert isinstance(e, syntax.For)


def test_multiline_continuations():
    e = expr("(a &&\n  b) || (c\n  ?? d)")
    assert e.op == "||"
    e = expr("cond\n  ? 'a'\n  : 'b'")
    assert isinstance(e, syntax.Ternary) and e.then.line == 2 and e.other.line == 3
    e = expr("a\n  && b\n  || c")
    assert e.op == "||"
    e = expr("union(\n  { a: 1 },\n  {\n    b: 2\n  }\n)")
    assert len(e.args) == 2 and e.args[1].props[0].line == 4


def test_comments_and_directives():
    prog = parse(
        "// leading\n/* block\n   comment */\nvar a = 1 // trailing\n\n\n"
        "#disable-next-line no-unused-vars\nvar b = /* inline */ 2\n"
        "var c = {\n  // comment in object\n  x: 1 /* c */\n}\n"
    )
    a, b, c = prog.statements
    assert (a.line, b.line, c.line) == (4, 8, 9)
    assert c.value.props[0].line == 11


def test_crlf_and_bom():
    prog = parse("\ufeffvar a = 1\r\nvar b = '''x\r\ny'''\r\nvar c = 2\r\n")
    a, b, c = prog.statements
    assert b.value.value == "x\ny" and c.line == 4


def test_tokens_have_lines():
    toks = tokenize("var a = 1\n\n// c\nvar b = 'x'\n")
    ids = [(t[1], t[2]) for t in toks if t[0] == "id"]
    assert ids == [("var", 1), ("a", 1), ("var", 4), ("b", 4)]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text, line, column, fragment",
    [
        ("var a = 'unterminated\nvar b = 1\n", 1, 9, "unterminated string"),
        ("var a = 1\nvar b = '''never ends\n", 2, 9, "unterminated multi-line string"),
        ("var a = 1\n/* open comment\n", 2, 1, "unterminated comment"),
        ("var a = {\n  x: 1\n  y 2\n}\n", 3, 5, "expected ':'"),
        ("var a = {\n  x: 1 y: 2\n}\n", 2, 8, "after the property"),
        ("resource r 'T@1' = {\n  name: 'x'\n", 3, 1, "property name"),
        ("param p string\nfoo bar\n", 2, 1, "unknown declaration 'foo'"),
        ("var a = ~1\n", 1, 9, "unexpected character"),
        ("var a = 1 2\n", 1, 11, "expected new line"),
        ("var x = '${a'\n", 1, 13, "unterminated string"),
        ("resource r 'T@1' = 'nope'\n", 1, 20, "expected an object"),
        ("module m = {}\n", 1, 10, "module path"),
        ("var a = [\n  1\n  2 3\n]\n", 3, 5, "array item"),
        ("@description('x')\n", 2, 1, "expected a declaration"),
        ("func f(a string string => 1\n", 1, 17, "expected ',' or ')'"),
    ],
)
def test_syntax_errors_have_precise_positions(text, line, column, fragment):
    with pytest.raises(BicepSyntaxError) as info:
        parse(text)
    err = info.value
    assert fragment in err.message
    assert (err.line, err.column) == (line, column), err


def test_deep_nesting_is_an_error_not_a_crash():
    with pytest.raises(BicepSyntaxError):
        parse("var a = " + "(" * 5000 + "1" + ")" * 5000 + "\n")


def test_interpolated_multiline_strings():
    e = expr("$'''\nHello ${name}!\n  count: ${length(items) + 1}\n'''")
    assert isinstance(e, syntax.Interp)
    assert e.parts[0] == "Hello " and isinstance(e.parts[1], syntax.Ident) and e.parts[2] == "!\n  count: "
    assert isinstance(e.parts[3], syntax.Binary) and e.parts[3].line == 3 and e.parts[4] == "\n"
    e = expr("$$'''${not} $${yes}'''")
    assert e.parts[0] == "${not} " and e.parts[1].name == "yes"

"""A generated corpus of hostile and malformed inputs: one case per failure family and input format.

Each case is a few files written next to one good Terraform file (`good.tf`, whose AISPM-AZ-001
failure must survive whatever the case does). Families (issue "Hostile input"):

- `nesting`: documents nested thousands of levels deep (recursion in parsers and in our walkers);
- `expansion`: `count`/`for_each`/`range`/`copy`/loops of 10⁶–10⁹, doubling locals and variables,
  huge `format`/`padLeft` widths, YAML aliases ("billion laughs");
- `regex`: catastrophic patterns from the input (Terraform `regex`, `regexall`, `replace`), long lines;
- `types`: wrong types, missing arguments, huge numbers and versions, empty names, bad encodings;
- `size`: large files.

The same families are generated for the formats added since (CloudFormation, Terraform plan JSON,
`modules.json`, Azure and GCP snapshots).

`CASES` maps a case id (`family/format/what`) to `{relative path: bytes}`.
"""

from __future__ import annotations

import json

GOOD_TF = b'''
resource "azurerm_cognitive_account" "good" {
  name               = "oai-good-neighbour"
  kind               = "OpenAI"
  local_auth_enabled = true
}
'''
DEEP = 5000  # nesting levels: far past Python's default recursion limit (1000)

CASES: dict[str, dict[str, bytes]] = {}


def case(cid: str, files: dict[str, str | bytes]) -> None:
    assert cid not in CASES, cid
    CASES[cid] = {k: (v.encode() if isinstance(v, str) else v) for k, v in files.items()}


def _arm(resources: list | None = None, **extra) -> str:
    doc = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
           "contentVersion": "1.0.0.0", "resources": resources or []}
    doc.update(extra)
    return json.dumps(doc)


def _arm_account(name: str = "oai-arm", **props) -> dict:
    return {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": name,
            "location": "eastus", "kind": "OpenAI", "properties": props}


def _tf_account(name: str = "x", body: str = "") -> str:
    return f'resource "azurerm_cognitive_account" "{name}" {{\n  name = "oai-{name}"\n  kind = "OpenAI"\n{body}\n}}\n'


# --------------------------------------------------------------------------- nesting

NESTED_JSON = "[" * DEEP + "]" * DEEP
NESTED_OBJ = '{"a":' * DEEP + "1" + "}" * DEEP
for path, text in {
    "azuredeploy.json": _arm(variables={"v": "__X__"}).replace('"__X__"', NESTED_OBJ),
    "package.json": '{"name": "x", "dependencies": ' + NESTED_OBJ + "}",
    "package-lock.json": '{"lockfileVersion": 3, "packages": ' + NESTED_OBJ + "}",
    "nb.ipynb": '{"cells": ' + NESTED_JSON + ', "nbformat": 4, "nbformat_minor": 5, "metadata": {}}',
    "mcp.json": '{"mcpServers": ' + NESTED_OBJ + "}",
    "agent.json": NESTED_OBJ,
    "config.json": '{"openai": ' + NESTED_OBJ + "}",
}.items():
    case(f"nesting/json/{path}", {path: text})
for path, text in {
    "azure.yaml": "name: x\nservices: " + "[" * DEEP + "]" * DEEP + "\n",
    "pnpm-lock.yaml": "lockfileVersion: '9.0'\npackages: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n",
    "environment.yml": "name: x\ndependencies:\n" + "".join("  " * i + "- \n" for i in range(1, 600)),
    "app.prompty": "---\nname: x\nmodel: " + "[" * DEEP + "]" * DEEP + "\n---\nhello\n",
    "mcp.yaml": "servers: " + "[" * DEEP + "]" * DEEP + "\n",
    "block.yaml": "".join("  " * i + "a:\n" for i in range(2000)) + "  " * 2000 + "b: 1\n",
}.items():
    case(f"nesting/yaml/{path}", {path: text})
for path, text in {
    "pyproject.toml": "[project]\nname = 'x'\ndependencies = " + "[" * DEEP + "]" * DEEP + "\n",
    "poetry.lock": "[[package]]\nname = 'x'\nversion = '1'\nextras = " + "[" * DEEP + "]" * DEEP + "\n",
    "uv.lock": "version = 1\n[[package]]\nname = 'x'\nversion = '1'\nsource = " + "{a = " * 800 + "1" + "}" * 800,
}.items():
    case(f"nesting/toml/{path}", {path: text})
case("nesting/hcl/object", {"deep.tf": _tf_account(body="  tags = " + "{ a = " * DEEP + "1" + " }" * DEEP)})
case("nesting/hcl/parens", {"deep.tf": 'locals {\n  x = ' + "(" * DEEP + "1" + ")" * DEEP + "\n}\n"})
case("nesting/hcl/list", {"deep.tf": 'locals {\n  x = ' + "[" * DEEP + "]" * DEEP + "\n}\n"})
case("nesting/hcl/function", {"deep.tf": 'locals {\n  x = ' + "upper(" * DEEP + '"a"' + ")" * DEEP + "\n}\n"})
case("nesting/hcl/blocks", {"deep.tf": 'resource "azurerm_cognitive_account" "d" {\n' + "dynamic \"b\" {\n" * 1500
                            + "}\n" * 1500 + "}\n"})
case("nesting/hcl/tfvars", {"main.tf": 'variable "v" {}\n' + _tf_account("v", "  tags = var.v"),
                            "terraform.tfvars": "v = " + "{ a = " * DEEP + "1" + " }" * DEEP + "\n"})
case("nesting/bicep/object", {"deep.bicep": "var x = " + "{\n a: " * DEEP + "1" + "\n}" * DEEP + "\n"})
case("nesting/bicep/parens", {"deep.bicep": "var x = " + "(" * DEEP + "1" + ")" * DEEP + "\n"})
case("nesting/bicep/array", {"deep.bicep": "var x = " + "[" * DEEP + "]" * DEEP + "\n"})
case("nesting/bicep/ternary", {"deep.bicep": "param p bool\nvar x = " + "p ? 1 : " * DEEP + "0\n"})
case("nesting/arm/expression", {"azuredeploy.json": _arm([_arm_account("[" + "concat(" * DEEP + "'a'"
                                                                       + ")" * DEEP + "]")])})
case("nesting/python/parens", {"deep.py": "import openai\nx = " + "(" * DEEP + "1" + ")" * DEEP + "\n"})
case("nesting/python/list", {"deep.py": "from openai import OpenAI\nx = " + "[" * 3000 + "]" * 3000 + "\n"})
case("nesting/python/calls", {"deep.py": "from openai import OpenAI\nc = OpenAI(api_key=" + "f(" * 3000 + "1"
                              + ")" * 3000 + ")\n"})
case("nesting/javascript/array", {"deep.js": "import OpenAI from 'openai';\nconst x = " + "[" * DEEP + "]" * DEEP
                                  + ";\n"})
case("nesting/javascript/calls", {"deep.ts": "import OpenAI from 'openai';\nconst c = new OpenAI({apiKey: "
                                  + "f(" * DEEP + "1" + ")" * DEEP + "});\n"})
case("nesting/notebook/source", {"deep.ipynb": json.dumps({"cells": [{"cell_type": "code", "metadata": {},
                                                                        "outputs": [], "execution_count": 1,
                                                                        "source": ["import openai\n", "x = " + "(" * 3000
                                                                                   + "1" + ")" * 3000]}],
                                                             "metadata": {}, "nbformat": 4, "nbformat_minor": 5})})
case("nesting/requirements/includes", {**{f"r{i}.txt": f"-r r{i + 1}.txt\n" for i in range(400)},
                                       "requirements.txt": "-r r0.txt\n", "r400.txt": "openai==1.0\n"})

# --------------------------------------------------------------------------- expansion

for what, body in {
    "count": 'resource "azurerm_cognitive_account" "b" {\n  count = 1000000000\n  name = "b${count.index}"\n  kind = "OpenAI"\n}\n',
    "for_each-range": 'resource "azurerm_cognitive_account" "b" {\n  for_each = toset([for i in range(10000000) : tostring(i)])\n  name = each.key\n  kind = "OpenAI"\n}\n',
    "range": 'locals {\n  x = range(1000000000)\n}\n',
    "for_each-set-4000": 'locals {\n  s = toset([for i in range(4000) : "k${i}"])\n}\nresource "azurerm_cognitive_account" "b" {\n  for_each = local.s\n  name = "oai-${each.key}"\n  kind = "OpenAI"\n}\n',
    "doubling-list": "locals {\n  l0 = [1, 2]\n" + "".join(f"  l{i} = concat(local.l{i - 1}, local.l{i - 1})\n" for i in range(1, 60)) + "}\n"
                     + _tf_account("dl", "  tags = { n = length(local.l59) }"),
    "doubling-string": "locals {\n  s0 = \"ab\"\n" + "".join(f"  s{i} = \"${{local.s{i - 1}}}${{local.s{i - 1}}}\"\n" for i in range(1, 60)) + "}\n"
                       + _tf_account("ds", "  tags = { n = local.s59 }"),
    "format-width": 'locals {\n  x = format("%1000000000d", 1)\n}\n' + _tf_account("fw", "  tags = { x = local.x }"),
    "formatlist": 'locals {\n  x = formatlist("%s", range(100000000))\n}\n',
    "join-repeat": 'locals {\n  x = join("", [for i in range(100000000) : "aaaaaaaaaa"])\n}\n',
    "module-fanout": 'module "m" {\n  source = "./m"\n  count = 100000\n}\n',
    "dynamic-blocks": 'resource "azurerm_cognitive_account" "d" {\n  name = "d"\n  kind = "OpenAI"\n  dynamic "network_acls" {\n    for_each = range(100000000)\n    content {\n      default_action = "Deny"\n    }\n  }\n}\n',
    "setproduct": 'locals {\n  x = setproduct(range(10000), range(10000), range(10000))\n}\n',
    "flatten": 'locals {\n  x = flatten([for i in range(100000) : [for j in range(100000) : j]])\n}\n',
}.items():
    files = {"bomb.tf": body}
    if what == "module-fanout":
        files["m/main.tf"] = 'resource "azurerm_cognitive_account" "x" {\n  count = 100000\n  name = "x"\n  kind = "OpenAI"\n}\n'
    case(f"expansion/terraform/{what}", files)

for what, doc in {
    "copy": _arm([{**_arm_account("[concat('a', copyIndex())]"), "copy": {"name": "c", "count": 1000000000}}]),
    "copy-nested-properties": _arm([_arm_account("oai-np", ipRules={"copy": [{"name": "ipRules", "count": 800,
                                                                            "input": {"value": "[range(0, 800)]"}}]})]),
    "copy-variables": _arm(variables={"copy": [{"name": "v", "count": 800, "input": "[range(0, 100000)]"}]},
                           resources=[_arm_account("[string(length(variables('v')))]")]),
    "padleft": _arm([_arm_account("[padLeft('a', 1000000000, 'x')]")]),
    "format-width": _arm([_arm_account("[format('{0,1000000000}', 'a')]")]),
    "format-precision": _arm([_arm_account("[format('{0:D1000000000}', 1)]")]),
    "range": _arm([_arm_account("[string(length(range(0, 1000000000)))]")]),
    "doubling-variables": _arm(variables={"v0": "ab", **{f"v{i}": f"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]"
                                                         for i in range(1, 60)}},
                               resources=[_arm_account("[variables('v59')]")]),
    "doubling-add": _arm(variables={"v0": 1, **{f"v{i}": f"[add(variables('v{i - 1}'), variables('v{i - 1}'))]"
                                                for i in range(1, 40)}},
                         resources=[_arm_account("[string(variables('v39'))]")]),
    "mul-huge": _arm(variables={"v0": 10, **{f"v{i}": f"[mul(variables('v{i - 1}'), variables('v{i - 1}'))]"
                                             for i in range(1, 40)}},
                     resources=[_arm_account("[string(variables('v39'))]")]),
    "union": _arm([_arm_account("[string(length(union(range(0, 100000), range(0, 100000))))]")]),
    "unclosed-comments": '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", '
                         '"resources": [' + "/* " * 200000 + "]}",
}.items():
    case(f"expansion/arm/{what}", {"azuredeploy.json": doc})
case("expansion/arm/linked-self", {"azuredeploy.json": _arm([{
    "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "[concat('d', copyIndex())]",
    "copy": {"name": "c", "count": 800},
    "properties": {"mode": "Incremental", "templateLink": {"relativePath": "azuredeploy.json"}}}])})
for what, text in {
    "loop": "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for i in range(0, 1000000000): {\n  name: 'a${i}'\n  location: 'eastus'\n  kind: 'OpenAI'\n}]\n",
    "nested-loop": "var x = [for i in range(0, 100000): [for j in range(0, 100000): j]]\n",
    "doubling": "var s0 = 'ab'\n" + "".join(f"var s{i} = '${{s{i - 1}}}${{s{i - 1}}}'\n" for i in range(1, 60))
                + "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: s59\n  location: 'eastus'\n  kind: 'OpenAI'\n}\n",
    "padleft": "var x = padLeft('a', 1000000000, 'x')\n",
    "multiply": "var v0 = 10\n" + "".join(f"var v{i} = v{i - 1} * v{i - 1}\n" for i in range(1, 40)) + "var d = v39 / 7\n",
    "recursive-function": "func f(n int) int => n == 0 ? 0 : f(n - 1) + f(n - 1)\nvar x = f(60)\n",
    "module-fanout": "module m './m.bicep' = [for i in range(0, 100000): {\n  name: 'm${i}'\n}]\n",
}.items():
    files = {"bomb.bicep": text}
    if what == "module-fanout":
        files["m.bicep"] = "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for i in range(0, 100000): {\n  name: 'a${i}'\n  location: 'eastus'\n  kind: 'OpenAI'\n}]\n"
    case(f"expansion/bicep/{what}", files)

LAUGHS = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"a{i}: &a{i} [*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1}]\n"
    for i in range(1, 10))
for path, text in {
    "azure.yaml": "name: x\n" + LAUGHS + "services:\n  api:\n    project: ./\n    host: *a9\n",
    "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" + LAUGHS + "packages:\n  x@1.0.0: *a9\n",
    "environment.yml": "name: x\n" + LAUGHS + "dependencies: *a9\n",
    "app.prompty": "---\nname: x\n" + LAUGHS + "model: *a9\n---\nhi\n",
    "mcp.yaml": LAUGHS + "servers: *a9\n",
    "yarn.lock": "# yarn lockfile v1\n\n" + "".join(f'"p{i}@^1":\n  version "1.0.{i}"\n' for i in range(200000)),
}.items():
    case(f"expansion/yaml/{path}", {path: text})

# --------------------------------------------------------------------------- regex

EVIL = "a" * 50 + "!"
for what, expr in {
    "regex": f'regex("(a+)+$", "{EVIL}")',
    "regexall": f'regexall("(a|aa)+$", "{EVIL}")',
    "replace": f'replace("{EVIL}", "/(a*)*$/", "b")',
    "regex-invalid": 'regex("(unclosed", "x")',
    "regex-backref": 'regex("(a)\\\\1", "aa")',
    "can-regex": f'can(regex("(a+)+$", "{EVIL}"))',
}.items():
    case(f"regex/terraform/{what}", {"re.tf": f"locals {{\n  x = {expr}\n}}\n" + _tf_account("re", "  tags = { x = tostring(local.x) }")})
case("regex/requirements/long-line", {"requirements.txt": "openai" + "[" + "a," * 50000 + "]" + "==1.0\n"})
case("regex/requirements/markers", {"requirements.txt": "openai==1.0; " + " and ".join(["python_version > '3'"] * 20000) + "\n"})
case("regex/requirements/spaces", {"requirements.txt": "openai" + " " * 200000 + "x\n"})
case("regex/secrets/long-line", {"settings.json": '{"k": "' + "A" * 3_000_000 + '"}'})
case("regex/secrets/many-anchors", {"app.env": "OPENAI_KEY=sk-" + "sk-" * 500000 + "\n"})
case("regex/python/long-string", {"app.py": "import openai\nx = '" + "sk-" * 300000 + "'\n"})
case("regex/url/brackets", {"mcp.json": json.dumps({"mcpServers": {"s": {"url": "http://[" + ":" * 100000 + "/x"}}})})

# --------------------------------------------------------------------------- types and values

for path, text in {
    "package.json": '{"name": "x", "dependencies": ["openai"]}',
    "package-lock.json": '{"lockfileVersion": 3, "packages": ["openai"]}',
    "v2/package-lock.json": '{"lockfileVersion": "three", "packages": {"node_modules/openai": "4.0.0"}}',
    "poetry.lock": "package = 'openai'\n",
    "uv.lock": "version = 1\npackage = [1, 2, 3]\n",
    "Pipfile.lock": '{"default": ["openai"]}',
    "pnpm-lock.yaml": "lockfileVersion: 9\npackages: [1, 2]\n",
    "environment.yml": "name: x\ndependencies: 42\n",
    "azure.yaml": "name: [1]\nservices: 3\n",
    "mcp.json": '{"mcpServers": {"s": {"command": 1, "args": {"a": 1}, "env": [1]}}}',
    ".vscode/mcp.json": '{"servers": ["a", "b"]}',
    "nb.ipynb": '{"cells": [{"cell_type": "code", "source": 5}], "nbformat": 4}',
    "nb2.ipynb": '{"cells": "x"}',
    "requirements.txt": "==1.0\n[extra]\n openai ===\n",
    "requirements-2.txt": "openai==" + "1" * 4301 + "\n",
    "requirements-3.txt": "openai==1." + "0." * 20000 + "0\n",
    "pyproject.toml": "[project]\nname = 1\ndependencies = 'openai'\n",
    "agent.yaml": "kind: [1]\nmodel: {id: 1}\ntools: 7\n",
    "tags.tf": _tf_account("bigint", "  tags = { n = 18446744073709551616, m = 1e3, f = 1e400 }"),
    "index.tf": "locals {\n  a = index([1, 2])\n  b = format(\"%s %s\", \"x\")\n  c = element([], 0)\n  d = try(index([1, 2]), \"ok\")\n  e = can(format(\"%d\"))\n  f = lookup({}, \"x\")\n  g = tonumber(\"x\")\n  h = 1 / 0\n  i = substr(\"abc\", 5, 10)\n}\n" + _tf_account("idx", "  tags = { d = local.d, e = tostring(local.e) }"),
    "types.tf": "variable \"v\" {\n  type = map(string)\n  default = [1, 2]\n}\nlocals {\n  x = var.v.a.b.c\n  y = local.y\n  z = [for k, v in 5 : k]\n  w = { for x in [1, 1] : x => x }\n}\n",
    "arm.json": _arm([_arm_account("[concat()]"), _arm_account("[substring('abc', 5, 10)]"),
                      _arm_account("[div(1, 0)]"), _arm_account(42), _arm_account("[variables('nope')]"),
                      {"type": 5, "name": [1]}]),
    "types.bicep": "var a = 1 / 0\nvar b = 'x'[5]\nvar c = substring('abc', 5, 10)\nvar d = [1][7]\nparam e int = 'x'\nresource r 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 123\n  location: 'eastus'\n  kind: 'OpenAI'\n  properties: 5\n}\n",
}.items():
    case(f"types/{path.replace('/', '_')}", {path: text})
for path in ("bad.tf", "bad.json", "requirements.txt", "bad.py", "bad.bicep", "azure.yaml"):
    case(f"types/invalid-utf8/{path}", {path: b"x = \"\xff\xfe\xc3\x28 \xed\xa0\x80\"\n"})
    case(f"types/utf16/{path}", {path: "\ufeffopenai==1.0\nresource \"x\" {}\n".encode("utf-16")})
case("types/surrogate-json", {"azuredeploy.json": _arm([_arm_account("oai-\\ud800-\\udfff")]).replace("\\\\u", "\\u")})
case("types/nul-bytes", {"nul.tf": _tf_account("nul", '  tags = { a = "x\\u0000y" }') + "\x00\x00"})
case("types/control-chars", {"ctl.tf": _tf_account("ctl", '  tags = { a = "\\u001b[31mred" }')})
case("types/empty-files", {"e.tf": "", "e.json": "", "e.bicep": "", "requirements.txt": "", "package.json": "",
                           "azure.yaml": "", "e.ipynb": "", "mcp.json": ""})
case("types/binary", {"bin.tf": bytes(range(256)) * 100, "bin.json": bytes(range(256)) * 100})
case("types/hcl-numbers", {"num.tf": _tf_account("num", "  tags = { a = 1e3, b = 0x10, c = 1.5e-3, d = -0 }")})

# --------------------------------------------------------------------------- size

case("size/json-15mb", {"big.json": '{"resources": [' + ",".join(['{"type": "x", "name": "y"}'] * 550000) + "]}"})
case("size/tf-many-resources", {"many.tf": "".join(_tf_account(f"r{i}") for i in range(10000))})
case("size/requirements-long", {"requirements.txt": "".join(f"pkg{i}==1.0\n" for i in range(50000))})
case("size/one-long-line-py", {"long.py": "import openai\nx = [" + "1," * 3_000_000 + "]\n"})

# --------------------------------------------------------------------------- AWS and GCP inputs, plans, snapshots
# (added with the AWS/GCP providers and live snapshots: the same families, on their formats)

CFN_HEAD = "AWSTemplateFormatVersion: '2010-09-09'\n"


def _plan(resources: object, **extra) -> str:
    return json.dumps({"format_version": "1.2", "terraform_version": "1.9.0",
                       "planned_values": {"root_module": {"resources": resources}}, **extra})


case("nesting/cloudformation/template.yaml", {"template.yaml": CFN_HEAD + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
                                             "    Properties:\n      Tags: " + "[" * DEEP + "]" * DEEP + "\n"})
case("nesting/cloudformation/intrinsics", {"template.yaml": CFN_HEAD + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
                                          "    Properties:\n      BucketName: " + "!Join ['', [" * 400 + "x" + "]]" * 400 + "\n"})
case("nesting/cloudformation/template.json", {"template.json": '{"AWSTemplateFormatVersion": "2010-09-09", '
                                             '"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": '
                                             + NESTED_OBJ + "}}}"})
case("nesting/terraform-plan/plan.json", {"plan.json": _plan([{"address": "aws_s3_bucket.b", "type": "aws_s3_bucket",
                                                              "name": "b", "mode": "managed", "values": "__X__"}])
                                         .replace('"__X__"', NESTED_OBJ)})
case("nesting/gcp-snapshot/assets.json", {"assets.json": json.dumps(
    {"name": "//storage.googleapis.com/b", "asset_type": "storage.googleapis.com/Bucket",
     "resource": {"data": "__X__"}}).replace('"__X__"', NESTED_OBJ) + "\n"})
case("nesting/azure-snapshot/resources.json", {"resources.json": json.dumps([
    {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a", "name": "a",
     "type": "Microsoft.CognitiveServices/accounts", "properties": "__X__"}]).replace('"__X__"', NESTED_OBJ)})
case("expansion/cloudformation/laughs", {"template.yaml": CFN_HEAD + LAUGHS + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
                                        "    Properties:\n      Tags: *a9\n"})
case("expansion/cloudformation/join-sub", {"template.yaml": CFN_HEAD + "Parameters:\n  P:\n    Type: String\n"
                                          "    Default: " + "x" * 100000 + "\nResources:\n" + "".join(
    f"  B{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Join ['', [!Ref P, !Ref P, !Ref P, "
    f"!Ref P, !Ref P, !Ref P, !Ref P, !Ref P, !Ref P, !Ref P, !Ref P, !Ref P]]\n" for i in range(200))})
case("expansion/cloudformation/cyclic-dependson", {"template.yaml": CFN_HEAD + "Resources:\n" + "".join(
    f"  R{i}:\n    Type: AWS::S3::Bucket\n    DependsOn: R{(i + 1) % 500}\n    Properties:\n      BucketName: !Ref R{(i + 1) % 500}\n"
    for i in range(500))})
case("expansion/cloudformation/nested-stacks", {"template.yaml": CFN_HEAD + "Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n"
                                               "    Properties:\n      TemplateURL: ./template.yaml\n"})
case("expansion/terraform-plan/many", {"plan.json": _plan([{"address": f"aws_s3_bucket.b[{i}]", "type": "aws_s3_bucket",
                                                           "name": "b", "index": i, "mode": "managed",
                                                           "values": {"bucket": f"b{i}"}} for i in range(300000)])})
case("types/cloudformation/wrong-types", {"template.yaml": CFN_HEAD + "Resources:\n  A: 5\n  B:\n    Type: [1]\n  C:\n"
                                         "    Type: AWS::S3::Bucket\n    Properties: 7\n  D:\n    Type: AWS::Bedrock::Agent\n"
                                         "    Properties:\n      AgentName: !GetAtt\n      Instruction: !Sub [1, 2, 3]\n"
                                         "      FoundationModel: !Select [99, []]\n      Tags: !FindInMap [No, Such, Map]\n"
                                         "Conditions: 5\nParameters: [1]\n"})
case("types/cloudformation/unknown-tags", {"template.yaml": CFN_HEAD + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
                                          "    Properties:\n      BucketName: !Bogus x\n      Other: !!python/object/apply:os.system ['id']\n"})
case("types/terraform-plan/wrong-types", {"plan.json": json.dumps({"format_version": "1.2", "planned_values": 5,
                                                                   "resource_changes": [{"address": 1, "change": "x"},
                                                                                        {"type": "aws_s3_bucket"}]})})
case("types/terraform-plan/future-version", {"plan.json": json.dumps({"format_version": "99.0", "planned_values": {}})})
case("types/terraform/modules-manifest", {"main.tf": 'module "m" {\n  source = "hashicorp/x/aws"\n}\n',
                                          ".terraform/modules/modules.json": '{"Modules": [{"Key": "m", "Dir": "/etc"}, '
                                                                             '{"Key": 5}, "x"]}'})
case("types/gcp-snapshot/bad-lines", {"assets.json": '{"name": 5, "asset_type": "storage.googleapis.com/Bucket"}\n'
                                                     'not json\n{"asset_type": ["x"], "resource": {"data": 3}}\n'})
case("size/cloudformation-many-resources", {"template.yaml": CFN_HEAD + "Resources:\n" + "".join(
    f"  B{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b{i}\n" for i in range(20000))})

# --------------------------------------------------------------------------- .NET, Go, Java and Rust dependency manifests

XML_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
              + "]>\n")
case("nesting/dotnet/csproj", {"App.csproj": "<Project>" + "<ItemGroup>" * DEEP + "</ItemGroup>" * DEEP + "</Project>"})
case("nesting/maven/pom", {"pom.xml": "<project><dependencies>" + "<dependency>" * DEEP + "</dependency>" * DEEP
                                      + "</dependencies></project>"})
case("nesting/cargo/Cargo.toml", {"Cargo.toml": "[dependencies]\nx = " + "[" * DEEP + "]" * DEEP + "\n"})
case("nesting/dotnet/packages-lock", {"packages.lock.json": '{"version": 1, "dependencies": ' + NESTED_OBJ + "}"})
case("expansion/dotnet/billion-laughs", {"App.csproj": XML_LAUGHS + '<Project><ItemGroup><PackageReference '
                                         'Include="&lol9;" Version="1.0.0"/></ItemGroup></Project>'})
case("expansion/maven/billion-laughs", {"pom.xml": XML_LAUGHS + "<project><properties><v>&lol9;</v></properties>"
                                        "<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>"
                                        "<version>${v}</version></dependency></dependencies></project>"})
case("expansion/maven/external-entity", {"pom.xml": '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM '
                                         '"file:///etc/passwd">]>\n<project><groupId>&x;</groupId></project>'})
case("types/maven/property-doubling", {"pom.xml": "<project><properties>" + "".join(
    f"<p{i}>${{p{(i + 1) % 1000}}}${{p{(i + 1) % 1000}}}</p{i}>" for i in range(1000)) + "</properties><dependencies>"
    "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${p0}</version></dependency></dependencies></project>"})
case("types/maven/parent-cycle", {"pom.xml": "<project><groupId>g</groupId><artifactId>a</artifactId><parent>"
                                      "<groupId>g</groupId><artifactId>b</artifactId><relativePath>b</relativePath></parent></project>",
                                      "b/pom.xml": "<project><groupId>g</groupId><artifactId>b</artifactId><parent><groupId>g"
                                                   "</groupId><artifactId>a</artifactId><relativePath>..</relativePath></parent>"
                                                   "</project>"})
case("size/gradle-long-lines", {"build.gradle": "dependencies {\n  implementation" + " " * 500000 + "x\n"
                                 + "  implementation(" + "\t" * 500000 + "\n" + "val v" + " " * 500000 + "\n}\n"})
case("regex/go/long-line", {"go.mod": "module x\nrequire (\n" + "a " * 1_000_000 + "\n)\n"})
case("types/deps-ecosystems/wrong-types", {
    "packages.lock.json": '{"version": 1, "dependencies": {"net8.0": {"A": 5, "B": {"resolved": [1]}}, "x": 3}}',
    "Cargo.lock": '[[package]]\nname = 5\n[[package]]\nversion = "1"\n', "Cargo.toml": "[dependencies]\na = 5\nb = [1]\n",
    "go.mod": "module x\nrequire a\nrequire b vX\nreplace c\n", "gradle.lockfile": "no:coords\n:::=x\n",
    "packages.config": "<packages><package/><package id='A' version='99999999999999999999999.1'/></packages>",
    "gradle/libs.versions.toml": "[libraries]\na = 5\nb = { version = 1 }\n"})
case("size/go-sum-many", {"go.sum": "".join(f"example.com/m{i} v1.0.{i} h1:x=\n" for i in range(100000))})
case("size/csproj-many", {"Big.csproj": "<Project><ItemGroup>" + "".join(
    f'<PackageReference Include="P{i}" Version="1.0.{i}"/>' for i in range(150000)) + "</ItemGroup></Project>"})


def _maven_dep(g: str, a: str, version: str | None = "1", bom: bool = False) -> str:
    return (f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>" + (f"<version>{version}</version>" if version else "")
            + ("<type>pom</type><scope>import</scope>" if bom else "") + "</dependency>\n")


def _maven_pom(a: str, managed: str = "", deps: str = "") -> str:
    return (f"<project>\n<groupId>g</groupId><artifactId>{a}</artifactId><version>1</version>\n<dependencyManagement>"
            f"<dependencies>\n{managed}</dependencies></dependencyManagement>\n<dependencies>\n{deps}</dependencies>\n</project>\n")


# a pom importing itself as a BOM, several times: each import would expand all of them again
case("expansion/maven/bom-import-cycle", {"pom.xml": _maven_pom("a", _maven_dep("g", "a", bom=True) * 6 + _maven_dep("x", "y"),
                                                                 _maven_dep("x", "y", None))})
# BOMs importing each other: every path through them is a chain of imports
case("expansion/maven/bom-fan-out", {
    **{f"b{i}/pom.xml": _maven_pom(f"b{i}", "".join(_maven_dep("g", f"b{j}", bom=True) for j in range(30) if j != i)
                                   + _maven_dep("x", f"y{i}")) for i in range(30)},
    "app/pom.xml": _maven_pom("app", _maven_dep("g", "b0", bom=True), "".join(_maven_dep("x", f"y{i}", None) for i in range(30)))})
case("size/gradle-100k-dependencies", {"build.gradle": "dependencies {\n" + "".join(
    f'    implementation "com.example{i}:lib{i}:1.0.{i}"\n' for i in range(100_000)) + "}\n"})
case("size/maven-50k-dependencies", {"pom.xml": _maven_pom("big", deps="".join(_maven_dep(f"com.example{i}", f"lib{i}", f"1.0.{i}")
                                                                                for i in range(50_000)))})

# --------------------------------------------------------------------------- application configuration
# 200,000 distinct keys, model words among them: each key's line once looked up from the top (quadratic)

case("size/app-config/setup.cfg-200k-keys", {"setup.cfg": "[metadata]\nname = x\n" + "".join(
    f"[llm{s}]\nmodel = gpt-4o\nembedding_model = text-embedding-3-small\n"
    + "".join(f"opt{s}_{j} = claude-3-5-haiku-latest\n" for j in range(98)) for s in range(2000))})
case("size/app-config/properties-200k-keys", {"application.properties": "".join(
    f"spring.ai.openai.chat.options.model{i}=gpt-4o\napp.setting{i}=mistral-large-latest\n" for i in range(100000))})

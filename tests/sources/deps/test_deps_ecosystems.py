""".NET, Go, Java/Kotlin and Rust dependency sources on small real-shaped projects.

Each table lists every asset of a fixture project exactly:
(file, line, name, version, version_range, purl, scope, direct, ai_category).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aispm.model import Kind
from aispm.providers.code.deps.dotnet import DotnetDepsSource
from aispm.providers.code.deps.go import GoDepsSource
from aispm.providers.code.deps.java import JavaDepsSource, parse_gradle
from aispm.providers.code.deps.rust import RustDepsSource
from aispm.source import SourceContext

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = (DotnetDepsSource(), GoDepsSource(), JavaDepsSource(), RustDepsSource())


def load(root: Path):
    assets, errors = [], []
    for src in SOURCES:
        files = [p for p in sorted(root.rglob("*")) if p.is_file() and src.claims(p)]
        if files:
            r = src.load(files, SourceContext(root=root))
            assets += r.assets
            errors += r.errors
    return assets, errors


def rows(assets):
    return [(a.origin.file, a.origin.line, a.name, a.properties.get("version"), a.properties.get("version_range"),
             a.properties["purl"], a.properties["scope"], a.properties["direct"], a.facts.get("ai_category"))
            for a in assets]


EXPECTED = {
    "dotnet": [
        ("legacy/packages.config", 3, "Newtonsoft.Json", "12.0.1", None, "pkg:nuget/Newtonsoft.Json@12.0.1", "runtime", True, None),
        ("legacy/packages.config", 4, "Microsoft.Azure.CognitiveServices.Vision.ComputerVision", "7.0.1", None,
         "pkg:nuget/Microsoft.Azure.CognitiveServices.Vision.ComputerVision@7.0.1", "runtime", True, None),
        ("legacy/packages.config", 5, "StyleCop.Analyzers", "1.1.118", None, "pkg:nuget/StyleCop.Analyzers@1.1.118", "dev", True, None),
        # central version through a property of Directory.Packages.props
        ("src/App/App.csproj", 8, "Microsoft.SemanticKernel", "1.30.0", None, "pkg:nuget/Microsoft.SemanticKernel@1.30.0", "runtime", True, "orchestration"),
        ("src/App/App.csproj", 9, "OpenAI", "2.0.0", None, "pkg:nuget/OpenAI@2.0.0", "runtime", True, "llm-sdk"),
        ("src/App/App.csproj", 10, "Anthropic", None, "[10.0.0,11.0.0)", "pkg:nuget/Anthropic", "runtime", True, "llm-sdk"),
        ("src/App/App.csproj", 13, "Serilog", None, None, "pkg:nuget/Serilog", "runtime", True, None),
        ("src/App/App.csproj", 14, "Newtonsoft.Json", "12.0.3", None, "pkg:nuget/Newtonsoft.Json@12.0.3", "runtime", True, None),
        ("src/App/App.csproj", 15, "StyleCop.Analyzers", "1.1.118", None, "pkg:nuget/StyleCop.Analyzers@1.1.118", "dev", True, None),
        # the lock wins for Azure.AI.OpenAI; its transitive package is not direct
        ("src/App/packages.lock.json", 5, "Azure.AI.OpenAI", "2.1.0", None, "pkg:nuget/Azure.AI.OpenAI@2.1.0", "runtime", True, "llm-sdk"),
        ("src/App/packages.lock.json", 11, "Azure.Core", "1.44.1", None, "pkg:nuget/Azure.Core@1.44.1", "runtime", False, None),
    ],
    "go": [
        ("go.mod", 8, "github.com/openai/openai-go", "v0.1.0-alpha.38", None,
         "pkg:golang/github.com/openai/openai-go@v0.1.0-alpha.38", "runtime", True, "llm-sdk"),
        ("go.mod", 9, "github.com/gin-gonic/gin", "v1.5.0", None, "pkg:golang/github.com/gin-gonic/gin@v1.5.0", "runtime", True, None),
        # replaced by another version: the replacement is what is built
        ("go.mod", 10, "github.com/sashabaranov/go-openai", "v1.24.0", None,
         "pkg:golang/github.com/sashabaranov/go-openai@v1.24.0", "runtime", False, "llm-sdk"),
        ("go.mod", 13, "golang.org/x/net", "v0.0.0-20210226172049-e18ecbb05110", None,
         "pkg:golang/golang.org/x/net@v0.0.0-20210226172049-e18ecbb05110", "runtime", False, None),
    ],
    "go_sum_only": [
        ("go.sum", 2, "github.com/tmc/langchaingo", "v0.1.12", None, "pkg:golang/github.com/tmc/langchaingo@v0.1.12", "runtime", False, "orchestration"),
    ],
    "maven": [
        ("app/pom.xml", 10, "dev.langchain4j:langchain4j-open-ai", "0.35.0", None,
         "pkg:maven/dev.langchain4j/langchain4j-open-ai@0.35.0", "runtime", True, "orchestration"),
        ("app/pom.xml", 15, "com.fasterxml.jackson.core:jackson-databind", "2.13.2", None,
         "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2", "runtime", True, None),
        ("app/pom.xml", 19, "com.openai:openai-java", "2.5.0", None, "pkg:maven/com.openai/openai-java@2.5.0", "runtime", True, "llm-sdk"),
        ("app/pom.xml", 23, "org.springframework.ai:spring-ai-starter-model-openai", None, None,
         "pkg:maven/org.springframework.ai/spring-ai-starter-model-openai", "runtime", True, "orchestration"),
        ("app/pom.xml", 27, "org.junit.jupiter:junit-jupiter", "5.10.0", None, "pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0", "dev", True, None),
        ("app/pom.xml", 33, "com.example:sibling", "1.0.0", None, "pkg:maven/com.example/sibling@1.0.0", "runtime", True, None),
    ],
    "gradle": [
        ("build.gradle.kts", 4, "dev.langchain4j:langchain4j-open-ai", "0.36.2", None,
         "pkg:maven/dev.langchain4j/langchain4j-open-ai@0.36.2", "runtime", True, "orchestration"),
        ("build.gradle.kts", 6, "org.springframework.ai:spring-ai-starter-model-anthropic", None, None,
         "pkg:maven/org.springframework.ai/spring-ai-starter-model-anthropic", "runtime", True, "orchestration"),
        ("build.gradle.kts", 8, "com.google.guava:guava", None, None, "pkg:maven/com.google.guava/guava", "runtime", True, None),
        ("build.gradle.kts", 9, "org.junit.jupiter:junit-jupiter", "5.10.0", None, "pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0", "dev", True, None),
        ("gradle/libs.versions.toml", 5, "com.openai:openai-java", "2.8.0", None, "pkg:maven/com.openai/openai-java@2.8.0", "runtime", True, "llm-sdk"),
        ("gradle/libs.versions.toml", 6, "com.anthropic:anthropic-java", "1.2.0", None, "pkg:maven/com.anthropic/anthropic-java@1.2.0", "runtime", True, "llm-sdk"),
    ],
    "gradle_lock": [
        ("gradle.lockfile", 2, "com.azure:azure-ai-openai", "1.0.0-beta.10", None, "pkg:maven/com.azure/azure-ai-openai@1.0.0-beta.10", "runtime", True, "llm-sdk"),
        ("gradle.lockfile", 3, "com.azure:azure-core", "1.45.0", None, "pkg:maven/com.azure/azure-core@1.45.0", "runtime", False, None),
        ("gradle.lockfile", 4, "junit:junit", "4.13.2", None, "pkg:maven/junit/junit@4.13.2", "dev", True, None),
    ],
    "cargo": [
        ("Cargo.lock", 4, "async-openai", "0.20.0", None, "pkg:cargo/async-openai@0.20.0", "runtime", True, "llm-sdk"),
        ("Cargo.lock", 21, "serde", "1.0.200", None, "pkg:cargo/serde@1.0.200", "runtime", True, None),
        ("Cargo.lock", 26, "tokio-test", "0.4.4", None, "pkg:cargo/tokio-test@0.4.4", "dev", True, None),
    ],
    "cargo_manifest": [
        ("Cargo.toml", 8, "rig-core", None, "=0.5.0", "pkg:cargo/rig-core", "optional", True, "agent-framework"),
        ("Cargo.toml", 9, "async-openai", None, "0.18.1", "pkg:cargo/async-openai", "runtime", True, "llm-sdk"),
        ("Cargo.toml", 10, "local", None, None, "pkg:cargo/local", "runtime", True, None),
        ("Cargo.toml", 11, "candle-core", None, "0.6.0", "pkg:cargo/candle-core", "runtime", True, "ml-framework"),
        ("Cargo.toml", 14, "nix", None, "0.29", "pkg:cargo/nix", "runtime", True, None),
    ],
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_every_dependency_with_its_file_line_version_and_scope(project):
    assets, errors = load(FIXTURES / project)
    assert errors == []
    assert rows(assets) == EXPECTED[project]
    assert all(a.type == "library" and a.kind == Kind.LIBRARY for a in assets)


def _by_name(project):
    return {a.name: a.properties for a in load(FIXTURES / project)[0]}


def test_an_unresolvable_version_says_why():
    assert "$(SerilogVersion)" in _by_name("dotnet")["Serilog"]["version_unknown"]
    assert _by_name("dotnet")["Microsoft.SemanticKernel"]["version_from"] == "Directory.Packages.props"
    maven = _by_name("maven")
    assert "spring-ai-bom is not in the scanned tree" in maven["org.springframework.ai:spring-ai-starter-model-openai"]["version_unknown"]
    assert maven["com.openai:openai-java"]["version_from"] == "dependencyManagement of bom/pom.xml"
    assert "guavaVersion" in _by_name("gradle")["com.google.guava:guava"]["version_unknown"]
    assert _by_name("cargo_manifest")["local"]["url"] == "../local"
    assert "replace at line 15" in _by_name("go")["github.com/sashabaranov/go-openai"]["replaced"]


def _write(tmp_path, files):
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return load(tmp_path)


def test_hostile_xml_is_an_error_never_an_expansion(tmp_path):
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
              '<Project><ItemGroup><PackageReference Include="&lol2;" Version="1.0.0"/></ItemGroup></Project>')
    external = ('<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                '<project><dependencies><dependency><groupId>&x;</groupId><artifactId>a</artifactId>'
                '<version>1</version></dependency></dependencies></project>')
    deep = "<Project>" + "<a>" * 5000 + "</a>" * 5000 + "</Project>"
    assets, errors = _write(tmp_path, {"a/App.csproj": laughs, "b/pom.xml": external, "c/Deep.csproj": deep,
                                       "d/App.csproj": "<Project><ItemGroup><PackageReference Include='OpenAI' "
                                                       "Version='2.0.0'/></ItemGroup></Project>"})
    assert [a.name for a in assets] == ["OpenAI"]  # the good neighbour survives
    reasons = {e.file: e.message for e in errors}
    assert "refused" in reasons["a/App.csproj"] and "refused" in reasons["b/pom.xml"]
    assert "depth" in reasons["c/Deep.csproj"]


def test_a_parent_pom_cycle_and_a_property_cycle_stop(tmp_path):
    parent = ("<project><groupId>g</groupId><artifactId>p</artifactId><version>1</version>"
              "<parent><groupId>g</groupId><artifactId>c</artifactId><relativePath>c/pom.xml</relativePath></parent>"
              "<properties><a>${b}</a><b>${a}</b></properties></project>")
    child = ("<project><parent><groupId>g</groupId><artifactId>p</artifactId></parent><artifactId>c</artifactId>"
             "<dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>${a}</version>"
             "</dependency></dependencies></project>")
    assets, errors = _write(tmp_path, {"pom.xml": parent, "c/pom.xml": child})
    assert [(a.name, a.properties.get("version")) for a in assets] == [("x:y", None)]
    assert "do not resolve" in assets[0].properties["version_unknown"]


def test_claims_by_name(tmp_path):
    dotnet, go, java, rust = SOURCES
    (tmp_path / "vendor" / "x").mkdir(parents=True)
    (tmp_path / "vendor" / "modules.txt").write_text("# x v1\n")
    (tmp_path / "crate").mkdir()
    (tmp_path / "crate" / ".cargo-checksum.json").write_text("{}")
    assert not go.claims(tmp_path / "vendor" / "x" / "go.mod") and not rust.claims(tmp_path / "crate" / "Cargo.toml")
    assert java.claims(Path("/home/u/build/target/repo/pom.xml"))  # folder names above the project do not matter
    assert not java.claims(Path("target/classes/META-INF/maven/g/a/pom.xml"))
    for n in ("App.csproj", "Lib.fsproj", "Directory.Packages.props", "packages.config", "packages.lock.json"):
        assert dotnet.claims(Path("repo") / n), n
    assert go.claims(Path("go.mod")) and go.claims(Path("go.sum"))
    for n in ("pom.xml", "build.gradle", "build.gradle.kts", "gradle.lockfile", "gradle/libs.versions.toml"):
        assert java.claims(Path("repo") / n), n
    assert rust.claims(Path("Cargo.toml")) and rust.claims(Path("Cargo.lock"))
    assert not dotnet.claims(Path("package.json")) and not java.claims(Path("versions.toml"))


def test_an_xml_declaration_of_another_encoding_does_not_stop_the_read(tmp_path):
    assets, errors = _write(tmp_path, {"packages.config": '<?xml version="1.0" encoding="utf-16"?>\n<packages>\n'
                                                          '  <package id="OpenAI" version="2.0.0" />\n</packages>\n'})
    assert errors == [] and [(a.name, a.properties["version"], a.origin.line) for a in assets] == [("OpenAI", "2.0.0", 3)]


def test_central_versions_above_the_scanned_folder_inside_the_roots(tmp_path):
    fixture = FIXTURES / "dotnet"
    app = fixture / "src" / "App" / "App.csproj"
    ctx = SourceContext(root=app.parent, roots=(str(fixture),))
    r = DotnetDepsSource().load([app], ctx)
    versions = {a.name: a.properties.get("version") for a in r.assets}
    assert versions["Microsoft.SemanticKernel"] == "1.30.0" and versions["Azure.AI.OpenAI"] == "2.1.0"
    # outside the roots it is not read: the version stays unknown, and says so
    r = DotnetDepsSource().load([app], SourceContext(root=app.parent, roots=(str(app.parent),)))
    assert "Directory.Packages.props" in {a.name: a for a in r.assets}["Azure.AI.OpenAI"].properties["version_unknown"]


# --------------------------------------------------------------------------- Maven BOM imports and Gradle size


def _pom(coord: str, imports: list[str] = (), managed: dict[str, str] | None = None, deps: list[str] = ()) -> str:
    g, a = coord.split(":")
    dm = "".join(f"<dependency><groupId>{i.split(':')[0]}</groupId><artifactId>{i.split(':')[1]}</artifactId>"
                 "<version>1</version><type>pom</type><scope>import</scope></dependency>\n" for i in imports)
    dm += "".join(f"<dependency><groupId>{k.split(':')[0]}</groupId><artifactId>{k.split(':')[1]}</artifactId>"
                  f"<version>{v}</version></dependency>\n" for k, v in (managed or {}).items())
    body = "".join(f"<dependency><groupId>{d.split(':')[0]}</groupId><artifactId>{d.split(':')[1]}</artifactId>"
                   "</dependency>\n" for d in deps)
    return (f"<project>\n<groupId>{g}</groupId><artifactId>{a}</artifactId><version>1</version>\n"
            f"<dependencyManagement><dependencies>\n{dm}</dependencies></dependencyManagement>\n"
            f"<dependencies>\n{body}</dependencies>\n</project>\n")


@pytest.fixture
def bom_reads(monkeypatch):
    """How many times `<dependencyManagement>` of a pom is expanded; fails fast past 500 (an
    exponential expansion would otherwise run for minutes)."""
    from aispm.providers.code.deps import java

    calls = []
    real = java._managed

    def counting(pom, *args, **kwargs):
        calls.append(pom.artifact)
        assert len(calls) < 500, "BOM imports expanded again and again"
        return real(pom, *args, **kwargs)

    monkeypatch.setattr(java, "_managed", counting)
    return calls


def test_a_pom_importing_itself_as_a_bom_is_a_cycle_read_once(tmp_path, bom_reads):
    pom = _pom("g:a", imports=["g:a"] * 6, managed={"x:y": "2.0"}, deps=["x:y"])
    assets, errors = _write(tmp_path, {"pom.xml": pom})
    assert [(a.name, a.properties.get("version")) for a in assets] == [("x:y", "2.0")]
    assert [(e.file, e.line) for e in errors] == [("pom.xml", 4)]  # the first import line, once
    assert "BOM import cycle: g:a → g:a" in errors[0].message
    assert len(bom_reads) == 1


def test_boms_importing_each_other_are_each_expanded_once(tmp_path, bom_reads):
    n = 8
    files = {f"b{i}/pom.xml": _pom(f"g:b{i}", imports=[f"g:b{j}" for j in range(n) if j != i], managed={f"x:y{i}": f"{i}.0"})
             for i in range(n)}
    files["app/pom.xml"] = _pom("g:app", imports=["g:b0"], deps=[f"x:y{i}" for i in range(n)])
    assets, errors = _write(tmp_path, files)
    assert sorted((a.name, a.properties.get("version")) for a in assets) == [(f"x:y{i}", f"{i}.0") for i in range(n)]
    assert all("BOM import cycle" in e.message for e in errors) and len({e.file for e in errors}) == len(errors)
    # each pom is read once as a project, and each BOM's imports are expanded once for the whole scan
    assert len(bom_reads) <= 2 * (n + 1)


def test_a_parent_cycle_is_reported(tmp_path):
    a = ("<project><groupId>g</groupId><artifactId>a</artifactId><parent><groupId>g</groupId><artifactId>b</artifactId>"
         "<relativePath>b</relativePath></parent></project>")
    b = ("<project><groupId>g</groupId><artifactId>b</artifactId>\n<parent><groupId>g</groupId><artifactId>a</artifactId>"
         "<relativePath>..</relativePath></parent></project>")
    assets, errors = _write(tmp_path, {"pom.xml": a, "b/pom.xml": b})
    assert errors and all("parent pom cycle" in e.message for e in errors)
    assert any("g:a → g:b → g:a" in e.message for e in errors)


def test_dependency_management_spends_the_steps_budget(tmp_path):
    from aispm.limits import Limits

    boms = {f"b{i}/pom.xml": _pom(f"g:b{i}", managed={f"x:m{i}-{k}": "1" for k in range(40)}) for i in range(5)}
    files = {**boms, "app/pom.xml": _pom("g:app", imports=[f"g:b{i}" for i in range(5)], deps=["x:m0-0", "x:m4-0"])}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    ctx = SourceContext(root=tmp_path, limits=Limits(steps_per_file=100))
    r = JavaDepsSource().load(sorted(tmp_path.rglob("pom.xml")), ctx)
    app = {a.name: a.properties for a in r.assets if a.origin.file == "app/pom.xml"}
    assert app["x:m0-0"]["version"] == "1"  # what was managed before the budget ran out is kept
    assert "version" not in app["x:m4-0"]
    assert any(w.startswith("app/pom.xml") and "steps_per_file = 100" in w for w in r.warnings)


def test_a_large_build_gradle_is_read_in_linear_time_with_its_lines(tmp_path):
    import time

    n = 100_000
    text = "plugins { id 'java' }\ndependencies {\n" + "".join(
        f'    implementation "com.example{i}:lib{i}:1.0.{i}"\n' for i in range(n)) + "}\n"
    (tmp_path / "build.gradle").write_text(text)
    start = time.monotonic()
    parsed = parse_gradle(tmp_path / "build.gradle", text, SourceContext(root=tmp_path))
    seconds = time.monotonic() - start
    assert len(parsed.deps) == n
    assert (parsed.deps[0].name, parsed.deps[0].line) == ("com.example0:lib0", 3)
    assert (parsed.deps[-1].name, parsed.deps[-1].line) == (f"com.example{n - 1}:lib{n - 1}", n + 2)
    assert seconds < 10, f"{seconds:.1f} s for {n:,} dependency lines"  # quadratic: minutes

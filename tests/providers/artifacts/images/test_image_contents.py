"""Real images (built by `conftest.py` with pip, umoci and skopeo) in every form: aispm reports exactly what is
installed — the package a later layer deleted is absent — with its layer and path, judges the libraries
against the advisories, and finds the key set in `ENV`, redacted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aispm.model import Status
from aispm.report import json as json_report
from aispm.scan import ScanOptions, scan

EXPECTED = {("PyPI", "requests", "2.30.0"), ("PyPI", "dify-client", "0.1.10"), ("npm", "lodash", "4.17.20"),
            ("npm", "@scope/tool", "1.2.3"), ("Debian", "base-files", "12.4+deb12u5"),
            ("Debian", "openssl", "3.0.11-1~deb12u2")}


def _scan(path: Path):
    return scan([path], ScanOptions(frameworks=("oci-image",)))


def _libs(result, image: str | None = None) -> set[tuple[str, str, str]]:
    return {(a.properties["ecosystem"], a.name, a.properties["version"]) for a in result.assets
            if a.type == "library" and (image is None or a.properties["image"] == image)}


def _image(result, name: str):
    return next(a for a in result.assets if a.type == "oci-image" and a.name == name)


def _forms(built) -> dict[str, tuple[Path, str]]:
    return {"oci-layout": (built.layout, "app"), "oci-tar": (built.oci_tar, "app"),
            "docker-archive": (built.docker_tar, "docker.io/example/app:1.0"), "zstd": (built.zstd_layout, "app")}


@pytest.mark.parametrize("form", ["oci-layout", "oci-tar", "docker-archive", "zstd"])
def test_every_form_reports_exactly_what_is_installed(built, form):
    path, name = _forms(built)[form]
    result = _scan(path)
    assert not result.errors, result.errors
    assert _libs(result, name) == EXPECTED  # idna (deleted in layer 2), old-tool (deinstalled), lodash/fp: absent
    image = _image(result, name)
    assert len(image.properties["layers"]) == 2
    assert image.origin.file == path.name  # the archive, or the layout directory named as the target
    assert {r.target for r in result.relations if r.source == image.uid and r.verb == "contains"} >= \
        {a.uid for a in result.assets if a.type == "library" and a.properties["image"] == name}


def test_found_by_content_whatever_the_file_is_called(built, tmp_path):
    renamed = tmp_path / "nothing-to-see.bin"
    shutil.copy(built.docker_tar, renamed)
    assert _libs(_scan(tmp_path)) == EXPECTED


def test_vulnerable_version_found_with_its_layer_and_path(built):
    result = _scan(built.layout)
    manifest_layers = _image(result, "app").properties["layers"]
    lib = next(a for a in result.assets if a.type == "library" and a.name == "requests"
               and a.properties["image"] == "app")
    assert lib.properties["path"] == "/usr/local/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA"
    assert lib.properties["layer"] == manifest_layers[0] and lib.properties["layer_index"] == 1
    assert lib.properties["purl"] == "pkg:pypi/requests@2.30.0"
    found = [f for f in result.findings if f.asset_uid == lib.uid and f.rule_id == "PYSEC-2023-74"]
    assert found and found[0].status is Status.FAIL
    assert lib.properties["path"] in found[0].address and manifest_layers[0][:19] in found[0].address
    dify = next(a for a in result.assets if a.type == "library" and a.name == "dify-client")
    assert dify.facts.get("ai_category")  # an AI library, in the AI inventory
    assert any(f.asset_uid == dify.uid and f.rule_id == "PYSEC-2025-103" for f in result.findings)


def test_key_in_env_is_a_redacted_secret_and_never_printed(built):
    result = _scan(built.docker_tar)
    secrets = [a for a in result.assets if a.type == "secret"]
    assert len(secrets) == 1 and "OPENAI_API_KEY" in secrets[0].display_name
    assert secrets[0].properties["redacted"] != built.key
    assert any(f.rule_id == "AISPM-SE-001" and f.asset_uid == secrets[0].uid and f.status is Status.FAIL
               for f in result.findings)
    text = json_report.render(result)
    assert built.key not in text and built.key[8:30] not in text
    assert "MODEL_NAME" in _image(result, "docker.io/example/app:1.0").properties["env_names"]


@pytest.mark.parametrize("rule_id", ["AISPM-ART-001", "AISPM-ART-002", "AISPM-ART-003"])
def test_image_rules_fail_on_app_and_pass_on_safe(built, rule_id):
    result = _scan(built.layout)
    status = {f.asset_uid: f.status for f in result.findings if f.rule_id == rule_id}
    assert status[_image(result, "app").uid] is Status.FAIL
    assert status[_image(result, "safe").uid] is Status.PASS


def test_model_server_and_config_facts(built):
    result = _scan(built.layout)
    app, safe = _image(result, "app"), _image(result, "safe")
    assert app.facts["model_server"] == "vllm" and app.facts["model_server_authentication"] is False
    assert safe.facts["model_server_authentication"] is True and safe.facts["root_access"] is False
    assert app.facts["exposed_ports"] == ["8000/tcp"] and app.facts["root_access"] is True


def _nested_index(layout: Path, dest: Path) -> Path:
    """A multi-platform image: index.json → an image index whose linux/amd64 entry is `app` and linux/arm64
    entry `safe` (as `docker buildx` writes them, with an attestation manifest)."""
    shutil.copytree(layout, dest)
    index = json.loads((dest / "index.json").read_text())
    by_tag = {m["annotations"]["org.opencontainers.image.ref.name"]: m for m in index["manifests"]}
    nested = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
        {**by_tag["safe"], "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
        {**by_tag["app"], "platform": {"os": "unknown", "architecture": "unknown"}},
        {**by_tag["app"], "platform": {"os": "linux", "architecture": "amd64"}}]}
    for m in nested["manifests"]:
        m.pop("annotations", None)
    data = json.dumps(nested).encode()
    import hashlib
    digest = hashlib.sha256(data).hexdigest()
    (dest / "blobs/sha256" / digest).write_bytes(data)
    index["manifests"] = [{"mediaType": "application/vnd.oci.image.index.v1+json", "digest": f"sha256:{digest}",
                           "size": len(data), "annotations": {"org.opencontainers.image.ref.name": "multi"}}]
    (dest / "index.json").write_text(json.dumps(index))
    return dest


def test_multi_platform_index_reads_linux_amd64_by_default(built, tmp_path):
    from aispm.providers.artifacts.images.source import ImageSource
    dest = _nested_index(built.layout, tmp_path / "multi")
    result = _scan(dest)
    image = _image(result, "multi")
    assert image.properties["platform"] == "linux/amd64" and image.facts["root_access"] is True
    arm = scan([dest], ScanOptions(sources=[ImageSource(platform="linux/arm64")]))
    assert _image(arm, "multi").properties["platform"] == "linux/arm64/v8"
    assert _image(arm, "multi").facts["root_access"] is False
    none = scan([dest], ScanOptions(sources=[ImageSource(platform="windows/amd64")]))
    assert any("no windows/amd64 image" in e.message for e in none.errors)


def test_cyclonedx_has_the_image_as_a_container_and_its_libraries(built):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    from aispm.report import cyclonedx

    result = _scan(built.docker_tar)
    text = cyclonedx.render(result)
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    bom = json.loads(text)
    image = _image(result, "docker.io/example/app:1.0")
    comps = {c["bom-ref"]: c for c in bom["components"]}
    assert comps[image.uid]["type"] == "container"
    purls = {c.get("purl") for c in bom["components"] if c["type"] == "library"}
    assert {"pkg:pypi/requests@2.30.0", "pkg:npm/lodash@4.17.20", "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64"} <= purls
    assert not any("idna" in (p or "") for p in purls)
    deps = next(d for d in bom["dependencies"] if d["ref"] == image.uid)
    requests = next(a.uid for a in result.assets if a.name == "requests")
    assert requests in deps["dependsOn"]
    assert any(v["id"] == "PYSEC-2023-74" for v in bom["vulnerabilities"])
    assert built.key not in text


def test_whiteout_and_opaque_directory_in_a_docker_archive():
    """The fuzz seed (fixtures/seed-docker.tar, written by hand): layer 2 deletes requests' dist-info with a
    `.wh.` entry and makes /app opaque, so neither requests nor the npm package under /app is installed."""
    result = _scan(Path(__file__).parent / "fixtures/seed-docker.tar")
    assert not result.errors
    assert _libs(result) == {("Debian", "openssl", "3.0.11-1")}

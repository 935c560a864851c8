"""The code inside an image and the model files in its layers, read like a scanned folder's: a real image (umoci)
whose `/app/main.py` calls OpenAI with a hard-coded key and whose `/models/evil.pkl` would run a command when
loaded. The findings are located in the image (layer digest and in-image path), the image `contains` what was
found, nothing of the image is left on disk, and a model a later layer deleted is not reported."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

import pytest
from image_tools import need, run

from aispm.model import Status
from aispm.report import json as json_report
from aispm.scan import ScanOptions, scan

KEY = "sk-proj-" + hashlib.sha256(b"aispm code in image").hexdigest()[:40] + "T3BlbkFJ" + \
    hashlib.sha256(b"code in image, second half").hexdigest()[:40]
MAIN = f'''from openai import OpenAI

client = OpenAI(api_key="{KEY}")
reply = client.chat.completions.create(model="gpt-4o", messages=[{{"role": "user", "content": "hi"}}])
'''


class _RunsCommand:
    """Pickled (never unpickled here or by aispm), it names `os.system("id")`."""

    def __reduce__(self):
        return (os.system, ("id",))


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    need("umoci")
    need("skopeo")
    base = tmp_path_factory.mktemp("code-image")
    layout, bundle = base / "layout", base / "bundle"
    run("umoci", "init", "--layout", layout)
    run("umoci", "new", "--image", f"{layout}:app")
    run("umoci", "unpack", "--image", f"{layout}:app", bundle)
    root = bundle / "rootfs"
    (root / "app").mkdir()
    (root / "app/main.py").write_text(MAIN)
    (root / "app/requirements.txt").write_text("openai==1.30.0\n")
    os.symlink("/etc/passwd", root / "app/settings.py")  # never followed: not read
    (root / "models").mkdir()
    (root / "models/evil.pkl").write_bytes(pickle.dumps({"weights": [1.0], "payload": _RunsCommand()}, protocol=4))
    (root / "models/old.pkl").write_bytes(pickle.dumps({"payload": _RunsCommand()}, protocol=2))
    (root / "models/weights.bin").write_bytes(pickle.dumps({"w": [0.5] * 8}, protocol=2))  # a legacy torch.save
    (root / "usr/lib/firmware").mkdir(parents=True)
    (root / "usr/lib/firmware/gpu.bin").write_bytes(b"\x80\x02\xff" + os.urandom(4096))  # a .bin, not a model
    site = root / "usr/local/lib/python3.11/site-packages/somelib/tests"
    site.mkdir(parents=True)
    (site / "fixture.pkl").write_bytes(pickle.dumps({"payload": _RunsCommand()}))  # a library's test data
    (site / "test_x.py").write_text(f'KEY = "{KEY}"\n')  # not the application's code
    run("umoci", "repack", "--refresh-bundle", "--image", f"{layout}:app", bundle)
    (root / "models/old.pkl").unlink()  # layer 2: a whiteout for old.pkl
    run("umoci", "repack", "--refresh-bundle", "--image", f"{layout}:app", bundle)
    policy = base / "policy.json"
    policy.write_text('{"default":[{"type":"insecureAcceptAnything"}]}')
    docker_tar = base / "code-docker.tar"
    run("skopeo", "--policy", policy, "copy", f"oci:{layout}:app", f"docker-archive:{docker_tar}:example/code:1")
    return {"oci-layout": layout, "docker-archive": docker_tar}


def _scan(path: Path):
    return scan([path], ScanOptions(frameworks=("oci-image",)))


def _leftovers() -> set[str]:
    return {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("aispm-image-")}


@pytest.mark.parametrize("form", ["oci-layout", "docker-archive"])
def test_code_and_models_in_the_image_are_found_where_they_are(image, form):
    before = _leftovers()
    result = _scan(image[form])
    assert _leftovers() <= before  # the extracted application folder is gone
    assert not result.errors, result.errors
    img = next(a for a in result.assets if a.type == "oci-image")
    layer1 = img.properties["layers"][0]
    contained = {r.target for r in result.relations if r.source == img.uid and r.verb == "contains"}

    secret = next(a for a in result.assets if a.type == "secret" and a.properties.get("path") == "/app/main.py")
    assert secret.properties["layer"] == layer1 and secret.uid in contained
    assert secret.origin.file == image[form].name and secret.origin.line == 3
    se = next(f for f in result.findings if f.rule_id == "AISPM-SE-001" and f.asset_uid == secret.uid)
    assert se.status is Status.FAIL and f"/app/main.py@{layer1[:19]}" in se.address

    client = next(a for a in result.assets if a.type == "ai-client")
    assert client.properties["path"] == "/app/main.py" and client.uid in contained
    declared = next(a for a in result.assets if a.type == "library" and a.properties.get("path") == "/app/requirements.txt")
    assert declared.name == "openai" and declared.uid in contained

    models = {a.properties["path"]: a for a in result.assets if a.type == "machine-learning-model"}
    # old.pkl deleted by layer 2; site-packages test data passed over; the firmware .bin is not a model
    assert set(models) == {"/models/evil.pkl", "/models/weights.bin"}
    evil = models["/models/evil.pkl"]
    assert evil.uid in contained and evil.properties["layer"] == layer1
    assert evil.properties["sha256"] == hashlib.sha256(
        (image["oci-layout"].parent / "bundle/rootfs/models/evil.pkl").read_bytes()).hexdigest()
    art = next(f for f in result.findings if f.rule_id == "AISPM-ART-020" and f.asset_uid == evil.uid)
    assert art.status is Status.FAIL and f"/models/evil.pkl@{layer1[:19]}" in art.address

    assert not [a for a in result.assets if "site-packages" in str(a.properties.get("path", ""))
                and a.type != "library"]  # nothing from the library's tests
    assert not [a for a in result.assets if a.properties.get("path") == "/app/settings.py"]  # the symlink


def test_the_key_in_the_image_code_is_never_printed(image):
    text = json_report.render(_scan(image["docker-archive"]))
    assert KEY not in text and KEY[8:30] not in text
    assert "/app/main.py" in json.dumps(json.loads(text)["findings"])


DEPLOYMENT = f"""\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: llm, namespace: ai}}
spec:
  selector: {{matchLabels: {{app: llm}}}}
  template:
    metadata: {{labels: {{app: llm}}}}
    spec:
      containers:
      - name: server
        image: example/code:1
        command: ["vllm", "serve", "/models/weights.bin"]
        env:
        - name: OPENAI_API_KEY
          value: "{KEY}"
"""


def test_an_unsafe_model_inside_the_image_is_the_entry_of_an_attack_path(image, tmp_path):
    """Estate 10 with the model inside the image: the unsafe pickle in /models is loaded by the Kubernetes
    workload that runs the image (its `contains`), and that workload holds a provider key."""
    import shutil

    shutil.copy(image["docker-archive"], tmp_path / "code.tar")
    (tmp_path / "deploy.yaml").write_text(DEPLOYMENT)
    result = scan([tmp_path])
    evil = next(a for a in result.assets if a.type == "machine-learning-model"
                and a.properties["path"] == "/models/evil.pkl")
    workload = next(a for a in result.assets if a.type == "k8s:apps/Deployment")
    assert any(r.source == evil.uid and r.verb == "loaded_by" and r.target == workload.uid for r in result.relations)
    paths = [p for p in result.attack_paths if p.entry == evil.uid]
    assert paths and paths[0].entry_kind == "unsafe-model" and paths[0].status == "confirmed"

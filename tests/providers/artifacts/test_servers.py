"""One recognition of model servers for images and Kubernetes workloads (`artifacts/servers.py`).

Each test of a difference the image reader and the workload reader used to have reads the same
server both ways and asserts one answer.
"""

from __future__ import annotations

import pytest

from aispm.providers.artifacts import servers
from aispm.providers.artifacts.images.config import read_config
from aispm.providers.artifacts.kubernetes.workload import authentication, recognise


def _image(entrypoint: list[str], cmd: list[str] = (), env: dict[str, str] | None = None):
    props, _ = read_config({"config": {"Entrypoint": list(entrypoint), "Cmd": list(cmd),
                                       "Env": [f"{k}={v}" for k, v in (env or {}).items()]}})
    return props.get("model_server"), props.get("model_server_authentication")


def _pod(command: list[str], env: dict[str, str] | None = None, image: str = "example/app:1", **more):
    c = {"image": image, "command": list(command),
         "env": [{"name": k, "value": v} for k, v in (env or {}).items()], **more}
    server = recognise(c)
    return (server.name, authentication(server.name, c)[0]) if server else (None, None)


def _both(command: list[str], env: dict[str, str] | None = None):
    got_image, got_pod = _image(command, env=env), _pod(command, env)
    assert got_image == got_pod, (command, env, got_image, got_pod)
    return got_image


@pytest.mark.parametrize("command, want", [
    (["vllm", "serve", "/models/m"], ("vllm", False)),
    (["python3", "-m", "vllm.entrypoints.openai.api_server", "--api-key", "k"], ("vllm", True)),
    (["/bin/ollama", "serve"], ("ollama", False)),
    (["text-generation-launcher", "--model-id", "m"], ("tgi", False)),
    (["text-generation-router", "--port", "80"], ("tgi", False)),
    (["tritonserver", "--model-repository", "/m"], ("triton", False)),
    (["torchserve", "--start", "--disable-token-auth"], ("torchserve", False)),
    (["torchserve", "--start"], ("torchserve", None)),
    (["serve", "run", "app:deployment"], ("ray-serve", False)),
    (["/llama.cpp/build/bin/server", "-m", "/m.gguf"], ("llama.cpp", False)),
    (["python", "-m", "llama_cpp.server", "--api-key", "k"], ("llama.cpp", True)),
    (["llama-server", "-m", "/m.gguf"], ("llama.cpp", False)),
    (["litellm", "--config", "/c.yaml"], ("litellm", None)),
    (["npx", "-y", "@modelcontextprotocol/server-filesystem", "/data"], ("mcp", None)),
    (["python", "-m", "my_mcp_server"], ("mcp", None)),
    (["fastmcp", "run", "server.py"], ("mcp", None)),
    (["python", "app.py"], (None, None)),
])
def test_an_image_and_a_pod_running_the_same_command_are_judged_alike(command, want) -> None:
    assert _both(command) == want


def test_litellm_without_a_master_key_or_a_config_file_is_open_in_an_image_too() -> None:
    # images said unknown whatever the command; the command shows no place for a key
    assert _both(["litellm", "--port", "4000"]) == ("litellm", False)
    assert _both(["litellm", "--port", "4000"], {"LITELLM_MASTER_KEY": "x"}) == ("litellm", True)
    assert _both(["litellm"], {"CONFIG_FILE_PATH": "/c.yaml"}) == ("litellm", None)


def test_the_shells_own_dash_c_is_not_litellms_config_flag() -> None:
    # pods read `sh -c` as `litellm -c` (a config file): unknown; the script has no config
    assert _both(["sh", "-c", "litellm --port 4000"]) == ("litellm", False)
    assert _both(["sh", "-c", "litellm -c /c.yaml"]) == ("litellm", None)


def test_tgi_reads_its_key_from_api_key_in_an_image_too() -> None:
    # the TGI launcher reads every flag from its variable; images ignored API_KEY
    assert _both(["text-generation-launcher"], {"API_KEY": "k"}) == ("tgi", True)


def test_torchserve_token_auth_disabled_by_its_variable_in_an_image_too() -> None:
    assert _both(["torchserve", "--start"], {"TS_DISABLE_TOKEN_AUTHORIZATION": "true"}) == ("torchserve", False)


def test_triton_is_authenticated_only_when_inference_is_restricted() -> None:
    # images said true for any restricted API, pods unknown: restricting model-repository leaves inference open
    assert _both(["tritonserver", "--http-restricted-api=inference,model-repository:key=v"]) == ("triton", True)
    assert _both(["tritonserver", "--http-restricted-api", "model-repository:key=v"]) == ("triton", None)
    assert _both(["tritonserver", "--grpc-restricted-protocol=shared-memory:key=v"]) == ("triton", None)


def test_a_word_naming_a_server_is_not_that_server() -> None:
    # images took any `ollama` word for the server
    assert _both(["python", "app.py", "--backend", "ollama"]) == (None, None)


def test_env_from_makes_an_open_server_unknown_in_a_pod_only() -> None:
    c = {"image": "vllm/vllm-openai:latest", "envFrom": [{"secretRef": {"name": "keys"}}]}
    assert authentication("vllm", c)[0] is None
    assert _image(["vllm", "serve"]) == ("vllm", False)  # an image's Env is read whole
    assert servers.authentication("ollama", [], set(), env_opaque=True)[0] is False  # no key could help
    assert servers.authentication("vllm", [], {"VLLM_API_KEY"}, env_opaque=True)[0] is True


def test_one_spelling_of_each_server_for_both_facts() -> None:
    assert _image(["litellm"])[0] == _pod(["litellm"])[0] == "litellm"
    assert _image(["npx", "@modelcontextprotocol/server-git"])[0] == "mcp"


def test_a_pod_is_also_recognised_by_its_image_an_image_config_by_its_command_only() -> None:
    assert servers.recognise("ghcr.io/huggingface/text-generation-inference:2.4", []).name == "tgi"
    assert servers.recognise("", ["python", "app.py"]) is None
    assert servers.recognise("ghcr.io/ggerganov/llama.cpp:light", []) is None


def test_every_server_has_a_title_and_the_table_names_are_unique() -> None:
    names = [s.name for s in servers.SERVERS]
    assert len(names) == len(set(names))
    assert all(servers.title(n) != n for n in names)
    assert servers.BY_NAME["ollama"].ports == (11434,) and "VLLM_API_KEY" in servers.BY_NAME["vllm"].key_env


def test_a_hostile_command_line_is_bounded() -> None:
    long = ["x"] * 100_000 + ["vllm", "serve"]
    assert servers.recognise("", long) is None  # past the words read
    assert servers.recognise("", ["sh", "-c", "a " * 100_000 + "vllm serve"]) is None
    assert servers.words(["sh", "-c", "vllm 'serve"]) == ["sh", "-c", "vllm 'serve"]  # unbalanced: left whole

"""Rules on model files (AISPM-ART-020…024): what a model file would do when it is loaded.

Facts come from `aispm.providers.artifacts.models.source.model_facts` (the model-file source and
model files found in images). A rule applies only to files that can have its fact: pickle
imports to pickle-based formats, Lambda layers to Keras, chat templates to GGUF files that carry
one. The reference product's counterpart is Defender for Cloud's AI model security (model scans
that find "serialization-exploit vulnerabilities / malware", alert `AI.AIModelScan_MalwareDetected`),
which covers Azure ML registries only; these rules judge any model file aispm reads.
"""

from __future__ import annotations

import textwrap

from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Change, Fix, Rule
from aispm.compliance import controls

MODEL = "machine-learning-model"
_DEFENDER_MODEL = "Security findings should be resolved on AI models within Azure Machine Learning resources (Preview)"
_MODEL_SECURITY = "https://learn.microsoft.com/azure/defender-for-cloud/ai-model-security"
_PICKLE_DOC = "https://docs.python.org/3/library/pickle.html"
_TORCH_LOAD = "https://pytorch.org/docs/stable/generated/torch.load.html"
_SAFETENSORS = "https://huggingface.co/docs/safetensors/index"
_KERAS_SAFE = "https://keras.io/api/models/model_saving_apis/model_saving_and_loading/"


def _empty(name: str):
    def check(facts: dict) -> bool | None:
        v = facts.get(name)
        return None if v is None else not v

    return check


def _has(name: str):
    return lambda facts: name in facts


def _code(text: str, target: str = "", note: str = "") -> Change:
    return Change("code", textwrap.dedent(text).strip("\n"), target=target, note=note)


_CONVERT = _code("""
    # In a clean, isolated environment, for a model you trust: load once, save the weights as safetensors.
    import torch
    from safetensors.torch import save_file

    state = torch.load("model.pt", map_location="cpu", weights_only=True)  # refuses any non-tensor import
    save_file(state, "model.safetensors")
    """, target="convert.py", note="weights_only=True raises instead of importing anything outside PyTorch's allow-list.")

RULES = [
    Rule(
        id="AISPM-ART-020",
        title="Model files should not import code that runs commands, opens files or sockets, or evaluates code",
        severity=Severity.CRITICAL,
        pillar=Pillar.SUPPLY_CHAIN,
        scope="Pickle-based model files (pickle, PyTorch, joblib, dill, NumPy object arrays), nested pickles included.",
        resource_types=(MODEL,),
        facts=("unsafe_imports",),
        check=_empty("unsafe_imports"),
        applies=_has("unsafe_imports"),
        provider="artifacts",
        risk="Loading a pickle imports and calls whatever it names: a model file that imports `os.system`, "
        "`subprocess`, `builtins.eval`/`exec`, `socket` or `runpy` runs that code with the loader's rights the "
        "moment `pickle.load`, `torch.load`, `joblib.load` or `numpy.load(allow_pickle=True)` reads it, on the "
        "laptop, the training job or the serving container (embedded malware; Defender alert "
        "`AI.AIModelScan_MalwareDetected`).",
        remediation="Do not load the file. Replace it with the publisher's safetensors or ONNX version, or re-export "
        "it from a trusted source; load pickles only with `torch.load(weights_only=True)`.",
        references=References(
            defender=_DEFENDER_MODEL,
            urls=(_MODEL_SECURITY, _PICKLE_DOC, _TORCH_LOAD),
            compliance=controls("LLM03 ASI04 AML.T0010.003 AML.T0011.000 A.10.3 "
                                "GAI:value-chain-and-component-integration LLM04 ASI05 AML.T0018.002"),
        ),
        fix=Fix(
            steps=(
                "Quarantine the file: do not load it anywhere, and find where it came from (the finding's path, the "
                "image layer) and who else downloaded it.",
                "Get the model as safetensors (or ONNX) from its publisher, or re-create it from its training code; "
                "check the new file's SHA-256 against the publisher's.",
                "Where a pickle must still be read, load it with `torch.load(..., weights_only=True)` so that any "
                "import outside PyTorch's allow-list raises instead of running.",
            ),
            changes=(_code("""
                from safetensors.torch import load_file

                state = load_file("model.safetensors")  # tensors only: nothing is imported or called
                model.load_state_dict(state)
                """, target="load.py"),),
        ),
    ),
    Rule(
        id="AISPM-ART-021",
        title="Model files should import only known tensor and array rebuild functions",
        severity=Severity.MEDIUM,
        pillar=Pillar.SUPPLY_CHAIN,
        scope="Pickle-based model files.",
        resource_types=(MODEL,),
        facts=("suspicious_imports",),
        check=_empty("suspicious_imports"),
        applies=_has("suspicious_imports"),
        provider="artifacts",
        risk="A pickle that imports a callable outside the rebuild functions of PyTorch and NumPy (a custom class, "
        "a scikit-learn estimator, a helper of an unknown package) runs that code on load: it may be harmless, "
        "but its safety depends on every version of that package installed where the file is loaded, and it is "
        "how payloads evade block lists.",
        remediation="Save the weights alone (a state dict as safetensors) and rebuild the object from code; for "
        "scikit-learn, use skops with an explicit list of trusted types.",
        references=References(
            urls=(_PICKLE_DOC, _TORCH_LOAD, "https://skops.readthedocs.io/en/stable/persistence.html"),
            compliance=controls("LLM03 ASI04 AML.T0010.003 AML.T0011.000 A.10.3 "
                                "GAI:value-chain-and-component-integration"),
        ),
        fix=Fix(
            steps=(
                "Check each import the finding lists: which package provides it, and whether the model needs it.",
                "Save only the weights (`model.state_dict()`) as safetensors and construct the model class in code "
                "when loading; for scikit-learn models, save with skops and load with the trusted types listed.",
            ),
            changes=(_CONVERT,),
        ),
    ),
    Rule(
        id="AISPM-ART-022",
        title="Keras models should not contain Lambda layers",
        severity=Severity.HIGH,
        pillar=Pillar.SUPPLY_CHAIN,
        scope="Keras models (`.keras`, `.h5`).",
        resource_types=(MODEL,),
        facts=("lambda_layers",),
        check=_empty("lambda_layers"),
        applies=_has("lambda_layers"),
        provider="artifacts",
        risk="A Keras `Lambda` layer stores its function as Python bytecode, which Keras 2 and `safe_mode=False` "
        "deserialise and run when the model is loaded or called (CVE-2024-3660): a model file with one can "
        "execute arbitrary code.",
        remediation="Replace Lambda layers with built-in layers or a registered custom layer class whose code is "
        "in your package, and load models with `safe_mode=True` (the Keras 3 default).",
        references=References(
            urls=(_KERAS_SAFE, "https://nvd.nist.gov/vuln/detail/CVE-2024-3660"),
            compliance=controls("LLM03 ASI04 AML.T0010.003 AML.T0011.000 A.10.3 "
                                "GAI:value-chain-and-component-integration AML.T0018.002"),
        ),
        fix=Fix(
            steps=(
                "Rewrite each Lambda layer the finding names as a built-in layer or a subclass of "
                "`keras.layers.Layer` registered with `@keras.saving.register_keras_serializable()`, and save the "
                "model again.",
                "Load Keras models with `safe_mode=True` (the default of Keras 3) so that a Lambda layer in a file "
                "raises instead of running.",
            ),
            changes=(_code("""
                import keras

                @keras.saving.register_keras_serializable(package="app")
                class Scale(keras.layers.Layer):  # was: keras.layers.Lambda(lambda x: x * 2.0)
                    def call(self, x):
                        return x * 2.0

                model = keras.models.load_model("model.keras", safe_mode=True)
                """, target="layers.py"),),
        ),
    ),
    Rule(
        id="AISPM-ART-023",
        title="GGUF chat templates should not contain code",
        severity=Severity.HIGH,
        pillar=Pillar.SUPPLY_CHAIN,
        scope="GGUF model files that carry a chat template.",
        resource_types=(MODEL,),
        facts=("chat_template_code",),
        check=_empty("chat_template_code"),
        applies=_has("chat_template_code"),
        provider="artifacts",
        risk="A GGUF file's `tokenizer.chat_template` is Jinja that the serving stack renders on every request: a "
        "template that reaches `__class__`/`__globals__`, imports or calls `.system(` is a server-side template "
        "injection shipped inside the model (CVE-2024-34359 in llama-cpp-python), running on the inference server.",
        remediation="Use a model file whose chat template only formats messages, or override the template in the "
        "server's configuration; render templates in a sandboxed Jinja environment.",
        references=References(
            urls=("https://nvd.nist.gov/vuln/detail/CVE-2024-34359",
                  "https://jinja.palletsprojects.com/en/stable/sandbox/"),
            compliance=controls("LLM03 ASI04 AML.T0011.000 A.10.3 GAI:value-chain-and-component-integration"),
        ),
        fix=Fix(
            steps=(
                "Do not serve the file as it is; compare its chat template with the model publisher's.",
                "Set the template in the server instead (llama.cpp `--chat-template-file`, vLLM `--chat-template`), "
                "and make sure the server renders templates in `jinja2.sandbox.ImmutableSandboxedEnvironment`.",
            ),
            changes=(Change("cli", "llama-server -m model.gguf --jinja --chat-template-file ./chatml.jinja",
                            note="The file's own template is ignored."),),
        ),
    ),
    Rule(
        id="AISPM-ART-024",
        title="Model weights should be stored in a format that cannot run code (safetensors, ONNX, GGUF)",
        severity=Severity.LOW,
        pillar=Pillar.SUPPLY_CHAIN,
        scope="Every model file.",
        resource_types=(MODEL,),
        facts=("pickle_based",),
        check=lambda facts: None if facts.get("pickle_based") is None else facts["pickle_based"] is False,
        applies=_has("pickle_based"),
        provider="artifacts",
        risk="A pickle-based model file (PyTorch `.pt`/`.bin`, `.pkl`, joblib, dill, NumPy object arrays) is a "
        "program: whoever can replace it can run code wherever it is loaded, and a scanner can only judge the "
        "imports it recognises. Safetensors, ONNX and GGUF hold data only.",
        remediation="Convert the weights to safetensors (or ONNX, GGUF) and load those; keep pickles out of "
        "images and model registries.",
        references=References(urls=(_SAFETENSORS, _TORCH_LOAD),
                              compliance=controls("LLM03 ASI04 AML.T0010.003 AML.T0011.000 A.10.3 "
                                                  "GAI:value-chain-and-component-integration")),
        fix=Fix(
            steps=(
                "In an isolated environment, load the trusted model once with `torch.load(weights_only=True)` and "
                "save its state dict with `safetensors.torch.save_file`.",
                "Ship and load the `.safetensors` file instead; delete the pickle from the repository, image and "
                "registry.",
            ),
            changes=(_CONVERT,),
        ),
    ),
]

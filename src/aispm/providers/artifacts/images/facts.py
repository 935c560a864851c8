"""Facts of an `oci-image` asset, from the properties the image source read from its config (once, here).

| fact | value |
|---|---|
| `root_access` | the container runs as root: `User` empty, `root`, `0`, or `root:`/`0:` with any group |
| `env_credentials` | the config's `Env` holds a credential (a known key shape, or a literal under a credential name) |
| `model_server` | the model server the entrypoint/command runs (`vllm`, `ollama`, ...), absent when none |
| `model_server_authentication` | that server asks its callers to authenticate, per its command (`images/config.py`); None when the command does not say |
| `exposed_ports` | the ports the image declares (`EXPOSE`) |
| `cuda_version`, `cudnn_version`, `nvidia_driver_version`, `cuda_requirement` | the GPU stack the image ships or asks for (`cuda.py`: version files, packages, `ENV`), absent when none |

A numeric `User` other than 0 (`1000`, `1000:1000`) is not root; a user name other than `root` is taken as not
root (the image's `/etc/passwd` is not read, so a user named `admin` with uid 0 would be missed).
"""

from __future__ import annotations

from aispm.model import Asset


def derive(asset: Asset) -> None:
    if asset.type != "oci-image":
        return
    p = asset.properties
    user = p.get("user")
    if isinstance(user, str):
        who = user.split(":", 1)[0].strip()
        asset.set_fact("root_access", who in ("", "root", "0"), "config.User", raw=user or "(empty: root)")
    creds = p.get("env_credentials")
    if isinstance(creds, list):
        asset.set_fact("env_credentials", bool(creds), "config.Env", raw=creds or None,
                       note="variable names only; values are redacted secret assets" if creds else None)
    server = p.get("model_server")
    if isinstance(server, str):
        asset.set_fact("model_server", server, "config.Entrypoint+Cmd", raw=server)
        auth = p.get("model_server_authentication")
        asset.set_fact("model_server_authentication", auth if isinstance(auth, bool) else None,
                       "config.Entrypoint+Cmd", raw=auth,
                       note=None if isinstance(auth, bool) else "the command does not say")
    cuda = p.get("cuda")
    if isinstance(cuda, dict):
        for name, found in sorted(cuda.items()):
            if isinstance(found, dict) and isinstance(found.get("version"), str):
                asset.set_fact(name, found["version"], f"cuda.{name}", raw=found.get("from"))
    ports = p.get("exposed_ports")
    if isinstance(ports, list):
        asset.set_fact("exposed_ports", list(ports), "config.ExposedPorts", raw=ports)

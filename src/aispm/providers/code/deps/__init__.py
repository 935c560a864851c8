"""Dependency manifests and lock files: the Python source (`python`, with `requirements`,
`python_manifests`, `python_locks`) and the npm source (`node`), over what both share (`common`,
`documents`). Files are read as written; no registry or index is queried."""

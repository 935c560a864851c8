"""Artifacts: container images, model files and Kubernetes workloads (placeholder).

What really ships: libraries installed in an image's layers, model files judged by their
opcodes (never loaded), and the workloads that run them. Sources are added here, in this
package only (`docs/contributing.md`).
"""

from __future__ import annotations

from aispm.registry import Provider

PROVIDER = Provider(name="artifacts", title="Container images and model files")

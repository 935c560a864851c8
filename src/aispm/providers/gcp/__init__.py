"""Google Cloud: Vertex AI and what it runs on (skeleton).

Shape: the Cloud Asset Inventory asset (`aiplatform.googleapis.com/Endpoint` with the REST
representation as properties), whether declared in Terraform `google`/`google-beta` or read from
the live inventory. Sources, mapping rows, facts, linkers and rules are added here, in this
package only (`docs/contributing.md`).
"""

from __future__ import annotations

from aispm.registry import Provider

PROVIDER = Provider(name="gcp", title="Google Cloud", vendor="Google Cloud")

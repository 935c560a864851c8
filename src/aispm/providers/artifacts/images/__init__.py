"""Container images: `docker save` archives and OCI image layouts, read without a container engine.

`source` (the `oci-image` source) finds the images (`archive`), streams their layers safely (`layers`),
reads the package managers' records (`packages`) and the image config (`config`); `facts` derives the
image's facts and `rules` judges them (AISPM-ART-001…019).
"""

from __future__ import annotations

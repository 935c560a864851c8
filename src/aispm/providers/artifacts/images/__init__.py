"""Container images: `docker save` archives and OCI image layouts, read without a container engine.

`source` (the `oci-image` source) finds the images (`archive`), streams their layers safely (`layers`),
reads the package managers' records (`packages`), the image config (`config`), and the model files and
application code in the layers (`contents`); `facts` derives the
image's facts and `rules` judges them (AISPM-ART-001…019).
"""

from __future__ import annotations

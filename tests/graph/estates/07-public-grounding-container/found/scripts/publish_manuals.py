"""Upload the manuals and service bulletins that the support copilot is grounded on."""

import sys
from pathlib import Path

from azure.identity import DefaultAzureCredential
from azure.storage.blob import BlobServiceClient

service = BlobServiceClient("https://stsupportkb.blob.core.windows.net", credential=DefaultAzureCredential())
container = service.get_container_client("manuals")

for name in sys.argv[1:]:
    with open(name, "rb") as data:
        container.upload_blob(Path(name).name, data, overwrite=True)

"""Nightly export of closed case files into the grounding container (runs in the firm's DMS job server)."""

import os
import sys
from pathlib import Path

from azure.storage.blob import BlobServiceClient

service = BlobServiceClient.from_connection_string(os.environ["CASES_STORAGE_CONNECTION_STRING"])
container = service.get_container_client("casefiles")

for name in sys.argv[1:]:
    with open(name, "rb") as data:
        container.upload_blob(Path(name).name, data, overwrite=True)

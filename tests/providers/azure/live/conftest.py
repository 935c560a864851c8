"""The `azure_server` fixture: the local Azure of `fake_azure_api.py` (a uniquely named module, so
the tests import its estate without meeting another folder's `conftest`)."""

from fake_azure_api import azure_server  # noqa: F401
from fake_dataverse import dataverse  # noqa: F401,E402

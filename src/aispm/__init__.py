"""aispm: AI security posture management, from code to cloud.

The library API is `scan(targets, options) -> ScanResult`; the CLI is a thin
shell around it.
"""

__version__ = "0.1.0"

from aispm.scan import ScanOptions, scan  # noqa: E402

__all__ = ["ScanOptions", "scan", "__version__"]

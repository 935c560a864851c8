"""Vulnerable libraries: the OSV advisory database, matching, updates and findings.

    from aispm.advisories import match, vulnerability_findings, update, status

- `load_database()` / `default_database()`: the bundled PyPI snapshot (PyPA advisory
  database, CC BY 4.0, see NOTICE) or the user's newer cache copy from `aispm db update`.
- `match(ecosystem, name, version=None, version_range=None)` → `[Match]` (certain/possible).
- `vulnerability_findings(assets)` → `[Finding]` for `library` assets.
- `update(...)`, `status(...)`, `stale_warnings(...)`: refresh from OSV and report age.
- `data_record()`: what a scan report records about the advisory data used (`advisory_data`).
"""

from .db import Advisory, Affected, Database, Range, default_database, default_cache_dir, load_database
from .findings import vulnerability_findings
from .match import CERTAIN, POSSIBLE, Match, Matcher, match
from .update import OfflineError, UpdateError, data_record, stale_warnings, status, update

__all__ = [
    "Advisory", "Affected", "Database", "Range", "default_database", "default_cache_dir", "load_database",
    "vulnerability_findings", "CERTAIN", "POSSIBLE", "Match", "Matcher", "match",
    "OfflineError", "UpdateError", "data_record", "stale_warnings", "status", "update",
]

"""Write the OCSF JSON Schemas the OCSF report is validated against (`tests/report/ocsf/`).

    pip install ocsf-json-schema==1.2.0      # not a dependency of aispm: only this script uses it
    python scripts/ocsf_schema.py            # (re)write tests/report/ocsf/*.schema.json

The schemas are generated, never written by hand: `ocsf-json-schema` (MIT, by Neil Smith) turns the
official OCSF schema export it packages (schema.ocsf.io's export of the ocsf/ocsf-schema repository,
Apache-2.0) into JSON Schema draft 2020-12 for one event class, with every object it uses embedded.
aispm writes OCSF `VERSION`: Compliance Finding (2003) for rule findings and Vulnerability Finding
(2002) for vulnerable libraries, without profiles. Attribution is in NOTICE.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

VERSION = "1.8.0"
CLASSES = {2003: "compliance_finding", 2002: "vulnerability_finding"}
OUT = Path(__file__).resolve().parents[1] / "tests" / "report" / "ocsf"


def main() -> int:
    try:
        from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema
    except ImportError:
        print("pip install ocsf-json-schema==1.2.0 first", file=sys.stderr)
        return 1
    schema = OcsfJsonSchemaEmbedded(get_ocsf_schema(version=VERSION))
    OUT.mkdir(parents=True, exist_ok=True)
    for uid, name in CLASSES.items():
        assert schema.lookup_class_name_from_uid(class_uid=uid) == name, (uid, name)
        doc = schema.get_class_schema(class_name=name, profiles=[])
        path = OUT / f"{name}-{VERSION}.schema.json"
        path.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

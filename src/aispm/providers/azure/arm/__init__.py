"""ARM templates: the source (`source`) and what it is built from.

`document` (JSON with comments and object lines), `files` (template and parameters-file
detection), `expressions` (the `[...]` expression parser), `evaluate` (evaluation and
resource bodies), `loops` (`copy`), `collect` (phase 1: instances), `deployments` (nested
and linked templates), `state` (what a file declares), and `functions/` (the ARM function
library, shared with Bicep). Nothing here runs or fetches anything; it only reads files.
"""

"""Triage: what a team decides about findings, kept apart from what the scan finds.

A config file (`.aispm.yaml`: `config`), suppressions (inline comments and a suppression file:
`suppress`), baselines (a previous JSON report: `baseline`) and the comparison of two reports
(`diff`). None of it changes how assets are read or rules judge; it changes which findings are
run, shown, counted for the exit code, or set aside with a reason. Every decision that does not
apply (a suppression without a reason, an expired one, one that matched nothing) is a warning
that names where it was written, never silently dropped. `cli` is the glue to the `aispm`
command (config file as option defaults, the triage options, exit codes).
"""

"""Shared readers for text found in scanned inputs: JSON with comments, YAML with lines, TOML, URLs,
references, secrets — and what keeps them safe on hostile input: nesting depth checked before a
recursive parser or walker sees it (`depth`), YAML composed from the event stream within the depth
and alias budgets (`yaml_safe`), TOML refused past the depth budget (`toml_safe`), bytes decoded by
their byte order mark and input quoted as a short token only (`text`)."""

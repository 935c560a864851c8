"""Bicep: the source (`source`) and what it is built from.

Parsing: `lexer`, `cursor`, `parser` (declarations), `parse_expressions`, `parse_types`,
into the tree of `syntax`. Evaluation: `template` (one program's symbols) made of
`evaluate`, `operators`, `calls`, `resources`, `modules` and `emit`, over the values of
`instances`; `params` (parameter files) and `loader` (parse cache and file access inside
the target). ARM functions come from `arm.functions`. Nothing is run or fetched.
"""

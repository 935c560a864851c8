"""The last stage of a scan: nothing secret, and nothing unprintable, leaves it.

Sources redact the secrets they recognise, but a report carries far more text than any source
looked at: raw properties (a key in a resource tag, a Foundry connection's `credentials`), the
name of the variable that held a secret (itself sometimes a secret), error messages that quote
an input line (`openai==sk-proj-…`), attack-path titles built from names. So every string that
reaches any output — assets, relations, findings, errors, warnings, attack paths, and therefore
JSON, SARIF, CycloneDX, HTML, the table, graph exports and stderr — passes this one layer:

- **secret by name**: the value of a key that names a secret (`key`, `password`, `credentials`,
  `connectionString`, `AccountKey`, ...; not a pointer to one such as `keyVaultUri`, `keyName`)
  is redacted whatever it looks like, and so is everything under such a key;
- **secret by position**: in a list of input data, the word after a credential flag of a command
  line (`--api-key X`, `--master_key=X`) is redacted whatever it looks like;
- **secret by shape**: every other string goes through the secret detector
  (`aispm.formats.secrets`), and each value it finds is replaced by its redacted form
  (`sk-p…3f`), as are `AccountKey=...;` pairs of connection strings;
- **printable**: lone surrogates (from file names that are not UTF-8) become `\\udcXX`
  escapes, and integers no JSON reader can hold become strings, so no output encoder fails
  after the whole scan ran.

The same function is applied to every occurrence of a string, so a uid that had to change still
joins its relations. Results are cached per string: a report repeats the same strings often.
"""

from __future__ import annotations

import re
from typing import Any

from aispm.formats.secrets import find_secrets, redact, scrub_command, secret_name
from aispm.model import ScanResult, Unknown

_CONN_PAIR = re.compile(r"(?i)\b(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|sig|ClientSecret)"
                        r"=([^;&\s\"']{4,})")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: What each name of `_CONN_PAIR` ends with, followed by its `=`, in lower case.
_CONN_ENDS = ("key=", "signature=", "password=", "pwd=", "sig=", "secret=")


def _conn_pair_possible(text: str) -> bool:
    """Whether `_CONN_PAIR` can match: one of its names ends right before an `=`. A case-blind regex
    with a word boundary tried at every position cost a fifth of this stage (every finding message
    has an `=`); six substring tests on the case-folded text cost a quarter of that. Case-folded,
    with the dotless `ı` as `i` and the dot of `İ` dropped, every letter a case-blind `re` takes for
    a letter of the names (the long `ſ` for `s`, the Kelvin sign for `k`) becomes that letter (checked
    over all of Unicode), so this never says no where the regex matches."""
    low = text.casefold().replace("\u0131", "i").replace("\u0307", "")
    return any(end in low for end in _CONN_ENDS)


_JSON_INT = 2**63  # beyond ±2^63 a JSON encoder (orjson) refuses an int, and most readers lose it


class Sanitizer:
    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def text(self, s: str) -> str:
        """A string with the secrets it contains redacted and surrogates escaped."""
        out = self._cache.get(s)
        if out is not None:
            return out
        out = s
        if len(s) >= 8:
            hits = find_secrets(s)
            if hits:
                parts, pos = [], 0
                for h in sorted(hits, key=lambda h: h.offset):
                    if h.end <= h.offset or h.offset < pos:
                        continue
                    parts.append(s[pos:h.offset])
                    parts.append(h.redacted)
                    pos = h.end
                parts.append(s[pos:])
                out = "".join(parts)
            if "=" in out and _conn_pair_possible(out):
                out = _CONN_PAIR.sub(lambda m: f"{m.group(1)}={redact(m.group(2))}", out)
        if not out.isascii() and _SURROGATE.search(out):  # `isascii` reads a flag: most strings skip the search
            out = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
        self._cache[s] = out
        return out

    def secret(self, value: Any) -> Any:
        """A value held under a secret's name: every string in it redacted, whatever it looks like."""
        if isinstance(value, str):
            return redact(value) if value else value
        if isinstance(value, dict):
            return {self.text(str(k)): self.secret(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.secret(v) for v in value]
        return self.value(value)

    def value(self, value: Any, by_name: bool = False) -> Any:
        """Any value of a report. `by_name`: it is input data (properties), where a key that names
        a secret hides its value; off for our own maps (facts, evidence), keyed by fact names
        such as `customer_managed_key` that name no secret."""
        t = type(value)  # exact types first: this runs for every value of a report
        if t is str:
            out = self._cache.get(value)
            return out if out is not None else self.text(value)
        if t is bool or value is None or t is float:
            return value
        if t is dict:
            return self._dict(value, by_name)
        if t is list or t is tuple:
            out = [self.value(v, by_name) for v in value]
            # input data: a command line kept as a list (`args: [--api-key, X]`) hides a key of any shape
            return scrub_command(out) if by_name and len(out) > 1 else out
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, (bool, float)):
            return value
        if isinstance(value, int):
            return value if -_JSON_INT < value < _JSON_INT else str(value)
        if isinstance(value, Unknown):
            text = self.text(value.reason)
            return value if text == value.reason else Unknown(text)
        if isinstance(value, dict):
            return self._dict(value, by_name)
        if isinstance(value, (list, tuple)):  # subclasses (a YAML reader's sequences)
            out = [self.value(v, by_name) for v in value]
            return scrub_command(out) if by_name and len(out) > 1 else out
        if isinstance(value, (set, frozenset)):
            return [self.value(v, by_name) for v in value]
        return self.text(str(value))

    def properties(self, value: Any) -> Any:
        """Input data: secret by name and by shape."""
        return self.value(value, by_name=True)

    def evidence(self, ev: dict) -> dict:
        """A finding's evidence (`{fact: {value, path, raw, note}}`): `raw` is input data."""
        out = {}
        for fact, item in ev.items():
            if isinstance(item, dict):
                out[fact] = {k: (self.properties(v) if k == "raw" else self.value(v)) for k, v in item.items()}
            else:
                out[fact] = self.value(item)
        return out

    def _dict(self, d: dict, by_name: bool) -> dict:
        out: dict = {}
        pair = _pair_fields(d) if by_name else None
        named = pair is not None and secret_name(d[pair[0]])
        cache = self._cache
        for k, v in d.items():
            if type(k) is str:
                key = cache.get(k)
                if key is None:
                    key = self.text(k)
            else:
                key = self.text(k) if isinstance(k, str) else k
            if pair is not None:  # `{"Key": "Environment", "Value": ...}`: the name field names, it is no secret
                secret = named and k in pair[1]
            else:
                secret = by_name and secret_name(k)
            if secret and isinstance(v, (str, dict, list, tuple)):
                out[key] = self.secret(v)
            else:
                out[key] = self.value(v, by_name)
        return out


#: Name fields and value fields of name/value pairs: app settings and environment lists
#: (`{"name": "OPENAI_API_KEY", "value": ...}`), tags (`{"Key": "Environment", "Value": "prod"}`).
_NAME_FIELDS = ("name", "Name", "key", "Key")
_VALUE_FIELDS = ("value", "Value", "secretValue")


def _pair_fields(d: dict) -> tuple[str, tuple[str, ...]] | None:
    """(name field, value fields) when `d` is a name/value pair: its name field holds a string and
    it has a value field, and a few other fields at most (`slotSetting`, `secretRef`...). Then the name field's *value* says
    whether the value is a secret (`{"Key": "api_key", "Value": ...}` is; `{"Key": "Environment"}`
    is not), and the name field itself is never redacted for being called `Key`."""
    if len(d) > 6:
        return None
    for n in _NAME_FIELDS:
        if isinstance(d.get(n), str):
            values = tuple(v for v in _VALUE_FIELDS if v in d)
            if values:
                return n, values
    return None


def sanitize(result: ScanResult) -> Sanitizer:
    """Redact and make printable every string of `result`, in place (module doc). Returns the
    sanitizer, whose cache `sanitize_graph` may reuse."""
    s = Sanitizer()
    for a in result.assets:
        a.uid = s.text(a.uid)
        if isinstance(a.name, str):
            a.name = s.text(a.name)
        elif isinstance(a.name, Unknown):
            a.name = s.value(a.name)
        if a.parent is not None:
            a.parent = s.text(a.parent)
        a.origin = type(a.origin)(s.text(a.origin.file), a.origin.line, s.text(a.origin.address), a.origin.end_line,
                                  a.origin.format)
        a.properties = s.properties(a.properties)
        a.facts = s.value(a.facts)
        for ev in a.evidence.values():
            ev.path = s.text(ev.path)
            ev.value = s.properties(ev.value)
            if ev.note:
                ev.note = s.text(ev.note)
    result.relations = [type(r)(s.text(r.source), r.verb, s.text(r.target),
                                tuple((k, s.properties(v)) for k, v in r.properties)) for r in result.relations]
    for f in result.findings:
        f.asset_uid = s.text(f.asset_uid)
        f.evidence = s.evidence(f.evidence)
        f.message = s.text(f.message)
        if f.file:
            f.file = s.text(f.file)
        if f.address:
            f.address = s.text(f.address)
        if f.suppressed_reason:
            f.suppressed_reason = s.text(f.suppressed_reason)
    result.warnings = [s.text(w) for w in result.warnings]
    _graph_and_errors(s, result, 0)
    result.targets = [s.text(t) for t in result.targets]
    result.gaps = [type(g)(s.text(g.scope), s.text(g.service), s.text(g.operation), s.text(g.reason))
                   for g in result.gaps]
    result.provenance = [s.properties(p) for p in result.provenance]
    return s


def sanitize_graph(result: ScanResult, errors_at: int = 0, sanitizer: Sanitizer | None = None) -> None:
    """Redact what the security graph adds (attack paths, choke points) and the errors from
    `errors_at` on, in place: for a graph searched beside `sanitize` (`aispm.scan`). The same
    function as `sanitize`, so a uid that had to change still names its asset; `sanitizer`: the one
    `sanitize` returned, whose cache already holds the uids."""
    _graph_and_errors(sanitizer or Sanitizer(), result, errors_at)


def _graph_and_errors(s: Sanitizer, result: ScanResult, errors_at: int) -> None:
    result.errors[errors_at:] = [type(e)(s.text(e.file), e.line, s.text(e.message)) for e in result.errors[errors_at:]]
    for p in result.attack_paths:
        p.title = s.text(p.title)
        p.entry, p.target = s.text(p.entry), s.text(p.target)
        p.steps = [type(st)(s.text(st.asset_uid), st.verb, s.text(st.evidence)) for st in p.steps]
        p.risk_factors = [s.text(x) for x in p.risk_factors]
        p.unknowns = [s.text(x) for x in p.unknowns]
        p.remediation = s.text(p.remediation)
    result.choke_points = [type(c)(s.text(c.asset_uid), c.paths) for c in result.choke_points]

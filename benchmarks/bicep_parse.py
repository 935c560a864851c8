"""Time the Bicep parser over the test corpus (and pycep-parser, if it is installed).

    python benchmarks/bicep_parse.py [files or folders ...]

Without arguments it reads the test corpus and the Checkov Bicep conformance files.

Prints ms/file for `aispm.providers.azure.bicep.parser.parse` (best of several rounds,
so that a busy machine does not skew the figure), and the same for
`pycep.BicepParser` when the optional `pycep-parser` package is importable.
pycep is not a dependency of aispm; it is only compared when present.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aispm.providers.azure.bicep.parser import parse  # noqa: E402
from aispm.providers.azure.bicep.syntax import BicepSyntaxError  # noqa: E402

DEFAULT = [ROOT / "tests" / "sources" / "bicep" / "corpus", ROOT / "tests" / "conformance" / "checkov" / "bicep"]


def collect(args: list[str]) -> list[Path]:
    targets = [Path(a) for a in args] or DEFAULT
    files: list[Path] = []
    for t in targets:
        if t.is_dir():
            files.extend(sorted(t.rglob("*.bicep")))
        elif t.is_file():
            files.append(t)
    return files


def bench(name: str, fn, texts: list[str], rounds: int = 7) -> None:
    lines = sum(t.count("\n") + 1 for t in texts)
    failures = 0
    for text in texts:
        try:
            fn(text)
        except Exception:  # noqa: BLE001 - counting failures is the point
            failures += 1
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            try:
                fn(text)
            except Exception:  # noqa: BLE001
                pass
        best = min(best, time.perf_counter() - start)
    per_file = best / len(texts) * 1000
    per_150 = best / lines * 150 * 1000
    print(f"{name:<22} {per_file:7.3f} ms/file  {per_150:7.3f} ms per 150 lines   failed to parse: {failures}/{len(texts)}")


def main() -> int:
    if any(a in ("-h", "--help") for a in sys.argv[1:]):
        print(__doc__)
        return 0
    files = collect(sys.argv[1:])
    if not files:
        print("no .bicep files found")
        return 1
    texts = [f.read_text(encoding="utf-8-sig") for f in files]
    lines = sum(t.count("\n") + 1 for t in texts)
    print(f"{len(files)} files, {lines} lines ({lines / len(files):.0f} lines/file on average)")
    bench("aispm bicep_parser", parse, texts)
    errors = []
    for f, t in zip(files, texts):
        try:
            parse(t)
        except BicepSyntaxError as exc:
            errors.append(f"  {f}: {exc}")
    if errors:
        print("\n".join(errors))
    try:
        from pycep import BicepParser  # type: ignore[import-not-found]
    except ImportError:
        print("pycep-parser          not installed (pip install pycep-parser to compare)")
    else:
        bench("pycep-parser", lambda t: BicepParser(t).json(), texts, rounds=3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

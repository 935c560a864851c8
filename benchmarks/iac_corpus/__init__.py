"""Per-cloud generators of the benchmark corpus (``benchmarks/generate_corpus.py``)."""

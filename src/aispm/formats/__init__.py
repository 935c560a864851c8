"""Shared readers for text found in scanned inputs: JSON with comments, URLs, secrets."""

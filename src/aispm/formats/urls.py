"""URLs found in scanned text: parsed defensively, since a URL is data, never trusted."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_host(url: object) -> str | None:
    """The host of a URL found in scanned text, or None: a URL that does not parse (an
    unbalanced `[`, a `${VAR}` where the port goes) is data to report, never a crash."""
    if not isinstance(url, str) or "://" not in url:
        return None
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None

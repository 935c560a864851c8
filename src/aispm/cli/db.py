"""`aispm db`: the advisory database's status and updates.

The lead attaches it to the main command with `main.add_command(db)`.
"""

from __future__ import annotations

import json
import sys

import click

from aispm.advisories.db import ECOSYSTEMS
from aispm.advisories.update import OSV_BASE_URL, OfflineError, UpdateError, status, update
from aispm.advisories.versions import canonical_ecosystem


@click.group("db")
def db() -> None:
    """The vulnerability advisory database (OSV): status and updates."""


@db.command("status")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Cache directory (default: the user cache dir).")
def status_cmd(fmt: str, cache_dir: str | None) -> None:
    """Show which advisory data is used, how old it is, and its counts."""
    st = status(cache_dir)
    if fmt == "json":
        click.echo(json.dumps(st, indent=2))
        return
    click.echo(f"cache: {st['cache_dir']}")
    for eco, s in st["ecosystems"].items():
        if s["source"] == "none":
            why = f": {s['unavailable']}" if s.get("unavailable") else ""
            click.echo(f"{eco}: no data offline{why} (run `aispm db update`)")
            continue
        counts = f"{s['advisories']} advisories" if s["advisories"] is not None else "counts unknown"
        if s["withdrawn"]:
            counts += f" (+{s['withdrawn']} withdrawn, ignored)"
        flag = f"  STALE: older than {st['stale_after_days']} days, run `aispm db update`" if s["stale"] else ""
        if s.get("modified"):
            flag += "  MODIFIED: the file is not the one its metadata describes"
        click.echo(f"{eco}: {s['source']}, as of {s['data_date']} ({s['age_days']:.0f} days old), {counts}{flag}")
        click.echo(f"  from {s['source_url']}" + (f" ({s['licence']})" if s.get("licence") else ""))


@db.command("update")
@click.option("--ecosystem", "ecosystems", multiple=True, type=click.Choice(list(ECOSYSTEMS), case_sensitive=False),
              help="Ecosystem to refresh (repeatable; default: all of them).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Cache directory (default: the user cache dir).")
@click.option("--base-url", default=OSV_BASE_URL, show_default=True, help="OSV bulk-data mirror (serves <Ecosystem>/all.zip).")
@click.option("--offline", is_flag=True, help="Never use the network (so: fail).")
def update_cmd(ecosystems: tuple[str, ...], cache_dir: str | None, base_url: str, offline: bool) -> None:
    """Download the OSV advisories into the cache, atomically; keep the last good copy on failure."""
    ecos = tuple(canonical_ecosystem(e) for e in ecosystems) or ECOSYSTEMS
    try:
        done = update(ecos, cache_dir, base_url=base_url, offline=offline)
    except OfflineError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except UpdateError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    for eco, meta in done.items():
        click.echo(f"{eco}: {meta['advisories']} advisories (+{meta['withdrawn']} withdrawn) from {meta['source_url']}")

"""`polemos serve`: the HTTP API and the web UI over a store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import EXIT_USAGE
from .ingest import DB_OPTION


@click.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens the server to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 32), default=1, show_default=True,
              help="Server processes; each holds its own store connections (and, once it ingests, its own pipeline).")
@click.option("--token-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="File holding the write token (default: $POLEMOS_TOKEN). Without a token the server is read-only.")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="An origin allowed to read the API from a browser page of another site; repeatable (default: none).")
@click.option("--max-body", type=click.IntRange(1024), default=5_000_000, show_default=True,
              help="Largest request body in bytes.")
@click.option("--fetch-timeout", type=click.FloatRange(0.5, 300), default=15.0, show_default=True,
              help="Seconds in all for fetching one URL of a URL ingest.")
@click.option("--fetch-max-bytes", type=click.IntRange(1024), default=5_000_000, show_default=True,
              help="Largest page a URL ingest reads.")
@click.option("--fetch-allow", multiple=True, metavar="HOST:PORT",
              help="A private host:port a URL ingest may fetch from (an intranet mirror); repeatable.")
@click.option("--basemap", type=click.Path(dir_okay=False, exists=True),
              help="Country boundaries (world-atlas countries-110m.json); default: node_modules/world-atlas.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True)
def serve(db: str, host: str, port: int, workers: int, token_file: Path | None, cors_origins: tuple[str, ...],
          max_body: int, fetch_timeout: float, fetch_max_bytes: int, fetch_allow: tuple[str, ...], basemap: str | None, log_level: str) -> None:
    """Serve the store: JSON API under /api/v1 (OpenAPI at /docs) and the web UI under /ui."""
    import uvicorn

    from ..serve.settings import ENV, ServeSettings

    token = token_file.read_text("utf-8").strip() if token_file else os.environ.get("POLEMOS_TOKEN", "").strip()
    if token and len(token) < 16:
        click.echo("polemos: the token is shorter than 16 characters: use a long random one "
                   "(python -c 'import secrets; print(secrets.token_urlsafe(32))').", err=True)
        sys.exit(EXIT_USAGE)
    settings = ServeSettings.with_token(token or None, db=db, cors_origins=cors_origins, max_body_bytes=max_body,
                                        fetch_timeout=fetch_timeout,
                                        fetch_max_bytes=fetch_max_bytes, fetch_allow=fetch_allow, basemap=basemap)
    os.environ[ENV] = settings.to_env()
    os.environ.pop("POLEMOS_TOKEN", None)  # the workers get the digest only
    click.echo(f"polemos: serving {db} on http://{host}:{port}/ui  (API /api/v1, OpenAPI /docs; "
               f"writes {'need the token' if token else 'disabled: no token'})", err=True)
    uvicorn.run("polemos.serve.app:create_app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, access_log=log_level == "debug", server_header=False, proxy_headers=False,
                timeout_keep_alive=5)

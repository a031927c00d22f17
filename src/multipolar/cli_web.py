"""`multipolar serve`: the HTTP API and dashboard (registered in cli.py with main.add_command(serve))."""
from __future__ import annotations

import click

from multipolar.model import MAX_TEXT_CHARS
from multipolar.store.db import DEFAULT_DB


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; 127.0.0.1 keeps it on this machine")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--write-token", envvar="MULTIPOLAR_WRITE_TOKEN", default=None, show_envvar=True,
              help="enable POST /api/v1/articles for clients sending 'Authorization: Bearer TOKEN'")
@click.option("--allow-fetch", "allow_fetch", multiple=True, metavar="HOST",
              help="host the server may fetch article URLs from for a client (repeat for more); none by default")
@click.option("--max-body", default=MAX_TEXT_CHARS, show_default=True, type=click.IntRange(1024, 100_000_000),
              help="largest request body accepted, in bytes")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="host name clients may use in the Host header besides localhost and --host (repeat for more; "
                   "'*' allows any, which lets DNS-rebinding pages read the API)")
def serve(db, host, port, write_token, allow_fetch, max_body, allow_hosts):
    """Serve the HTTP API (/api/v1, /openapi.json) and the dashboard (/)."""
    import uvicorn

    from multipolar.web.app import create_app

    if write_token is not None and len(write_token) < 16:
        raise click.BadParameter("use a token of at least 16 characters", param_hint="--write-token")
    click.echo(f"opening {db} (building web summaries if they are stale) ...", err=True)
    app = create_app(db, write_token=write_token, allow_fetch=list(allow_fetch), max_body=max_body, bind=host,
                     allow_hosts=allow_hosts)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: the API is reachable from other machines", err=True)
    click.echo(f"dashboard: http://{host}:{port}/  API: http://{host}:{port}/api/v1  "
               f"writes: {'on (token)' if write_token else 'off'}", err=True)
    from multipolar.web.server import HeaderTimeoutH11
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, http=HeaderTimeoutH11)

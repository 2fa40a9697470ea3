"""``newsdesk serve``: the web app (pages + JSON API) over the store, served by uvicorn."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from newsdesk.cli.app import DbOption, app
from newsdesk.errors import MissingDependency
from newsdesk.store import default_db_path, open_store

HostOption = Annotated[
    str, typer.Option("--host", help="Address to listen on (0.0.0.0 for every interface).")
]
PortOption = Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)]
PrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls",
        help="Let URL ingestion from the web reach loopback, private and link-local addresses.",
    ),
]


def loopback_hosts(host: str) -> list[str] | None:
    """Host names the app answers to when bound to loopback (refusing DNS-rebinding requests),
    or ``None`` (any) when bound to a public or wildcard address."""
    if host == "localhost":
        return ["localhost", "127.0.0.1", "::1"]
    try:
        is_loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        return None
    return ["localhost", "127.0.0.1", "::1", host] if is_loopback else None


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    allow_private_urls: PrivateOption = False,
) -> None:
    """Serve the stories, briefings and a paste-to-analyse page at http://HOST:PORT/."""
    try:
        import uvicorn

        from newsdesk.web import create_app
    except ImportError as exc:
        raise MissingDependency(exc.name or "fastapi", "web") from exc
    path = db or default_db_path()
    open_store(path).close()  # a broken or too-new store fails here, with its message
    web_app = create_app(
        path, allow_private_urls=allow_private_urls, allowed_hosts=loopback_hosts(host)
    )
    typer.echo(f"newsdesk: serving {path} at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="info")

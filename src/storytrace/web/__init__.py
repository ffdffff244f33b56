"""The web UI and HTTP API over the latest dossier of a store (``storytrace serve``).

:func:`create_app` builds the ASGI app; :func:`listen` binds the address (a busy port fails here,
before anything says the server is up); :func:`serve` runs the app with uvicorn. See
:mod:`storytrace.web.app` for the pages and the safety measures.
"""

from __future__ import annotations

import socket
from pathlib import Path

from ..errors import UsageError
from .app import CONTENT_SECURITY_POLICY, WebOptions, create_app

__all__ = ["CONTENT_SECURITY_POLICY", "WebOptions", "create_app", "listen", "serve"]


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (port 0: any free port) for :func:`serve`.

    Raises :class:`~storytrace.errors.UsageError` when the address cannot be used: a port in use, a
    host name that does not resolve, an address this machine does not have.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        raise UsageError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}", hint="choose another --port or --host"
        ) from exc
    return listener


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, options: WebOptions | None = None,
          log_level: str = "warning", listener: socket.socket | None = None) -> None:
    """Serve the app on ``listener`` (or a socket bound to ``host:port`` here) until interrupted."""
    import uvicorn

    app = create_app(db, options or WebOptions(allowed_hosts=WebOptions.hosts_for(host)))
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False, server_header=False,
                            limit_concurrency=200, timeout_keep_alive=5)
    bound = listener if listener is not None else listen(host, port)
    try:
        uvicorn.Server(config).run(sockets=[bound])
    except KeyboardInterrupt:  # pragma: no cover - uvicorn handles the signal itself
        pass
    finally:
        bound.close()

"""The web UI and HTTP API over the latest dossier of a store (``storytrace serve``).

:func:`create_app` builds the ASGI app; :func:`serve` runs it with uvicorn. See
:mod:`storytrace.web.app` for the pages and the safety measures.
"""

from __future__ import annotations

from pathlib import Path

from .app import CONTENT_SECURITY_POLICY, WebOptions, create_app

__all__ = ["CONTENT_SECURITY_POLICY", "WebOptions", "create_app", "serve"]


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, options: WebOptions | None = None,
          log_level: str = "warning") -> None:
    """Serve the app on ``host:port`` until interrupted."""
    import uvicorn

    app = create_app(db, options or WebOptions(allowed_hosts=WebOptions.hosts_for(host)))
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, server_header=False,
                limit_concurrency=200, timeout_keep_alive=5)

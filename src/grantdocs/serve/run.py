"""Start the server on a socket, and end it cleanly: builder, watcher, LibreOffice."""

from __future__ import annotations

import socket
from collections.abc import Callable

from grantdocs.errors import OutputError
from grantdocs.serve.app import LOOPBACK, create_app
from grantdocs.serve.watcher import Watcher
from grantdocs.serve.workspace import Target, Workspace


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port); ``OutputError`` if taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OutputError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port"
        ) from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def address(sock: socket.socket) -> str:
    """The page's address for a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    target: Target,
    host: str,
    port: int,
    *,
    announce: Callable[[str], None],
    open_browser: bool = False,
) -> None:
    """Build, watch and serve until Ctrl-C (SIGINT or SIGTERM); then stop every thread and
    every LibreOffice it started."""
    # lazy: uvicorn loads only when this runs
    import uvicorn

    sock = bind(host, port)
    url = address(sock)
    workspace = Workspace(target)
    watcher = Watcher(workspace)
    hosts = set(LOOPBACK) | {host.strip("[]").lower()}
    app = create_app(workspace, hosts=hosts, on_write=watcher.written)
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=3,
        server_header=False,
    )
    server = uvicorn.Server(config)
    workspace.start()
    watcher.start()
    announce(url)
    if open_browser:
        # lazy: webbrowser loads only when this runs
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        watcher.stop()
        workspace.stop()
        sock.close()

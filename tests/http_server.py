"""A local HTTP server on 127.0.0.1 that answers with recorded responses (``tests/fixtures``).

Routes map a path and query (both percent-decoded) to a list of answers, given out in turn;
the last one repeats. Every request is logged with its headers, so tests can count requests
and read the User-Agent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REAL = Path(__file__).parent / "fixtures" / "real" / "online"


@dataclass
class Reply:
    """One answer: status, body, headers, seconds to wait before answering."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0
    """Seconds between 1,000-byte pieces of the body (a server that drips its answer)."""


@dataclass
class Hit:
    """One request the server received."""

    target: str
    headers: dict[str, str]


class RecordedServer:
    """The server; ``url`` is its base, ``add`` a route, ``hits`` what was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: list[Hit] = []
        self.handlers: dict[str, Callable[[str], Reply | None]] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                target = unquote(parts.path) + (f"?{unquote(parts.query)}" if parts.query else "")
                with server._lock:
                    server.hits.append(Hit(target, {k.lower(): v for k, v in self.headers.items()}))
                    replies = server.routes.get(target)
                    reply = (
                        (replies.pop(0) if len(replies) > 1 else replies[0]) if replies else None
                    )
                    if reply is None:
                        handler = next(
                            (h for p, h in server.handlers.items() if target.startswith(p)), None
                        )
                        reply = handler(target) if handler else None
                if reply is None:
                    reply = Reply(404, b'{"error": "not recorded"}')
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    headers = {"Content-Type": "application/json;charset=UTF-8", **reply.headers}
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if not reply.drip:
                        self.wfile.write(reply.body)
                    for start in range(0, len(reply.body), 1000) if reply.drip else ():
                        self.wfile.write(reply.body[start : start + 1000])
                        self.wfile.flush()
                        time.sleep(reply.drip)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def add(self, target: str, *replies: Reply) -> None:
        """Answer GET ``target`` (decoded path and query) with ``replies`` in turn."""
        self.routes[target] = list(replies)

    def add_handler(self, prefix: str, handler: Callable[[str], Reply | None]) -> None:
        """Answer targets starting with ``prefix`` (and without a route) by ``handler``."""
        self.handlers[prefix] = handler

    def add_file(self, target: str, path: Path, **headers: str) -> None:
        """Answer GET ``target`` with the bytes of the recorded file ``path``."""
        self.add(target, Reply(200, path.read_bytes(), dict(headers)))

    def count(self, prefix: str) -> int:
        """Requests whose target starts with ``prefix``."""
        return sum(1 for hit in self.hits if hit.target.startswith(prefix))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def cassette_body(path: Path, uri: str) -> bytes:
    """The recorded response body of the request to ``uri`` in a VCR cassette."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for interaction in data.get("interactions") or data["http_interactions"]:  # vcrpy, Ruby VCR
        if interaction["request"]["uri"] == uri:
            return str(interaction["response"]["body"]["string"]).encode("utf-8")
    raise KeyError(uri)


def serve() -> Iterator[RecordedServer]:
    """Start a server, hand it out, stop it (the body of a pytest fixture)."""
    server = RecordedServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


DELPEUCH = "0000-0002-8612-8827"
"""Antonin Delpeuch's ORCID iD: his record, full works and DOI answers are recorded."""
DELPEUCH_BULK = "45993824,47337044,47337045,46050270,15894056,16667185"


def add_delpeuch(server: RecordedServer) -> None:
    """Routes of the recorded ORCID record of Antonin Delpeuch and of its DOIs
    (dissemin's test recordings; see ``tests/fixtures/real/SOURCES.md``)."""
    folder = REAL / "dissemin"
    server.add_file(f"/orcid/{DELPEUCH}/record", folder / f"{DELPEUCH}.json")
    server.add_file(
        f"/orcid/{DELPEUCH}/works/{DELPEUCH_BULK}",
        folder / f"{DELPEUCH}-works-{DELPEUCH_BULK}.json",
    )
    server.add_file(
        "/crossref/works?filter=doi:10.4204/eptcs.172.16",
        folder / "c4b5da60ac5754fb3cfade494065f3e53773cb2f0641cb35cc1568efcab829c1.json",
    )
    empty = cassette_body(
        REAL / "habanero" / "test_prefixes_mixed_ids_works_warn.yaml",
        "https://api.crossref.org/prefixes/10.4176/works",
    )
    for zenodo in ("1299048", "1299049"):
        server.add(f"/crossref/works?filter=doi:10.5281/zenodo.{zenodo}", Reply(200, empty))
        server.add_file(
            f"/doi/10.5281/zenodo.{zenodo}",
            folder / f"105281zenodo{zenodo}.json",
            **{"Content-Type": "application/citeproc+json"},
        )

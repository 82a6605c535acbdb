"""The web application: routes, and the checks every request passes.

- a ``Host`` header other than the server's own names is refused (DNS rebinding);
- a request that changes a file is a POST carrying the server's token, from no other origin;
- only documents and page images below the output folder are served;
- every text is escaped by the page templates (Jinja2 with autoescape);
- a request body is read up to ``MAX_BODY`` bytes.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from grantdocs.errors import GrantdocsError
from grantdocs.profile.locate import locate_profile
from grantdocs.serve import views
from grantdocs.serve.workspace import Workspace

MAX_BODY = 16 * 1024
"""Bytes a form may send: a decision is a few short fields."""
SERVED = {".docx", ".xlsx", ".pdf", ".png"}
"""The kinds of file below the output folder that are served."""
LOOPBACK = ("127.0.0.1", "localhost", "::1")
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self'; script-src 'self'; "
    "style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


def host_name(header: str) -> str:
    """The name of a ``Host`` header, without its port (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


class Guard:
    """ASGI middleware: the Host check, and the security headers on every answer."""

    def __init__(self, app: ASGIApp, hosts: set[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if host not in self.hosts:
            response = PlainTextResponse(
                "refused: this server answers only to its own address", status_code=421
            )
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def environment() -> Environment:
    """The page templates: autoescaped, strict about undefined names."""
    return Environment(
        loader=PackageLoader("grantdocs.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


Endpoint = Callable[[Request], Awaitable[Response]]


def create_app(
    workspace: Workspace,
    *,
    token: str | None = None,
    hosts: set[str] | None = None,
    on_write: Callable[[Path], None] | None = None,
) -> ASGIApp:
    """The application over ``workspace``; ``token`` guards every change (default: a new
    random one), ``hosts`` are the names it answers to, ``on_write`` is told of each file
    a decision wrote."""
    secret = token or secrets.token_urlsafe(24)
    allowed = hosts or set(LOOPBACK)
    env = environment()
    static = Path(__file__).parent / "static"

    def page(template: str, **values: Any) -> HTMLResponse:
        body = env.get_template(template).render(
            token=secret,
            generation=workspace.generation,
            building=workspace.building,
            error=workspace.error,
            pdf=workspace.pdf,
            quote=quote,
            lang_names=views.LANG_NAMES,
            **values,
        )
        return HTMLResponse(body)

    async def overview(request: Request) -> Response:
        snap = workspace.snapshot
        view = await run_in_threadpool(views.overview, workspace, snap)
        return page("overview.html", view=view, ready=snap is not None)

    async def document(request: Request) -> Response:
        snap = workspace.snapshot
        if snap is None:
            return RedirectResponse("/", status_code=303)
        name = request.path_params["format"]
        member = request.query_params.get("member", "")
        lang = request.query_params.get("lang")
        view = await run_in_threadpool(views.document, workspace, snap, name, member, lang)
        if view is None:
            return page("missing.html", name=name, member=member)
        return page("document.html", doc=view, as_of=snap.as_of)

    async def state(request: Request) -> Response:
        return JSONResponse(
            {
                "generation": workspace.generation,
                "building": workspace.building,
                "error": workspace.error,
            }
        )

    async def files(request: Request) -> Response:
        relative = request.path_params["path"]
        target = (workspace.out / relative).resolve()
        if (
            not target.is_relative_to(workspace.out)
            or target.suffix.lower() not in SERVED
            or not target.is_file()
        ):
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(target, filename=target.name if target.suffix != ".png" else None)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("app.js", "style.css"):
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(static / name)

    async def decide(request: Request) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return PlainTextResponse("refused: the request is too large", status_code=413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return PlainTextResponse("refused: the request is too large", status_code=413)
        origin = request.headers.get("origin")
        if origin is not None and host_name(origin.partition("://")[2]) not in allowed:
            return PlainTextResponse("refused: a request from another site", status_code=403)
        form = dict(parse_qsl(body.decode("utf-8", "replace"), max_num_fields=20))
        if not secrets.compare_digest(form.get("token", ""), secret):
            return PlainTextResponse(
                "refused: this change does not come from this server's page", status_code=403
            )
        back = _back(form)
        profile = _profile_of(workspace, form.get("member", ""))
        if profile is None:
            return PlainTextResponse("no such profile", status_code=404)
        # lazy: serve.decide loads only when this runs
        # lazy: serve.decide loads only when this runs
        from grantdocs.serve.decide import decide as apply

        try:
            written = await run_in_threadpool(apply, profile, form)
        except GrantdocsError as exc:
            return page("refused.html", message=exc.render(), back=back)
        if on_write is not None:
            on_write(written)
        action = form.get("action")
        if action != "lang":  # the language shown changes no document
            workspace.rebuild(form.get("format") or None if action != "as_of" else None)
        return RedirectResponse(back, status_code=303)

    app = Starlette(
        routes=[
            Route("/", overview),
            Route("/doc/{format}", document),
            Route("/state", state),
            Route("/out/{path:path}", files),
            Route("/static/{name}", asset),
            Route("/decide", decide, methods=["POST"]),
        ]
    )
    return Guard(app, allowed)


def _back(form: dict[str, str]) -> str:
    """Where a decision returns to: the document's page, or the overview."""
    name = form.get("format", "")
    if not name:
        return "/"
    return views.doc_link(name, form.get("member", ""))


def _profile_of(workspace: Workspace, member: str) -> Path | None:
    """The profile file a decision is for (a team member's by output name)."""
    snap = workspace.snapshot
    if workspace.target.team is None:
        return locate_profile(workspace.target.profile)
    if snap is None:
        return None
    for m in snap.result.members:
        if m.name == member and member:
            return m.profile
    return None

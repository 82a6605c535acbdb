"""The server's safety points, against a running ``grantdocs serve`` on loopback: a foreign
Host is refused, a change needs the server's token, only the output folder is served, every
text is escaped, a large body is refused; and Ctrl-C leaves no process behind."""

from __future__ import annotations

import html
import http.client
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from grantdocs.render.pdf import find_soffice
from grantdocs.serve.app import host_name
from tests.serve.conftest import HOSTILE, Server, own_processes, start_server


def raw_get(server: Server, path: str, host: str) -> tuple[int, bytes]:
    """A GET with a ``Host`` header of our choosing, and the path sent as it is."""
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def test_a_foreign_host_is_refused(server: Server) -> None:
    port = urlsplit(server.url).port
    assert raw_get(server, "/", f"127.0.0.1:{port}")[0] == 200
    assert raw_get(server, "/", f"localhost:{port}")[0] == 200
    for foreign in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        status, body = raw_get(server, "/", foreign)
        assert status == 421, foreign
        assert b"Sebastian" not in body
    status, _ = raw_get(server, "/out/dfg-cv/en/CV_PubList_Lapuschkin.docx", "attacker.test")
    assert status == 421


def test_host_names() -> None:
    assert host_name("127.0.0.1:8000") == "127.0.0.1"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost") == "localhost"
    assert host_name("") == ""


def choices_file(server: Server) -> Path:
    return server.profile.parent / "choices.yaml"


def test_a_change_without_the_token_is_refused(server: Server) -> None:
    form = {"action": "exclude", "format": "dfg-cv", "entry": "bach2015pixel"}
    assert server.post("/decide", urlencode(form).encode()) == 403
    wrong = urlencode({**form, "token": "guessed"}).encode()
    assert server.post("/decide", wrong) == 403
    good = urlencode({**form, "token": server.token()}).encode()
    assert server.post("/decide", good, {"Origin": "http://evil.example"}) == 403
    assert not choices_file(server).exists()
    assert server.get("/decide")[0] == 405  # a GET changes nothing


def test_a_large_body_is_refused(server: Server) -> None:
    body = urlencode({"token": server.token(), "action": "as_of", "value": "x" * 40_000})
    assert server.post("/decide", body.encode()) == 413
    assert not choices_file(server).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/out/../cv/profile.yaml",
        "/out/%2e%2e/cv/profile.yaml",
        "/out/..%2fcv%2fprofile.yaml",
        "/out/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/out//etc/passwd",
        "/static/../workspace.py",
        "/static/app.py",
    ],
)
def test_nothing_outside_the_output_folder_is_served(server: Server, path: str) -> None:
    port = urlsplit(server.url).port
    status, body = raw_get(server, path, f"127.0.0.1:{port}")
    assert status == 404, (path, body[:200])
    assert b"person:" not in body and b"root:" not in body


def test_a_file_in_the_output_folder_but_of_another_kind_is_not_served(server: Server) -> None:
    (server.out / "notes.yaml").write_text("secret: 1\n")
    assert server.get("/out/notes.yaml")[0] == 404
    assert server.get("/out/dfg-cv/en/CV_PubList_Lapuschkin.docx")[0] == 200


def test_a_hostile_title_is_text(server: Server) -> None:
    status, page = server.get("/doc/dfg-cv")
    assert status == 200
    assert HOSTILE not in page
    assert "&lt;script&gt;window.grantdocsPwned = 1&lt;/script&gt;&lt;img src=x onerror=" in page
    assert HOSTILE in html.unescape(page)
    assert "<script>window" not in page and "<img src=x" not in page


def test_every_answer_forbids_inline_scripts_and_framing(server: Server) -> None:
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request("GET", "/")
    answer = connection.getresponse()
    answer.read()
    connection.close()
    policy = answer.getheader("content-security-policy") or ""
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert answer.getheader("x-content-type-options") == "nosniff"


def test_a_decision_with_the_token_is_saved_and_rebuilds(server: Server) -> None:
    generation = server.state()["generation"]
    assert isinstance(generation, int)
    form = {"token": server.token(), "action": "as_of", "value": "2019-06-30"}
    assert server.post("/decide", urlencode(form).encode()) == 200  # redirected to /
    assert "as_of: 2019-06-30" in choices_file(server).read_text()
    server.wait_built(generation)
    assert ">2019-06-30<" in server.get("/")[1]
    form["value"] = "30.06.2019"
    status, page = server.post_page("/decide", urlencode(form).encode())
    assert status == 200
    assert "not saved" in page and "&#39;30.06.2019&#39; is not a date" in page
    assert "as_of: 2019-06-30" in choices_file(server).read_text()


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_ctrl_c_during_a_build_leaves_no_process(tmp_path: Path) -> None:
    server = start_server(tmp_path, hostile=False)
    try:
        deadline = time.monotonic() + 120
        seen = False
        while time.monotonic() < deadline and not seen:
            seen = any("soffice" in c for c in own_processes(str(server.tmp)))
            time.sleep(0.1)
        assert seen, "no LibreOffice seen"
    finally:
        code = server.stop()
    assert code == 0, "".join(server.output)
    time.sleep(0.5)
    assert own_processes(str(server.tmp)) == []
    assert "stopped" in "".join(server.output)
    assert "Traceback" not in "".join(server.output)


def test_a_profile_that_does_not_validate_shows_its_problems(tmp_path: Path) -> None:
    def break_it(profile: Path) -> None:
        text = profile.read_text(encoding="utf-8")
        profile.write_text(text.replace("\nperson:\n", "\npersn:\n", 1), encoding="utf-8")

    server = start_server(tmp_path, hostile=False, edit=break_it)
    try:
        state = server.wait_built()
        assert state["error"]
        status, page = server.get("/")
        assert status == 200
        line = server.profile.read_text().splitlines().index("persn:") + 1
        assert f"cv/profile.yaml:{line}:1" in page and "unknown key &#39;persn&#39;" in page
        assert "No documents yet" in page
        assert server.get("/doc/dfg-cv")[0] == 200  # back to the overview, no traceback
    finally:
        assert server.stop() == 0
    assert "Traceback" not in "".join(server.output)

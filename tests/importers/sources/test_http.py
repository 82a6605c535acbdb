"""The HTTP client against a local server: retries, Retry-After, timeouts, bounds, cache."""

from __future__ import annotations

import socket
import stat
import time
from pathlib import Path

import pytest

from grantdocs.errors import SourceError
from grantdocs.importers.sources import cache
from grantdocs.importers.sources.http import Client, endpoint
from tests.http_server import DELPEUCH, REAL, RecordedServer, Reply

RECORD = (REAL / "dissemin" / f"{DELPEUCH}.json").read_bytes()
"""A real ORCID record answer (11 KB)."""


class Sleeps(list[float]):
    """Records the waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(**settings: object) -> Client:
    sleeps = Sleeps()
    return Client(sleep=sleeps, **settings)  # type: ignore[arg-type]


def test_a_recorded_answer_is_returned_with_the_polite_user_agent(online: RecordedServer) -> None:
    online.add("/orcid/x/record", Reply(200, RECORD))
    with client(contact="ada@example.org") as http:
        answer = http.get(f"{endpoint('orcid')}/x/record", accept="application/vnd.orcid+json")
    assert answer is not None and answer.text == RECORD.decode("utf-8")
    [hit] = online.hits
    assert hit.headers["user-agent"].startswith("grantdocs/")
    assert hit.headers["user-agent"].endswith("(mailto:ada@example.org)")
    assert hit.headers["accept"] == "application/vnd.orcid+json"


def test_the_contact_setting_is_used_when_the_profile_has_no_email(
    online: RecordedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRANTDOCS_CONTACT", "lab@example.org")
    online.add("/orcid/x", Reply(200, b"{}"))
    with client() as http:
        http.get(f"{endpoint('orcid')}/x")
    assert "mailto:lab@example.org" in online.hits[0].headers["user-agent"]


def test_404_is_none(online: RecordedServer) -> None:
    with client() as http:
        assert http.get(f"{endpoint('orcid')}/missing") is None
    assert online.count("/orcid/missing") == 1


def test_429_with_retry_after_is_waited_for_then_retried(online: RecordedServer) -> None:
    online.add(
        "/crossref/works",
        Reply(429, b"", {"Retry-After": "2"}),
        Reply(200, RECORD),
    )
    http = client()
    answer = http.get(f"{endpoint('crossref')}/works")
    assert answer is not None and answer.text.startswith("{")
    assert http.sleep == [2.0]
    assert online.count("/crossref/works") == 2


def test_a_retry_after_longer_than_a_minute_is_an_error(online: RecordedServer) -> None:
    online.add("/crossref/works", Reply(429, b"", {"Retry-After": "3600"}))
    with pytest.raises(SourceError, match="asks to wait 3600 s"):
        client().get(f"{endpoint('crossref')}/works")


def test_5xx_is_retried_with_backoff_then_an_error(online: RecordedServer) -> None:
    online.add("/doi/10.1/x", Reply(503, b"busy"))
    http = client(retries=3)
    with pytest.raises(SourceError, match=r"answered HTTP 503 .* after retries"):
        http.get(f"{endpoint('doi')}/10.1/x")
    assert online.count("/doi/10.1/x") == 4
    assert http.sleep == [1.0, 2.0, 4.0]


def test_a_client_error_is_not_retried(online: RecordedServer) -> None:
    online.add("/orcid/bad", Reply(400, b'{"error": "bad request"}'))
    with pytest.raises(SourceError, match="HTTP 400"):
        client().get(f"{endpoint('orcid')}/bad")
    assert online.count("/orcid/bad") == 1


def test_a_slow_server_times_out(online: RecordedServer) -> None:
    online.add("/orcid/slow", Reply(200, RECORD, delay=2.0))
    http = client(timeout=0.3, retries=1)
    with pytest.raises(SourceError, match=r"did not answer within 0\.3 s"):
        http.get(f"{endpoint('orcid')}/slow")
    assert online.count("/orcid/slow") == 2  # one retry


def test_a_server_dripping_its_answer_is_cut_off(online: RecordedServer) -> None:
    online.add("/orcid/drip", Reply(200, RECORD, drip=0.3))
    start = time.monotonic()
    with pytest.raises(SourceError, match=r"took more than 0\.5 s to send its answer"):
        client(timeout=5, total_timeout=0.5, retries=0).get(f"{endpoint('orcid')}/drip")
    assert time.monotonic() - start < 2.5  # the whole answer would take 3.3 s


def test_an_answer_larger_than_the_bound_is_refused(online: RecordedServer) -> None:
    online.add("/orcid/big", Reply(200, RECORD))
    with pytest.raises(SourceError, match="larger than 4,096 bytes"):
        client(max_bytes=4096).get(f"{endpoint('orcid')}/big")


def test_an_answer_without_length_is_cut_at_the_bound(online: RecordedServer) -> None:
    # a lying Content-Length is not trusted: the body is counted while it is read
    online.add("/orcid/big", Reply(200, RECORD, {"Content-Length": "10"}))
    with pytest.raises(SourceError):
        client(max_bytes=5).get(f"{endpoint('orcid')}/big")


def test_no_network_is_a_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("GRANTDOCS_ORCID_API", f"http://127.0.0.1:{port}")
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    with pytest.raises(SourceError, match=r"cannot reach 127\.0\.0\.1 .*--offline"):
        client().get(f"{endpoint('orcid')}/x/record")


def test_answers_are_cached_and_offline_uses_only_the_cache(
    online: RecordedServer, tmp_path: Path
) -> None:
    online.add("/orcid/x/record", Reply(200, RECORD))
    url = f"{endpoint('orcid')}/x/record"
    first = client().get(url)
    again = client().get(url)
    offline = client(offline=True).get(url)
    assert first is not None and again is not None and offline is not None
    assert first.text == again.text == offline.text
    assert (first.cached, again.cached, offline.cached) == (False, True, True)
    assert online.count("/orcid/x/record") == 1
    folder = tmp_path / "http-cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    with pytest.raises(SourceError, match=r"offline, and .* is not in the cache"):
        client(offline=True).get(f"{endpoint('orcid')}/y/record")
    assert online.count("/orcid/y") == 0


def test_a_corrupt_cache_entry_is_fetched_again(online: RecordedServer, tmp_path: Path) -> None:
    online.add("/orcid/x/record", Reply(200, RECORD))
    url = f"{endpoint('orcid')}/x/record"
    client().get(url)
    [entry] = (tmp_path / "http-cache").glob("*.bin")
    entry.write_bytes(entry.read_bytes()[:-5] + b"xxxxx")
    answer = client().get(url)
    assert answer is not None and not answer.cached and answer.text == RECORD.decode()
    assert online.count("/orcid/x/record") == 2


def test_the_cache_is_bounded_oldest_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    for number in range(5):
        cache.store(f"k{number}", b"x" * 1000)
        path = tmp_path / f"k{number}.bin"
        path.touch()
        import os

        os.utime(path, (1000 + number, 1000 + number))
    cache._trim(tmp_path, limit=3 * 1100)
    assert sorted(p.name for p in tmp_path.glob("*.bin")) == ["k2.bin", "k3.bin", "k4.bin"]

"""Shared test helpers: a file-tree writer, the bundled profile, a fixed as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from grantdocs.importers.sources import cache
from grantdocs.importers.sources.http import CONTACT_ENV, ENDPOINTS
from grantdocs.profile.load import LoadedProfile, load_profile
from grantdocs.resources import default_profile
from tests.http_server import RecordedServer, serve

AS_OF = dt.date(2025, 9, 20)
"""The seed CV's own date (its citation metrics were retrieved then)."""

MINIMAL = "person: {given_names: Ada, family_name: Lovelace}\n"

SMALL = """\
person:
  given_names: Ada
  family_name: Lovelace
  name_variants: [Lovelace A]
positions:
  - {{title: {title}, organisation: "Analytical Society", start: 2020}}
publications:
  - id: p1
    kind: journal_article
    authors: [Lovelace A, Babbage C]
    title: {title}
    venue: "Notes"
    year: 2024
    peer_reviewed: true
    rank: 1
"""
"""A small profile; ``{title}`` (a YAML scalar) is both a position and a publication title."""


def small_profile(folder: Path, title: str) -> Path:
    """Write ``SMALL`` with ``title`` to ``folder/p.yaml``; returns its path."""
    return write_tree(folder, {"p.yaml": SMALL.format(title=title)}) / "p.yaml"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` below ``root``; returns ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def bundled() -> LoadedProfile:
    return load_profile(default_profile())


def docx_jobs() -> list[tuple[str, str]]:
    """(format id, language) of every bundled Word format of one person in every language it
    supports (team formats are tested in tests/team)."""
    from grantdocs.formats.registry import bundled_ids, load_format

    jobs = []
    for name in bundled_ids():
        spec = load_format(name).spec
        if spec.kind == "docx" and spec.scope == "person":
            jobs += [(name, lang) for lang in spec.languages]
    return jobs


@pytest.fixture(scope="session")
def bundled_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every bundled Word document of the bundled profile, built once, by (format, language)."""
    from grantdocs.build import BuildOptions, build

    out = tmp_path_factory.mktemp("bundled")
    formats = sorted({name for name, _ in docx_jobs()})
    reports = build(BuildOptions(formats=formats, as_of=AS_OF, out=out))
    return {(r.format_id, r.lang): r.path for r in reports}


@pytest.fixture
def recorded_server() -> Iterator[RecordedServer]:
    """A local HTTP server with recorded answers (``tests/http_server.py``)."""
    yield from serve()


@pytest.fixture
def online(
    recorded_server: RecordedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> RecordedServer:
    """Every online source pointed at ``recorded_server``, with a fresh HTTP cache."""
    for name, (variable, _) in ENDPOINTS.items():
        monkeypatch.setenv(variable, f"{recorded_server.url}/{name}")
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "http-cache"))
    monkeypatch.delenv(CONTACT_ENV, raising=False)
    return recorded_server

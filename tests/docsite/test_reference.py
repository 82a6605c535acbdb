"""The generated reference pages are current and cover what they say they cover."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from grantdocs.cli.main import cli
from grantdocs.docsite.reference import pages, stale
from grantdocs.notices import CODES
from grantdocs.profile.schema import schema_text
from grantdocs.resources import project_root
from grantdocs.team.model import team_schema_text

DOCS = project_root() / "docs"


@pytest.mark.parametrize("rel", sorted(pages()))
def test_committed_page_is_current(rel: str) -> None:
    committed = (DOCS / rel).read_text(encoding="utf-8")
    assert committed == pages()[rel](), (
        f"docs/{rel} is stale: run 'python -m grantdocs.docsite' and commit the result"
    )


def test_stale_lists_a_changed_and_a_missing_page(tmp_path: Path) -> None:
    for rel, make in pages().items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(make(), encoding="utf-8")
    assert stale(tmp_path) == []
    profile = tmp_path / "reference" / "profile.md"
    profile.write_text(profile.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    (tmp_path / "reference" / "cli.md").unlink()
    assert stale(tmp_path) == ["reference/profile.md", "reference/cli.md"]


def _sections(text: str) -> dict[str, str]:
    """Each '## Heading' of a page and the text under it."""
    out: dict[str, str] = {}
    for part in text.split("\n## ")[1:]:
        head, _, body = part.partition("\n")
        out[head.strip()] = body
    return out


@pytest.mark.parametrize(
    ("rel", "schema", "top"),
    [
        ("reference/profile.md", schema_text(), "Sections"),
        ("reference/team.md", team_schema_text(), "The team file"),
    ],
)
def test_every_field_is_in_its_record_section(rel: str, schema: str, top: str) -> None:
    loaded = json.loads(schema)
    sections = _sections(pages()[rel]())
    records = {top: loaded, **loaded["$defs"]}
    for name, node in records.items():
        assert name in sections, f"{rel}: no section for {name}"
        for field_name in node.get("properties", {}):
            assert f"| `{field_name}` |" in sections[name], f"{rel}: {name}.{field_name} missing"


def test_profile_page_shows_types_requirement_and_real_examples() -> None:
    person = _sections(pages()["reference/profile.md"]())["Person"]
    row = next(line for line in person.splitlines() if line.startswith("| `family_name` |"))
    assert row.split("|")[3].strip() == "yes"  # required
    assert "`Lapuschkin`" in row  # an example from the bundled profile
    start = _sections(pages()["reference/profile.md"]())["Position"]
    assert "| `start` | date |" in start


def test_every_notice_code_and_how_to_silence_it() -> None:
    page = pages()["reference/notices.md"]()
    for code, meaning in CODES.items():
        assert f"| `{code}` | {meaning} | `--ignore {code}` |" in page


def test_every_command_and_option_is_listed() -> None:
    page = _sections(pages()["reference/cli.md"]())
    for name, command in cli.commands.items():
        assert name in page, f"command {name} missing"
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert any(opt in page[name] for opt in param.opts), f"{name} {param.opts}"


def test_every_bundled_format_with_its_slots_and_picture() -> None:
    from grantdocs.docsite.formats_ref import bundled_formats

    page = _sections(pages()["reference/formats.md"]())
    formats = bundled_formats()
    assert len(formats) >= 12
    for fmt in formats:
        section = page[fmt.id]
        for slot in fmt.spec.slots:
            assert f"| `{slot}` |" in section
        assert f"images/formats/{fmt.id}.png" in section
        assert f"grantdocs build {fmt.id} " in section


def test_german_funder_terms_are_shown() -> None:
    section = _sections(pages()["reference/formats.md"]())["dfg-cv"]
    row = next(line for line in section.splitlines() if line.startswith("| `category_a` |"))
    assert "Category A" in row
    assert "*Kategorie A" in row  # the DFG form's German wording, from the catalog

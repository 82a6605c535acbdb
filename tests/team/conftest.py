"""Team test helpers: small invented teams written to a temporary folder."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_tree

PERSON = """\
person:
  given_names: {given}
  family_name: {family}
  name_variants: [{variant}]
{extra}publications:
{pubs}"""

PUB = """\
  - id: {id}
    kind: journal_article
    authors: [{authors}]
    title: "{title}"
    venue: "Invented Journal"
    year: {year}
{more}"""


def person(
    given: str,
    family: str,
    variant: str,
    pubs: list[dict[str, object]] | None = None,
    extra: str = "",
) -> str:
    """An invented profile's YAML; ``pubs`` are (id, authors, title, year, more) mappings."""
    text = "".join(
        PUB.format(
            id=p["id"],
            authors=", ".join(f'"{a}"' for a in p["authors"]),  # type: ignore[attr-defined]
            title=p["title"],
            year=p.get("year", 2020),
            more=p.get("more", ""),
        )
        for p in (pubs or [])
    )
    return PERSON.format(
        given=given, family=family, variant=variant, extra=extra, pubs=text or "  []\n"
    )


def team_file(members: list[tuple[str, str]], extra: str = "") -> str:
    """A team file: ``members`` are (profile path, role)."""
    lines = ["title: {en: Invented proposal, de: Erfundener Antrag}", "acronym: INV", "members:"]
    lines += [f"  - {{profile: {path}, role: {role}}}" for path, role in members]
    return "\n".join(lines) + "\n" + extra


def write_team(root: Path, files: dict[str, str]) -> Path:
    """Write the files; returns ``root / "team.yaml"``."""
    write_tree(root, files)
    return root / "team.yaml"

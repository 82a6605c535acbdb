"""The generated reference pages: each page's path under ``docs/`` and its text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from grantdocs.docsite.markdown import code, page, table
from grantdocs.docsite.schema_ref import Examples, collect_examples, schema_body
from grantdocs.notices import CODES
from grantdocs.resources import default_profile, example_team


def profile_page() -> str:
    """Every profile section and field, from the profile model's JSON Schema."""
    # lazy: profile.load, profile.model load only when this runs
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.model import json_schema

    schema = json_schema()
    examples: Examples = {}
    for path in load_profile(default_profile()).files:  # as typed, includes too
        collect_examples(schema, yaml.safe_load(path.read_text(encoding="utf-8")), examples)
    intro = (
        "Every section and field a `profile.yaml` may hold, from the profile model "
        "(`grantdocs schema` prints the same as JSON Schema). A key not listed here is an "
        "error with its `file:line:column`. Examples are taken from the bundled profile "
        "(`profiles/lapuschkin/`). A *text* is a string, or one text per language: "
        "`{en: Machine learning, de: Maschinelles Lernen}`; a *date* may be partial "
        "(`2018`, `2018-12`, `2018-12-19`). Besides these, `include: [more.yaml]` names "
        "files whose sections are appended (the bundled profile keeps its publications so)."
    )
    return page("Profile fields", intro, schema_body(schema, examples, "Sections"))


def team_page() -> str:
    """Every field of a team file, from the team model's JSON Schema."""
    # lazy: team.model loads only when this runs
    from grantdocs.team.model import team_schema_text

    schema = json.loads(team_schema_text())
    data = yaml.safe_load(example_team().read_text(encoding="utf-8"))
    examples = collect_examples(schema, data)
    intro = (
        "Every field of a team file (`grantdocs schema --team` prints its JSON Schema). "
        "Paths are relative to the team file. Examples are taken from the bundled example "
        "team (`profiles/example-team/team.yaml`); the [team guide](../guides/team.md) "
        "walks through one."
    )
    return page("Team file", intro, schema_body(schema, examples, "The team file"))


def notices_page() -> str:
    """Every notice code, what it means, and how to silence it."""
    rows = [[code(c), meaning, f"`--ignore {c}`"] for c, meaning in CODES.items()]
    body = [
        *table(["code", "meaning", "silence for one build"], rows),
        "",
        "A profile silences codes for good:",
        "",
        "```yaml",
        "report:",
        f"  ignore: [{next(iter(CODES))}]",
        "```",
        "",
        "`--ignore` is repeatable and takes lists (`--ignore no-doi,missing-value`). "
        "An unknown code is an error that suggests the closest one.",
    ]
    intro = (
        "A build reports what to fix as notices, each with a stable code "
        "(in the report, in `--json` output and in `schema/report.schema.json`). "
        "Notices are warnings: the documents are still written."
    )
    return page("Notice codes", intro, body)


Generator = Callable[[], str]

PAGES: dict[str, Generator] = {}
"""Path under ``docs/`` -> the function that writes that page."""


def _register() -> None:
    # lazy: docsite.cli_ref, docsite.formats_ref load only when this runs
    from grantdocs.docsite.cli_ref import cli_page
    from grantdocs.docsite.formats_ref import formats_page

    PAGES.update(
        {
            "reference/profile.md": profile_page,
            "reference/team.md": team_page,
            "reference/formats.md": formats_page,
            "reference/notices.md": notices_page,
            "reference/cli.md": cli_page,
        }
    )


def pages() -> dict[str, Generator]:
    """Every generated page, by its path under ``docs/``."""
    if not PAGES:
        _register()
    return PAGES


def stale(docs: Path) -> list[str]:
    """The generated pages under ``docs`` that differ from what the code gives now."""
    out = []
    for rel, make in pages().items():
        target = docs / rel
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != make():
            out.append(rel)
    return out

"""The team file's schema, committed and current; the example team points editors at it."""

from __future__ import annotations

from grantdocs.resources import example_team, project_root
from grantdocs.team.model import team_schema_text


def test_committed_team_schema_is_current() -> None:
    path = project_root() / "schema" / "team.schema.json"
    assert path.read_text(encoding="utf-8") == team_schema_text(), (
        "schema/team.schema.json is stale: run 'grantdocs schema --team -o schema/team.schema.json'"
    )


def test_example_team_references_the_schema() -> None:
    first = example_team().read_text(encoding="utf-8").splitlines()[0]
    target = (example_team().parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (project_root() / "schema" / "team.schema.json").resolve()

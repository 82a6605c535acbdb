"""The committed JSON Schema is the one the model generates, and the profile points at it."""

from __future__ import annotations

from grantdocs.profile.schema import schema_text
from grantdocs.resources import default_profile, schema_path


def test_committed_schema_is_current() -> None:
    assert schema_path().read_text(encoding="utf-8") == schema_text(), (
        "schema/profile.schema.json is stale: run 'grantdocs schema -o schema/profile.schema.json'"
    )


def test_bundled_profile_references_the_schema() -> None:
    first = default_profile().read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (default_profile().parent / first.split("$schema=", 1)[1]).resolve()
    assert target == schema_path().resolve()

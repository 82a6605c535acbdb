"""JSON Schema export of the profile model."""

from __future__ import annotations

import json

from grantdocs.profile.model import json_schema


def schema_text() -> str:
    """The schema as stable, pretty-printed JSON text ending in a newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"

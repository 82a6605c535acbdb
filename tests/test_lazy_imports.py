"""An import inside a function says why it is there (a comment on the line before its block):
imports live at the top of a module unless they keep start-up lazy (docs/development.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "grantdocs"


def uncommented(text: str) -> list[int]:
    """The first lines of the import blocks inside functions with no comment on the line
    before the block nor on its own lines."""
    lines = text.splitlines()
    found = []
    for function in ast.walk(ast.parse(text)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        bodies = [
            body
            for node in ast.walk(function)
            for name in ("body", "orelse", "finalbody")
            if isinstance(body := getattr(node, name, None), list)
        ]
        for body in bodies:
            block: list[ast.stmt] = []
            for statement in [*body, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    block.append(statement)
                    continue
                if block:
                    first = block[0].lineno
                    own = lines[first - 1 : block[-1].end_lineno or first]
                    before = lines[first - 2].strip() if first > 1 else ""
                    if not before.startswith("#") and not any("#" in line for line in own):
                        found.append(first)
                block = []
    return sorted(found)


def test_every_import_inside_a_function_has_its_reason() -> None:
    missing = [
        f"{path.relative_to(SRC.parent)}:{line}"
        for path in sorted(SRC.rglob("*.py"))
        for line in uncommented(path.read_text(encoding="utf-8"))
    ]
    assert missing == []


def test_the_check_finds_an_import_without_a_reason() -> None:
    text = (
        "import os\n\n\ndef f() -> None:\n    import json\n\n    from pathlib import Path\n"
        "\n\ndef g() -> None:\n    # lazy: json loads only when this runs\n    import json\n"
        "    if True:\n        import csv\n"
    )
    assert uncommented(text) == [5, 14]


def test_a_build_loads_difflib_only_to_suggest_a_name(tmp_path: Path) -> None:
    """difflib is for the did-you-mean of a mistake: a build without one does not load it."""
    from tests.fresh import loaded_below

    code = (
        "import datetime, pathlib\n"
        "from grantdocs.build import BuildOptions, build\n"
        f"build(BuildOptions(formats=['dfg-cv'], langs=['de'], out=pathlib.Path({str(tmp_path)!r}),"
        " as_of=datetime.date(2025, 9, 20)))\n"
    )
    assert loaded_below(code, "difflib") == []
    assert list(tmp_path.rglob("*.docx"))  # built
    mistake = (
        "from grantdocs.notices import check_code\n"
        "try:\n    check_code('no-do')\nexcept ValueError:\n    pass\n"
    )
    assert loaded_below(mistake, "difflib") == ["difflib"]  # a mistake: it is there


def test_a_build_from_the_cache_loads_no_pydantic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validation is for files that changed: a build whose profile and format come from the
    disk cache reads records and never loads pydantic (nor the models); the first build,
    which validates, does."""
    from tests.fresh import loaded_below

    monkeypatch.setenv("GRANTDOCS_CACHE", str(tmp_path / "cache"))
    code = (
        "import datetime, pathlib\n"
        "from grantdocs.build import BuildOptions, build\n"
        f"build(BuildOptions(formats=['dfg-cv', 'erc-cv'], langs=['de', 'en'],"
        f" out=pathlib.Path({str(tmp_path / 'out')!r}), as_of=datetime.date(2025, 9, 20)))\n"
    )
    heavy = ("pydantic", "annotated_types", "grantdocs.profile.model", "grantdocs.formats.spec")
    assert "pydantic" in loaded_below(code, *heavy)
    assert loaded_below(code, *heavy) == []
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3  # erc-cv is English only

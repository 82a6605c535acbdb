"""Format files: validation with positions, and user overrides that extend a bundled format."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.errors import FormatError
from grantdocs.formats.registry import bundled_ids, load_format
from tests.conftest import write_tree


def test_bundled_formats_load() -> None:
    ids = bundled_ids()
    assert "dfg-cv" in ids
    for name in ids:
        assert load_format(name).template_path().is_file()


def test_dfg_defaults_follow_the_funder() -> None:
    spec = load_format("dfg-cv").spec
    assert spec.page_limit == 4
    assert spec.slots["category_a"].limit == 10
    assert spec.slots["category_b"].limit == 10
    assert spec.output.startswith("CV_PubList_")
    assert spec.typography.font == "Arial" and spec.typography.size_pt == 11


def test_unknown_field_in_a_rule_is_located_and_lists_valid_names(tmp_path: Path) -> None:
    path = (
        write_tree(
            tmp_path,
            {
                "mine.yaml": "extends: dfg-cv\nslots:\n  category_a:\n    where:\n      peer_reveiwed: true\n"
            },
        )
        / "mine.yaml"
    )
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == (5, 7)
    assert problem.location.file.endswith("mine.yaml")
    assert "peer_reveiwed" in problem.message
    assert problem.hint and "peer_reviewed" in problem.hint


def test_wrong_type_in_a_rule(tmp_path: Path) -> None:
    path = (
        write_tree(
            tmp_path, {"mine.yaml": "extends: dfg-cv\nslots:\n  category_a:\n    limit: many\n"}
        )
        / "mine.yaml"
    )
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    assert any(p.location.line == 4 and "limit" in p.path for p in info.value.problems)


def test_override_changes_only_what_it_names(tmp_path: Path) -> None:
    path = (
        write_tree(
            tmp_path,
            {
                "mine.yaml": "extends: dfg-cv\nslots:\n  category_a:\n    limit: 8\n    pin: [bach2015pixel]\n"
            },
        )
        / "mine.yaml"
    )
    fmt = load_format(str(path))
    base = load_format("dfg-cv")
    assert fmt.spec.slots["category_a"].limit == 8
    assert fmt.spec.slots["category_a"].pin == ["bach2015pixel"]
    assert fmt.spec.slots["category_a"].where == base.spec.slots["category_a"].where
    assert fmt.spec.slots["category_b"] == base.spec.slots["category_b"]
    assert fmt.template_path() == base.template_path()


def test_unknown_format_and_slot(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="unknown format 'nih'"):
        load_format("nih")
    path = (
        write_tree(tmp_path, {"m.yaml": "extends: dfg-cv\nslots:\n  category_c: {limit: 3}\n"})
        / "m.yaml"
    )
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    assert info.value.problems[0].location.line == 3


def test_output_names_are_checked(tmp_path: Path) -> None:
    for name, message in (
        ("CV_{name}", "no other placeholder"),
        ("../CV_{family_name}", "without folders"),
    ):
        path = write_tree(tmp_path, {"m.yaml": f'extends: dfg-cv\noutput: "{name}"\n'}) / "m.yaml"
        with pytest.raises(FormatError) as info:
            load_format(str(path))
        assert message in info.value.render()
        assert info.value.problems[0].location.line == 2  # the output line


# --- labels and languages are checked at load -----------------------------------------------

OWN = """\
id: own
title: {en: "Own CV", de: "Eigener Lebenslauf"}
kind: docx
template: template.docx
languages: [de, en]
output: "Own_{family_name}"
slots:
  papers:
    section: publications
    label: {en: "Funded work"}
"""


def test_inline_label_lacking_a_declared_language_is_located(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"own.yaml": OWN}) / "own.yaml"
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == (10, 12)
    assert problem.location.file.endswith("own.yaml")
    assert problem.path == "slots.papers.label"
    assert "'de'" in problem.message


def test_language_without_catalog_is_located(tmp_path: Path) -> None:
    text = "extends: dfg-cv\nlanguages: [de, en, it]\n"
    path = write_tree(tmp_path, {"m.yaml": text}) / "m.yaml"
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    problems = info.value.problems
    assert (problems[0].location.line, problems[0].location.column) == (2, 21)
    assert "no catalog for language 'it'" in problems[0].message
    assert problems[0].hint and "locale/it/LC_MESSAGES/grantdocs.po" in problems[0].hint
    # the DFG's inline title has no Italian text either
    assert any(p.path == "title" and "'it'" in p.message for p in problems)


def test_locale_of_another_language_is_located(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"m.yaml": "extends: dfg-cv\nlocales: {de: en_GB}\n"}) / "m.yaml"
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    (problem,) = info.value.problems
    assert problem.location.line == 2 and problem.path == "locales.de"


def test_override_adds_a_locale_and_keeps_the_others(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"m.yaml": "extends: dfg-cv\nlocales: {de: de_AT}\n"}) / "m.yaml"
    assert load_format(str(path)).spec.locales == {"de": "de_AT", "en": "en_GB"}


def test_a_format_folders_catalog_makes_its_language_available(tmp_path: Path) -> None:
    po = 'msgid ""\nmsgstr ""\n\nmsgid "Journal Articles"\nmsgstr "Articoli su rivista"\n'
    text = (
        "extends: publication-list\nlanguages: [de, en, it]\n"
        'title: {en: "Publication List", de: "Publikationsliste", it: "Pubblicazioni"}\n'
    )
    write_tree(tmp_path, {"m.yaml": text, "locale/it/LC_MESSAGES/grantdocs.po": po})
    fmt = load_format(str(tmp_path / "m.yaml"))
    bundled = load_format("publication-list")
    assert fmt.locale_dirs == (*bundled.locale_dirs, tmp_path / "locale")
    assert fmt.spec.languages == ["de", "en", "it"]


@pytest.mark.parametrize("escaped", ["\\0", "\\n", "\\t", "\\r"])
def test_control_characters_in_output_names_are_refused(tmp_path: Path, escaped: str) -> None:
    from click.testing import CliRunner

    from grantdocs.cli.main import cli

    spec = write_tree(tmp_path, {"m.yaml": f'extends: dfg-cv\noutput: "CV{escaped}x"\n'})
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(spec / "m.yaml"), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "m.yaml:2:9: output: the output name is one line of printable characters" in (
        result.output
    )
    assert not out.exists()


def test_a_formats_equality_leaves_out_where_its_values_stood() -> None:
    import msgspec

    fmt = load_format("dfg-cv")
    assert fmt.positions is not None
    elsewhere = msgspec.structs.replace(fmt, positions=None)
    assert elsewhere == fmt
    other = msgspec.structs.replace(fmt, origin="my-formats")
    assert other != fmt

"""Format detection and unreadable input: a located user error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.errors import ImportFileError
from grantdocs.importers.detect import detect_format, read_import_file
from tests.conftest import write_tree
from tests.importers.conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("messy.bib", "bibtex"),
        ("messy-csl.json", "csl-json"),
        ("orcid-record.json", "orcid"),
        ("resume.json", "json-resume"),
    ],
)
def test_fixtures_are_recognised(name: str, fmt: str) -> None:
    path = FIXTURES / name
    assert detect_format(path, path.read_text(encoding="utf-8"), name) == fmt


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        ("@article{x, title={T}}", "bibtex"),
        ("% comment\n  @Misc ( x, title={T})", "bibtex"),
        ("[]", "csl-json"),
        ('{"type": "book", "title": "T"}', "csl-json"),
        ('{"orcid-identifier": {"path": "0000-0002-1825-0097"}}', "orcid"),
        ('{"basics": {"name": "A B"}}', "json-resume"),
    ],
)
def test_content_decides_without_a_known_extension(tmp_path: Path, content: str, fmt: str) -> None:
    path = write_tree(tmp_path, {"export.txt": content}) / "export.txt"
    assert detect_format(path, content, "export.txt") == fmt


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ('[{"title": "x",}]', "not valid JSON", 1),
        ('{\n  "title": "x"\n  "type": 1}', "not valid JSON", 3),
        ('{"something": "else"}', "JSON, but not a format grantdocs imports", 1),
        ("just some text", "cannot tell the format", 0),
    ],
)
def test_unreadable_content_is_a_located_user_error(
    tmp_path: Path, content: str, message: str, line: int
) -> None:
    path = write_tree(tmp_path, {"in.json" if content[0] in "[{" else "in.txt": content})
    file = next(path.iterdir())
    with pytest.raises(ImportFileError) as info:
        read_import_file(file, display=file.name)
    assert message in info.value.message
    assert info.value.problems[0].location.line == line


def test_missing_binary_and_non_utf8_files(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {"bin.bib": b"@article{\x00}", "latin.bib": "\n@article{x, title={Müller}}"}
    )
    (tmp_path / "latin.bib").write_bytes("\n@article{x, title={Müller}}".encode("latin-1"))
    cases = {
        "nothing.bib": "file not found",
        "bin.bib": "a binary file",
        "latin.bib": "not UTF-8 text",
    }
    for name, message in cases.items():
        with pytest.raises(ImportFileError, match=message) as info:
            read_import_file(tmp_path / name, display=name)
        if name == "latin.bib":
            assert info.value.problems[0].location.line == 2
            assert info.value.problems[0].hint == "save it as UTF-8"


def test_format_option_overrides_detection(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"refs.txt": "[]"}) / "refs.txt"
    assert read_import_file(path, display="refs.txt", fmt="csl-json").format == "CSL-JSON"
    with pytest.raises(ImportFileError, match="unknown import format"):
        read_import_file(path, display="refs.txt", fmt="endnote")


def test_a_json_integer_too_long_to_read_is_a_located_error(tmp_path: Path) -> None:
    digits = "9" * 5_000
    path = tmp_path / "long.json"
    path.write_text(f'[\n  {{"type": "book",\n   "issued": {{"date-parts": [[{digits}]]}}}}\n]')
    with pytest.raises(ImportFileError) as info:
        read_import_file(path, display="long.json")
    [problem] = info.value.problems
    assert (problem.location.line, problem.location.column) == (3, 31)
    assert "an integer of 5,000 digits" in info.value.render()

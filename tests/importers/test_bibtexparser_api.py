"""What the BibTeX importer relies on in bibtexparser 2 (pinned below 3 in pyproject.toml):
the splitter's blocks with field lines and repeats, and BibTeX's rules for names."""

from __future__ import annotations

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, String

TEXT = """\
@string{pr = "Pattern Recognition"}
@article{a,
  title = {One},
  title = {Two},
  journal = pr # " Letters",
}
@article{b, title = {First}}
@article{b, title = {Again}}
"""


def test_the_splitter_keeps_raw_values_lines_and_repeats() -> None:
    library = parse_string(TEXT, parse_stack=[])
    [string, repeated, first, duplicate] = library.blocks
    assert isinstance(string, String) and string.value == '"Pattern Recognition"'
    assert isinstance(repeated, DuplicateFieldKeyBlock)
    entry = repeated.ignore_error_block
    assert isinstance(entry, Entry)
    assert [(f.key, f.value, f.start_line) for f in entry.fields] == [
        ("title", "{One}", 2),
        ("title", "{Two}", 3),
        ("journal", 'pr # " Letters"', 4),
    ]
    assert isinstance(duplicate, DuplicateBlockKeyBlock)
    assert isinstance(first, Entry) and duplicate.key == "b"
    assert isinstance(duplicate.ignore_error_block, Entry)
    assert duplicate.ignore_error_block.fields[0].value == "{Again}"


def test_names_split_at_and_outside_braces_into_bibtex_parts() -> None:
    names = split_multiple_persons_names("{Simon and Schuster} and van der Maaten, L. and Jr, Sam")
    assert names == ["{Simon and Schuster}", "van der Maaten, L.", "Jr, Sam"]
    parts = parse_single_name_into_parts("van der Maaten, Laurens")
    assert (parts.von, parts.last, parts.first) == (["van", "der"], ["Maaten"], ["Laurens"])
    try:
        parse_single_name_into_parts("Doe, Jane, Jr, Extra")
    except InvalidNameError:
        pass
    else:  # pragma: no cover - the importer skips such entries with the library's reason
        raise AssertionError("a name with three commas is invalid")

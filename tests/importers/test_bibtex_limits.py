"""BibTeX that would take exponential or quadratic time, or deep stacks: bounded results."""

from __future__ import annotations

import pytest

from grantdocs.errors import ImportFileError
from grantdocs.importers.bibtex import read_bibtex
from grantdocs.importers.bibtex_values import MAX_VALUE


def chain(levels: int, copies: int) -> str:
    """``@string`` macros each made of ``copies`` of the one before: 10 * copies**levels chars."""
    head = '@string{a0 = "xxxxxxxxxx"}\n'
    body = "".join(
        f"@string{{a{i} = {' # '.join([f'a{i - 1}'] * copies)}}}\n" for i in range(1, levels + 1)
    )
    return head + body


def test_a_macro_chain_that_doubles_at_every_step_is_cut_at_the_bound() -> None:
    # 650 bytes that would expand to 10 * 3**29 characters
    text = chain(29, 3) + "@article{k, author = {Doe, J}, title = a29, year = 2020}\n"
    assert len(text) < 1200
    result = read_bibtex(text, "in.bib")
    [skip] = result.skipped
    assert skip.reason == (
        f"no title (macro 'a10', which expands to more than {MAX_VALUE:,} characters)"
    )


def test_a_bounded_macro_used_everywhere_makes_the_file_too_big_to_expand() -> None:
    entries = "".join(
        f"@article{{k{n}, author = {{Doe, J}}, title = a13, year = 2020}}\n" for n in range(2_000)
    )
    text = chain(13, 2).replace('"xxxxxxxxxx"', '"' + "x" * 20 + '"') + entries
    with pytest.raises(ImportFileError, match="macros expand to more text than the file could"):
        read_bibtex(text, "in.bib")


@pytest.mark.parametrize(
    ("strings", "reason"),
    [
        ("@string{a = b}\n@string{b = a}\n", "no title (macro 'a', which is defined through itself)"),
        ("".join(f"@string{{m{i} = m{i + 1}}}\n" for i in range(200)) + '@string{m200 = "end"}\n',
         "no title (macro 'm50', which is nested more than 50 deep)"),
        ("", "no title (undefined macro 'a')"),
    ],
)  # fmt: skip
def test_macro_cycles_depth_and_undefined_names(strings: str, reason: str) -> None:
    first = "m0" if "m200" in strings else "a"
    result = read_bibtex(
        strings + f"@article{{k, author = {{Doe, J}}, title = {first}, year = 2020}}\n", "in.bib"
    )
    assert [s.reason for s in result.skipped] == [reason]


def test_a_field_longer_than_the_bound_is_left_out() -> None:
    long_title = "{" + "word " * (MAX_VALUE // 5 + 10) + "}"
    result = read_bibtex(
        f"@article{{k, author = {{Doe, J}}, title = {long_title}, year = 2020}}", "in.bib"
    )
    assert result.skipped[0].reason == f"no title (longer than {MAX_VALUE:,} characters)"


def test_deeply_nested_braces_and_many_authors_are_read() -> None:
    title = "{" * 50_000 + "Deep" + "}" * 50_000
    authors = " and ".join(f"Doe{n}, Jane" for n in range(3_000))
    result = read_bibtex(
        f"@article{{k, author = {{{authors}}}, title = {{{title}}}, year = 2020}}", "in.bib"
    )
    [record] = result.records
    assert record.entry["title"] == "Deep"
    assert len(record.entry["authors"]) == 3_000


def test_a_field_repeated_a_hundred_thousand_times_is_one_note() -> None:
    repeats = ", ".join("note = {x}" for _ in range(100_000))
    result = read_bibtex(
        f"@article{{k, author = {{Doe, J}}, title = {{T}}, year = 2020, {repeats}}}", "in.bib"
    )
    [record] = result.records
    [note] = [n for n in record.notes if n.startswith("field note given again")]
    assert note.endswith(": imported")


def test_only_used_fields_are_expanded() -> None:
    # an abstract made of a huge macro costs nothing: it is never expanded
    text = chain(16, 2) + "".join(
        f"@article{{k{n}, author = {{Doe, J}}, title = {{T{n}}}, year = 2020, abstract = a16}}\n"
        for n in range(200)
    )
    result = read_bibtex(text, "in.bib")
    assert len(result.records) == 200 and not result.skipped
    assert result.ignored_fields["abstract"] == 200

"""Any input gives records, skips or a user error; what is imported always writes and reloads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grantdocs.errors import GrantdocsError
from grantdocs.importers.bibtex import read_bibtex
from grantdocs.importers.csljson import read_csljson
from grantdocs.importers.jsonpos import parse_json
from grantdocs.importers.jsonresume import read_jsonresume
from grantdocs.importers.merge import plan_merge
from grantdocs.importers.orcid import read_orcid
from grantdocs.importers.records import ImportResult
from grantdocs.importers.writer import append_entries
from grantdocs.profile.yamlpos import load_yaml

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
SCALARS = st.none() | st.booleans() | st.integers(-5, 3000) | TEXT
JSON: Any = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=25,
)
DATE = st.sampled_from(["2015", "2015-07", "1999-13", "", "June 2001", 2020, None])


def _csl_item() -> Any:
    return st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["article-journal", "book", "chapter", "x"]) | JSON,
            "title": TEXT | JSON,
            "author": st.lists(
                st.fixed_dictionaries({}, optional={"family": TEXT, "given": TEXT, "literal": TEXT})
                | JSON,
                max_size=3,
            ),
            "issued": st.fixed_dictionaries(
                {}, optional={"date-parts": st.lists(st.lists(SCALARS, max_size=3), max_size=2)}
            )
            | JSON,
            "DOI": TEXT,
            "URL": TEXT,
            "page": TEXT | st.integers(),
        },
    )


def _imports_and_reloads(result: ImportResult) -> None:
    plan = plan_merge(result, [], set())
    if plan.added:
        text = append_entries(None, plan, "imported.yaml")
        data, _ = load_yaml(text, "imported.yaml")
        assert sum(len(v) for v in data.values()) == len(plan.added)


def _read(reader: Any, data: Any) -> None:
    try:
        result = reader(parse_json(json.dumps(data), "in.json"))
    except GrantdocsError:
        return
    _imports_and_reloads(result)


@SETTINGS
@given(st.lists(_csl_item(), max_size=4) | JSON)
def test_any_csl_json(data: Any) -> None:
    _read(read_csljson, data)


@SETTINGS
@given(JSON, JSON)
def test_any_orcid_or_resume_json(data: Any, section: Any) -> None:
    _read(lambda doc: read_orcid(doc, "Doe J"), {"activities-summary": data})
    _read(lambda doc: read_jsonresume(doc, None), {"basics": {"name": "A B"}, "work": section})


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "article",
                    "misc",
                    "book",
                    "inproceedings",
                    "weird",
                    "string",
                    "phdthesis",
                    "software",
                    "patent",
                    "unpublished",
                ]
            ),
            st.dictionaries(
                st.sampled_from(
                    [
                        "author",
                        "title",
                        "year",
                        "month",
                        "doi",
                        "url",
                        "editor",
                        "selected",
                        "_venue",
                        "note",
                        "codeurl",
                        "pdf",
                        "journal",
                        "school",
                        "version",
                    ]
                ),
                TEXT
                | st.sampled_from(
                    [
                        "{Doe, J and others}",
                        "jan",
                        "2020",
                        "{{X}}",
                        "a # b",
                        "true",
                        "{ICML}",
                        "{In NeurIPS 2021}",
                        "{Amos*, B and Lee$^{\\dagger}$, Y}",
                        "{arXiv}",
                        '{doi:<a href="https://doi.org/10.1000/x">x</a>}',
                    ]
                ),
                max_size=5,
            ),
        ),
        max_size=4,
    ),
    TEXT,
)
def test_any_bibtex(entries: list[tuple[str, dict[str, str]]], noise: str) -> None:
    parts = [noise]
    for number, (kind, fields) in enumerate(entries):
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        parts.append(f"@{kind}{{k{number},\n{body}\n}}")
    try:
        result = read_bibtex("\n".join(parts), "in.bib")
    except GrantdocsError:
        return
    assert result.read >= 0
    _imports_and_reloads(result)


def test_a_lone_surrogate_does_not_reach_the_yaml_file(tmp_path: Path) -> None:
    data = [
        {
            "type": "book",
            "title": "A \ud800 B",
            "author": [{"family": "D"}],
            "issued": {"date-parts": [[2001]]},
        }
    ]
    result = read_csljson(parse_json(json.dumps(data), "in.json"))
    assert result.records[0].entry["title"] == "A B"
    _imports_and_reloads(result)

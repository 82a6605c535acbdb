"""Style files: valid, complete, and the author-year style unchanged for the bundled formats'
options (the bundled formats cite by CSL styles now; ``--style author-year`` gives these)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from msgspec.structs import replace

from grantdocs.cite import cite, owner_names, style_model
from grantdocs.cite.rich import Rich
from grantdocs.cite.styles import Style, load_style
from grantdocs.errors import FormatError
from grantdocs.formats.citation_styles import style_names
from grantdocs.formats.registry import bundled_ids, load_format
from grantdocs.l10n.formatting import Localizer
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.model import validated
from grantdocs.profile.records import PublicationKind, dump
from tests.conftest import write_tree
from tests.docx_read import NUMBERED, open_docx, paragraphs

GOLDEN = Path(__file__).parent / "golden"
BEFORE = json.loads((GOLDEN / "citations-before-styles.json").read_text(encoding="utf-8"))
"""``cite`` output of every bundled publication before styles were data (commit 460d149), for
the three sets of citation options of the bundled Word formats, as runs: a plain run is its
text, a formatted one ``[text, bold, italic, url]``."""
DFG_BEFORE = json.loads((GOLDEN / "dfg-cv-citations-before-styles.json").read_text("utf-8"))
"""The numbered citation paragraphs of the bundled DFG CV, built with ``--as-of 2025-09-20``
from the same commit, as python-docx reads them."""


def runs(rich: Rich) -> list[Any]:
    return [
        s.text if not (s.bold or s.italic or s.url) else [s.text, s.bold, s.italic, s.url]
        for s in rich.segments
    ]


def word_formats() -> list[str]:
    """The bundled Word formats of one person (team formats had no citations before styles;
    tests/team reads theirs back)."""
    return [
        f
        for f in bundled_ids()
        if load_format(f).spec.kind == "docx" and load_format(f).spec.scope == "person"
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("fmt", word_formats())
def test_bundled_citations_did_not_change(bundled: LoadedProfile, fmt: str, lang: str) -> None:
    spec = replace(load_format(fmt).spec.citation, style="author-year")
    reference = next(
        BEFORE[f"{other}/{lang}"]
        for other in ("dfg-cv", "fraunhofer-cv", "publication-list")
        if replace(load_format(other).spec.citation, style="author-year") == spec
    )
    owners = owner_names(bundled.profile.person)
    loc = Localizer(lang)  # type: ignore[arg-type]
    got = {
        p.id: runs(cite(p, spec, owners, loc.word, lang=lang)) for p in bundled.profile.publications
    }
    assert got == reference


@pytest.mark.parametrize("lang", ["de", "en"])
def test_bundled_dfg_cv_citations_did_not_change(tmp_path: Path, lang: str) -> None:
    from grantdocs.build import BuildOptions, build
    from grantdocs.formats.registry import FormatSearchPath
    from tests.conftest import AS_OF

    known = {
        "".join(r if isinstance(r, str) else r[0] for r in v)
        for v in BEFORE[f"dfg-cv/{lang}"].values()
    }
    before = [NUMBERED.sub("", text) for text in DFG_BEFORE[lang]]
    assert len(before) == 20 and set(before) <= known  # the golden runs are the document's text
    search = FormatSearchPath(style="author-year")  # build --style author-year
    (report,) = build(
        BuildOptions(formats=["dfg-cv"], langs=[lang], as_of=AS_OF, out=tmp_path, search=search)
    )
    doc = open_docx(report.path)
    now = [NUMBERED.sub("", p.text) for p in paragraphs(doc) if NUMBERED.match(p.text)]
    assert now, "the DFG CV lists numbered citations"
    # every citation reads as before; which works are selected is the rules' business
    assert [c for c in now if c not in known] == []


@pytest.mark.parametrize("name", style_names())
def test_bundled_styles_load_and_cover_every_kind(name: str) -> None:
    style = load_style(name)
    assert style.name == name
    for kind in get_args(PublicationKind):
        assert style.form(kind), kind
    assert set(style.kinds) - {"default"} <= set(get_args(PublicationKind))


def test_style_files_are_package_data() -> None:
    """The wheel takes the whole package folder (hatchling), so every style file ships;
    tests/test_packaging.py checks the built wheel file by file."""
    import fnmatch
    import tomllib

    pyproject = tomllib.loads(
        (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    )
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert "src/grantdocs" in wheel["only-include"]
    styles = sorted((Path(__file__).parents[2] / "src/grantdocs/cite/styles").iterdir())
    assert styles
    for style in styles:
        assert not any(fnmatch.fnmatch(style.name, p) for p in wheel.get("exclude", [])), style


def test_a_part_has_one_kind() -> None:
    with pytest.raises(ValueError, match="exactly one of"):
        style_model.Part.model_validate({"field": "title", "label": "In:"})
    with pytest.raises(ValueError, match="exactly one of"):
        style_model.Part.model_validate({"prefix": " "})


def test_a_style_needs_a_default_form() -> None:
    with pytest.raises(ValueError, match="default"):
        style_model.Style.model_validate(
            {"name": "x", "description": "", "names": {"et_al": {"text": "et al."}}, "kinds": {}}
        )


def test_list_macros_become_parts_of_the_form() -> None:
    style = validated(
        style_model.Style,
        {
            "name": "x",
            "description": "",
            "names": {"et_al": {"text": " et al."}},
            "macros": {"head": ["authors", "year"]},
            "kinds": {"default": [{"macro": "head"}, "title"]},
        }
    )
    assert style.form("book") == ["authors", "year", "title"]


def test_unknown_style_in_a_format_file_is_an_error_with_its_position(tmp_path: Path) -> None:
    write_tree(tmp_path, {"f.yaml": "extends: dfg-cv\ncitation:\n  style: harvard\n"})
    with pytest.raises(FormatError) as caught:
        load_format(str(tmp_path / "f.yaml"))
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.column) == (3, 10)
    assert "harvard" in problem.message and "apa-like, author-year, numbered" in problem.message
    assert "CSL styles: apa, din-1505-2, ieee" in problem.message


def test_a_format_chooses_a_style_by_name(tmp_path: Path) -> None:
    write_tree(tmp_path, {"f.yaml": "extends: dfg-cv\ncitation:\n  style: apa\n"})
    spec = load_format(str(tmp_path / "f.yaml")).spec.citation
    assert (spec.style, spec.max_authors, spec.show_open_access) == ("apa", 8, True)


def style_with(parts: list[Any], macros: dict[str, Any] | None = None) -> Style:
    return validated(
        style_model.Style,
        {
            "name": "x",
            "description": "",
            "names": {"et_al": {"label": "et al."}},
            "macros": macros or {},
            "kinds": {"default": parts},
        }
    )


def test_a_style_naming_an_unknown_field_is_refused() -> None:
    from grantdocs.cite.styles import _unknown_names

    style = style_with(["title", {"field": "jounral"}, {"label": "In:", "if": "venu"}])
    problems = _unknown_names(style, "x.yaml")
    assert [p.message for p in problems] == ["unknown field 'jounral'", "unknown field 'venu'"]
    assert problems[0].hint and "venue" in problems[0].hint


def test_macros_in_a_circle_are_refused() -> None:
    style = style_with([{"macro": "a"}], {"a": {"macro": "b"}, "b": {"macro": "a"}})
    with pytest.raises(ValueError, match="circle"):
        style.nodes("book")


def test_a_group_of_empty_fields_is_left_out() -> None:
    from grantdocs.cite.values import Item
    from grantdocs.cite.write import Context, write
    from grantdocs.formats.spec import CitationStyle
    from grantdocs.profile.model import Person, Publication

    style = style_with(
        [
            "title",
            {"group": [{"text": "vol."}, "volume"], "delimiter": " ", "prefix": ", "},
            {"group": [{"text": "pp."}, "pages"], "delimiter": " ", "prefix": ", "},
            {"text": "."},
        ]
    )
    p = Publication(id="p", kind="book", authors=["Lovelace A"], title="T", year=2020, pages="3")
    owners = owner_names(Person(given_names="Ada", family_name="Lovelace"))
    item = Item(p, CitationStyle(), [], None, False)
    runs = write(style, "book", Context(style, item, owners, str, "en"))
    assert "".join(r.text for r in runs) == "T, pp. 3."


def test_et_al_after_fits_max_authors(tmp_path: Path) -> None:
    write_tree(tmp_path, {"f.yaml": "extends: dfg-cv\ncitation:\n  et_al_after: 9\n"})
    with pytest.raises(FormatError) as caught:
        load_format(str(tmp_path / "f.yaml"))
    (problem,) = caught.value.problems
    assert "et_al_after (9) is more than max_authors (8)" in problem.message
    assert problem.location.line == 3  # inside the citation block


@pytest.mark.parametrize("style", ["numbered", "apa-like"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_word_document_in_a_named_style(tmp_path: Path, style: str, lang: str) -> None:
    """A format of one's own that only names another style: Word gets bold owners, italic
    venues and links, and the style's German or English words."""
    from grantdocs.build import BuildOptions, build
    from tests.conftest import AS_OF
    from tests.docx_read import runs as docx_runs

    write_tree(tmp_path, {"f.yaml": f"extends: dfg-cv\ncitation:\n  style: {style}\n"})
    (report,) = build(
        BuildOptions(formats=[str(tmp_path / "f.yaml")], langs=[lang], as_of=AS_OF, out=tmp_path)
    )
    doc = open_docx(report.path)
    cited = [p for p in paragraphs(doc) if NUMBERED.match(p.text)]
    assert len(cited) >= 10
    words = {
        ("apa-like", "en"): ", & ",
        ("apa-like", "de"): ". & ",  # no comma before "&" in German
        ("numbered", "en"): "“",
        ("numbered", "de"): "„",
    }
    assert all(words[style, lang] in p.text for p in cited)  # every work here has co-authors
    for paragraph in cited:
        bold = [r.text for r in docx_runs(paragraph) if r.bold]
        assert bold and all("Lapuschkin" in b or "Bach" in b for b in bold), paragraph.text
    italic = [p for p in cited if any(r.italic for r in docx_runs(p))]
    assert len(italic) >= len(cited) // 2  # venues (not the arXiv ids of preprints)
    linked = [p for p in cited if p.hyperlinks]
    assert linked and all(h.address.startswith("https://") for p in linked for h in p.hyperlinks)


@pytest.mark.parametrize("name", style_names())
def test_a_style_from_the_disk_cache_is_the_same_and_reads_no_yaml(
    name: str, tmp_path: Path
) -> None:
    """A style checked once is kept with its compiled forms: a new process gets the same
    style, every form compiled the same (nodes compare by their repr), without parsing the YAML file again."""
    import os
    import pickle
    import subprocess
    import sys

    env = {**os.environ, "GRANTDOCS_CACHE": str(tmp_path / "cache")}
    code = (
        "import pickle, sys\n"
        "from grantdocs.cite.styles import load_style\n"
        f"style = load_style({name!r})\n"
        "forms = {kind: repr(style.nodes(kind)) for kind in style.kinds}\n"
        "from msgspec.structs import replace\n"
        "from grantdocs.profile.records import dump\n"
        "kept = dump(replace(style, memo={}))\n"
        "sys.stdout.buffer.write(pickle.dumps((kept, forms, 'yaml' in sys.modules)))\n"
    )
    runs = [
        pickle.loads(
            subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0][2] and not runs[1][2]  # the first read the file, the second the cache
    assert runs[0][:2] == runs[1][:2]
    assert runs[1][0] == dump(replace(load_style.__wrapped__(name), memo={}))


def test_an_edited_style_file_is_read_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from grantdocs import usercache
    from grantdocs.cite import styles

    monkeypatch.setenv(usercache.ENV_VAR, str(tmp_path / "cache"))
    folder = tmp_path / "styles"
    folder.mkdir()
    source = (styles.STYLES_DIR / "numbered.yaml").read_text(encoding="utf-8")
    (folder / "numbered.yaml").write_text(source, encoding="utf-8")
    monkeypatch.setattr(styles, "STYLES_DIR", folder)
    try:
        assert (
            styles.load_style.__wrapped__("numbered").description
            == load_style("numbered").description
        )
        edited = source.replace("description:", "description: edited,", 1)
        (folder / "numbered.yaml").write_text(edited, encoding="utf-8")
        assert styles.load_style.__wrapped__("numbered").description.startswith("edited,")
    finally:
        usercache._trusted.cache_clear()

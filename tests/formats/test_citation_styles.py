"""CSL styles named by a format (a bundled id or a .csl file beside it) or by ``build
--style``: checked before use, with the file and line of each problem; exit 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.errors import FormatError
from grantdocs.formats.citation_styles import check_style, csl_locale, style_path
from grantdocs.formats.registry import FormatSearchPath
from tests.conftest import write_tree
from tests.docx_read import open_docx, texts

DIN = style_path("din-1505-2").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_a_format_names_a_csl_file_beside_it(tmp_path: Path) -> None:
    write_tree(
        tmp_path / "formats",
        {
            "my-dfg/format.yaml": "extends: dfg-cv\ncitation: {style: styles/institute.csl}\n",
            "my-dfg/styles/institute.csl": DIN,
        },
    )
    search = FormatSearchPath.from_options([tmp_path / "formats"], environ={})
    fmt = search.load("my-dfg")
    assert Path(fmt.spec.citation.style) == (tmp_path / "formats/my-dfg/styles/institute.csl")
    code, out = run(
        "build", "my-dfg", "--formats", str(tmp_path / "formats"), "--lang", "de",
        "--out", str(tmp_path / "out"), "--as-of", "2025-09-20", "-q",
    )  # fmt: skip
    assert code == 0, out
    (docx,) = (tmp_path / "out").rglob("*.docx")
    body = "\n".join(texts(open_docx(docx)))
    assert "Lapuschkin, S. ; Binder, A." in body or " ; Lapuschkin, S." in body  # DIN's ";"


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("<style xmlns='http://purl.org/net/xbiblio/csl'>\n<info>\n</style>", "not well-formed", 3),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            "<style xmlns='http://purl.org/net/xbiblio/csl'>&e;</style>",
            "DOCTYPE",
            1,
        ),
        ("<html>\n<body/></html>", "not a CSL style", 1),
        ("<style xmlns='http://purl.org/net/xbiblio/csl'><citation/></style>", "bibliography", 0),
    ],
)
def test_a_bad_style_file_is_an_error_with_its_line(
    tmp_path: Path, content: str, message: str, line: int
) -> None:
    path = tmp_path / "bad.csl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        check_style(path, "bad.csl")
    (problem,) = caught.value.problems
    assert message in problem.message and problem.location.line == line
    code, out = run("build", "dfg-cv", "--style", str(path), "--out", str(tmp_path / "o"))
    assert code == 1 and message in out and "Traceback" not in out


def test_a_missing_or_unknown_style_is_an_error(tmp_path: Path) -> None:
    code, out = run("build", "dfg-cv", "--style", "nope.csl", "--out", str(tmp_path))
    assert code == 1 and "cannot read the CSL style" in out
    code, out = run("build", "dfg-cv", "--style", "chicago", "--out", str(tmp_path))
    assert code == 1 and "unknown citation style 'chicago'" in out and "din-1505-2" in out
    write_tree(tmp_path / "f", {"x/format.yaml": "extends: dfg-cv\ncitation: {style: x.csl}\n"})
    code, out = run("build", "x", "--formats", str(tmp_path / "f"), "--out", str(tmp_path))
    assert code == 1 and "format.yaml:2" in out and "x.csl" in out


def test_style_on_the_command_line_replaces_every_formats(tmp_path: Path) -> None:
    code, out = run(
        "build", "publication-list", "--lang", "en", "--style", "ieee",
        "--out", str(tmp_path), "--as-of", "2025-09-20", "-q",
    )  # fmt: skip
    assert code == 0, out
    (docx,) = tmp_path.rglob("*.docx")
    body = "\n".join(texts(open_docx(docx)))
    assert "S. Lapuschkin" in body and "‘" in body  # IEEE in en-GB: initials first, ‘title’


def test_csl_locales_follow_the_document() -> None:
    assert csl_locale("de", "de_DE") == "de-DE"
    assert csl_locale("en", "en_GB") == "en-GB"
    assert csl_locale("en") == "en-US"
    assert csl_locale("fr", "fr_CA") == "fr-CA"
    assert csl_locale("de", "de_LU") == "de-DE"  # no CSL locale file: the language's usual one
    assert csl_locale("xx") == "en-US"


def test_the_locales_found_without_citeproc_are_citeprocs() -> None:
    """The CSL locale names are read from citeproc-py's folder without importing it; they
    are the files its own ``LOCALES_PATH`` holds."""
    from citeproc import LOCALES_PATH

    from grantdocs.formats.citation_styles import _locale_names

    own = {p.name[len("locales-") : -len(".xml")] for p in Path(LOCALES_PATH).glob("locales-*.xml")}
    assert _locale_names() == own
    assert {"de-DE", "en-US", "fr-FR"} <= own


def test_whether_a_style_is_numeric_is_kept_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``is_numeric`` parses a style once; a new process (the memo cleared) takes the answer
    from the disk cache without lxml, by the file's bytes: an edited style is read anew."""
    import sys

    from grantdocs import usercache
    from grantdocs.formats.citation_styles import is_numeric

    monkeypatch.setenv(usercache.ENV_VAR, str(tmp_path / "cache"))
    usercache._trusted.cache_clear()
    ieee = style_path("ieee").read_text(encoding="utf-8")
    mine = tmp_path / "mine.csl"
    mine.write_text(ieee, encoding="utf-8")
    is_numeric.cache_clear()
    assert is_numeric(mine) and not is_numeric(style_path("din-1505-2"))
    assert len(list((tmp_path / "cache").glob("numeric-*.bin"))) == 2
    is_numeric.cache_clear()
    with monkeypatch.context() as patched:
        patched.setitem(sys.modules, "lxml", None)  # importing lxml fails: not parsed
        assert is_numeric(mine) and not is_numeric(style_path("din-1505-2"))
    mine.write_text(ieee.replace('citation-format="numeric"', 'citation-format="author"'))
    is_numeric.cache_clear()
    assert not is_numeric(mine)
    for entry in (tmp_path / "cache").glob("numeric-*.bin"):  # forged: parsed again
        data = entry.read_bytes()
        if data.endswith(b"numeric"):
            entry.write_bytes(data[: -len(b"numeric")] + b"other")
    mine.write_text(ieee, encoding="utf-8")
    is_numeric.cache_clear()
    assert is_numeric(mine)
    is_numeric.cache_clear()
    usercache._trusted.cache_clear()


UNUSED_WHEN_CACHED = ("yaml", "grantdocs.profile.yamlread", "email", "subprocess")
"""What a build whose profile, format files and citations all come from the disk cache does
not load: it parses no YAML, reads no library's metadata (``email``) and, without ``--pdf``,
starts no tool (``subprocess``)."""
UNUSED = ("babel.messages",)
"""What a build of a bundled format loads neither the first time nor from the disk cache:
the labels come from the package's compiled catalogs, read without babel's catalogs."""


def test_a_build_from_the_disk_cache_does_not_load_citeproc(tmp_path: Path) -> None:
    """Once every citation of a document is in the disk cache, building it again in a new
    process loads neither citeproc-py nor the multiprocessing machinery (one document); the
    first build renders them by the compiled DIN 1505-2, without citeproc-py too. Nor does
    it load what only reading the profile and format files anew needs (``UNUSED_WHEN_CACHED``),
    which the first build does; neither build loads ``UNUSED``."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from grantdocs.cli.main import main\n"
        "sys.argv = ['grantdocs', 'build', 'dfg-cv', '--lang', 'de', '-q', '--out', sys.argv[1],"
        " '--ignore', 'no-doi,not-shown']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        "print(sorted(loaded & {'citeproc', 'multiprocessing', 'grantdocs.cite.csl_compile'}))\n"
        f"print(sorted(loaded & set({UNUSED_WHEN_CACHED!r})))\n"
        f"print(sorted(loaded & set({UNUSED!r})))\n"
    )
    env = {**os.environ, "GRANTDOCS_CACHE": str(tmp_path / "cache")}
    runs = []
    for _ in range(2):
        runs.append(
            subprocess.run(
                [sys.executable, "-c", code, str(tmp_path / "out")],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split("\n")
        )
        if len(runs) == 1:  # the first build renders its citations (DIN 1505-2: compiled)
            rendered = set((tmp_path / "cache").rglob("csl-*.bin"))
            assert len(rendered) > 10
    assert runs[0][0] == "['grantdocs.cite.csl_compile']"  # rendered by the compiled DIN 1505-2
    assert "'yaml'" in runs[0][1]  # the first build reads the files
    assert runs[0][2] == "[]"
    assert runs[1][:3] == ["[]", "[]", "[]"]
    assert set((tmp_path / "cache").rglob("csl-*.bin")) == rendered  # nothing rendered anew

"""The examples runner: what it runs, validates, writes, and reports with its line."""

from __future__ import annotations

from pathlib import Path

from grantdocs.docsite.examples import blocks, page_files, run_page


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_blocks_keep_language_title_line_and_directive() -> None:
    text = (
        "# T\n\n<!-- example: exit=1 -->\n```sh\nfalse\n```\n\n"
        '```yaml title="a/b.yaml"\nx: 1\n```\n'
    )
    found = blocks(text)
    assert [(b.line, b.lang, b.title, b.directive) for b in found] == [
        (4, "sh", None, "exit=1"),
        (8, "yaml", "a/b.yaml", None),
    ]
    assert found[1].text == "x: 1\n"


def test_a_directive_applies_only_to_the_next_block() -> None:
    found = blocks("<!-- example: skip why -->\n\ntext\n\n```sh\ntrue\n```\n")
    assert found[0].directive is None


def test_a_failing_command_is_reported_with_its_line(tmp_path: Path) -> None:
    result = run_page(
        _page(tmp_path, "# T\n\n```sh\ntrue\ngrantdocs formats no-such-format\n```\n")
    )
    assert result.checked == 1
    assert len(result.failures) == 1
    assert result.failures[0].startswith("page.md:3: exit 1, expected 0")
    assert "no-such-format" in result.failures[0]


def test_an_expected_exit_code_passes(tmp_path: Path) -> None:
    text = "<!-- example: exit=1 -->\n```sh\ngrantdocs formats no-such-format\n```\n"
    assert run_page(_page(tmp_path, text)).failures == []


def test_a_skip_needs_a_reason_and_a_fence_a_language(tmp_path: Path) -> None:
    text = "<!-- example: skip -->\n```sh\nfalse\n```\n\n```\nplain\n```\n"
    failures = run_page(_page(tmp_path, text)).failures
    assert failures == [
        "page.md:2: 'example: skip' needs a reason",
        "page.md:6: a fence without a language (use text, sh or yaml)",
    ]


def test_a_titled_yaml_block_is_written_for_later_commands(tmp_path: Path) -> None:
    text = (
        '```yaml title="mine/profile.yaml"\n'
        "person: {given_names: Ada, family_name: Lovelace}\n```\n\n"
        "```sh\ngrantdocs validate mine/profile.yaml\ntest -d profiles/lapuschkin\n```\n"
    )
    result = run_page(_page(tmp_path, text))
    assert (result.checked, result.failures) == (2, [])


def test_profile_and_team_fragments_are_validated(tmp_path: Path) -> None:
    text = (
        "```yaml\nreport:\n  ignore: [no-doi]\n```\n\n"
        "```yaml\npublications:\n  - {id: a, kind: jornal_article, title: T, authors: [A B], year: 2020}\n```\n\n"
        "```yaml\nacronym: X\nmembers: [{profile: p, role: chief}]\ntitle: T\n```\n\n"
        "```yaml\nslots: {a: {limit: 2}}\n```\n\n"
        "```yaml\nkey: [unclosed\n```\n"
    )
    failures = run_page(_page(tmp_path, text)).failures
    assert [f.split(":")[1] for f in failures] == ["6", "11", "21"]
    assert "not a valid profile fragment" in failures[0] and "jornal_article" in failures[0]
    assert "not a valid team fragment" in failures[1] and "chief" in failures[1]
    assert "YAML does not parse" in failures[2]


def test_page_files_are_copied_into_the_session(tmp_path: Path) -> None:
    text = (
        "<!-- example-files: in/refs.bib=tests/fixtures/real/zhuo-wang_papers.bib -->\n"
        "```sh\ngrep -q '@' in/refs.bib\n```\n"
    )
    assert page_files(text) == {"in/refs.bib": "tests/fixtures/real/zhuo-wang_papers.bib"}
    assert run_page(_page(tmp_path, text)).failures == []


def test_a_title_outside_the_session_is_refused(tmp_path: Path) -> None:
    text = '```yaml title="../escape.yaml"\nx: 1\n```\n'
    try:
        run_page(_page(tmp_path, text))
    except ValueError as exc:
        assert "not a relative path inside" in str(exc)
    else:
        raise AssertionError("a title leaving the session folder was accepted")
    assert not (tmp_path.parent / "escape.yaml").exists()

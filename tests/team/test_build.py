"""Multi-profile builds: no member lost, the same person refused, failures isolated."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from grantdocs.build import BuildOptions, build_all
from grantdocs.cli.main import cli
from tests.conftest import AS_OF, write_tree
from tests.team.conftest import person, team_file, write_team

PUB = [{"id": "p1", "authors": ["X Y"], "title": "A work"}]


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".docx", ".xlsx"))


def test_same_family_names_and_colliding_file_names_keep_every_document(
    tmp_path: Path,
) -> None:
    write_tree(
        tmp_path,
        {
            "anna/profile.yaml": person("Anna", "Müller", "Müller A", PUB),
            "bernd/profile.yaml": person("Bernd", "Müller", "Müller B", PUB),
            "ada1/profile.yaml": person("Ada", "Love lace", "Love lace A", PUB),
            "ada2/profile.yaml": person("Ada", "Love_lace", "Love_lace A", PUB),
        },
    )
    out = tmp_path / "out"
    result = build_all(
        BuildOptions(
            formats=["dfg-cv", "horizon-europe-tables"],
            langs=["en"],
            as_of=AS_OF,
            profiles=[tmp_path],
            out=out,
        )
    )
    assert len(result.reports) == 8 and not result.failed
    paths = [r.path for r in result.reports]
    assert len({str(p).casefold() for p in paths}) == 8
    assert _files(out) == sorted(paths)
    folders = {m.name for m in result.members}
    assert len(folders) == 4 and {"Müller_Anna", "Müller_Bernd"} <= folders
    assert (out / "Müller_Anna/dfg-cv/en/CV_PubList_Müller_Anna.docx").is_file()
    for m in result.members:  # the report lists each person's documents
        assert len([r for r in result.reports if r.member == m.name]) == 2


def test_the_same_person_twice_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    orcid = 'identifiers: {orcid: "0000-0002-1825-0097"}\n'
    write_tree(
        tmp_path,
        {
            "a.yaml": person("Ada", "Lovelace", "Lovelace A", extra=""),
            "b.yaml": person("Ada", "Lovelace", "Lovelace A").replace(
                "  name_variants", "  " + orcid + "  name_variants"
            ),
            "c.yaml": person("Ada", "King", "King A").replace(
                "  name_variants", "  " + orcid + "  name_variants"
            ),
            "out/keep.txt": "earlier output",
        },
    )
    for pair in (("a.yaml", "a.yaml"), ("b.yaml", "c.yaml")):
        args = ["build", "dfg-cv", "--as-of", "2025-09-20", "--out", str(tmp_path / "out")]
        for name in pair:
            args += ["--profile", str(tmp_path / name)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert pair[0] in result.output and pair[1] in result.output
        assert "twice" in result.output
    assert _files(tmp_path / "out") == []
    assert (tmp_path / "out/keep.txt").read_text() == "earlier output"


def test_a_failing_member_does_not_stop_the_others(tmp_path: Path) -> None:
    path = write_team(
        tmp_path,
        {
            "team.yaml": team_file([("a", "applicant"), ("broken", "pi"), ("c", "key_person")]),
            "a/profile.yaml": person("Ada", "Lovelace", "Lovelace A", PUB),
            "broken/profile.yaml": "person: {given_names: Bad}\n",
            "c/profile.yaml": person("Emmy", "Noether", "Noether E", PUB),
        },
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "dfg-cv",
            "horizon-europe-team",
            "--lang",
            "en",
            "--team",
            str(path),
            "--as-of",
            "2025-09-20",
            "--out",
            str(out),
            "-j",
            "2",
        ],
    )
    assert result.exit_code == 1, result.output
    assert (out / "Lovelace/dfg-cv/en/CV_PubList_Lovelace.docx").is_file()
    assert (out / "Noether/dfg-cv/en/CV_PubList_Noether.docx").is_file()
    assert (out / "horizon-europe-team/en/HorizonEurope_Researchers_INV.xlsx").is_file()
    tail = result.output[result.output.index("failed") :]
    assert "broken/profile.yaml" in tail and "family_name" in tail
    assert "built without" in result.output


def test_a_failing_document_of_one_member_does_not_stop_the_others(tmp_path: Path) -> None:
    path = write_team(
        tmp_path,
        {
            "team.yaml": team_file([("a", "applicant"), ("c", "key_person")]),
            "a/profile.yaml": person("Ada", "Lovelace", "Lovelace A", PUB),
            "c/profile.yaml": person("Emmy", "Noether", "Noether E", PUB),
            "out/Lovelace": "a file where Lovelace's folder would go",
        },
    )
    result = build_all(
        BuildOptions(formats=["dfg-cv"], langs=["en"], as_of=AS_OF, team=path, out=tmp_path / "out")
    )
    (failed,) = [r for r in result.reports if r.error]
    assert failed.member == "Lovelace" and "cannot write" in (failed.error or "")
    (built,) = [r for r in result.reports if r.error is None]
    assert built.member == "Noether" and built.path.is_file()
    assert [who for who, _ in result.failed] == ["Lovelace: dfg-cv (en)"]


def test_a_members_pin_typo_fails_that_member_with_the_team_files_position(
    tmp_path: Path,
) -> None:
    path = write_team(
        tmp_path,
        {
            "team.yaml": team_file([("a", "applicant")])
            + "  - {profile: c, role: key_person, pin: {category_a: [nosuchid]}}\n",
            "a/profile.yaml": person("Ada", "Lovelace", "Lovelace A", PUB),
            "c/profile.yaml": person("Emmy", "Noether", "Noether E", PUB),
        },
    )
    result = build_all(
        BuildOptions(formats=["dfg-cv"], langs=["en"], as_of=AS_OF, team=path, out=tmp_path / "out")
    )
    (failed,) = [m for m in result.members if m.error]
    assert failed.profile.parent.name == "c"
    assert "team.yaml:5:" in (failed.error or "") and "nosuchid" in (failed.error or "")
    assert [r.member for r in result.reports if r.error is None] == ["Lovelace"]


def test_json_report_says_why_a_member_failed_and_member_lines_say_what_was_built(
    tmp_path: Path,
) -> None:
    import json

    path = write_team(
        tmp_path,
        {
            "team.yaml": team_file([("a", "applicant"), ("broken", "pi")]),
            "a/profile.yaml": person("Ada", "Lovelace", "Lovelace A", PUB),
            "broken/profile.yaml": "person: {given_names: Bad}\n",
        },
    )
    out = tmp_path / "out"
    base = ["build", "--lang", "en", "--team", str(path), "--as-of", "2025-09-20"]
    result = CliRunner().invoke(
        cli, [*base, "horizon-europe-team", "--out", str(out), "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 1, result.output
    failed = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["failed"]
    assert len(failed) == 1
    assert "broken/profile.yaml" in failed[0]["what"]
    assert "family_name" in failed[0]["why"]
    assert "Ada Lovelace (" in result.output
    assert "in the team documents only (no member format asked for)" in result.output
    assert "0 document(s)" not in result.output
    both = CliRunner().invoke(cli, [*base, "dfg-cv", "horizon-europe-team", "--out", str(out)])
    assert "1 document(s) in Lovelace/ (dfg-cv)" in both.output

"""``choices.yaml`` beside a profile: honoured by build and explain, located when wrong."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.build import BuildOptions, build
from grantdocs.cli.main import cli
from grantdocs.errors import GrantdocsError
from grantdocs.formats.registry import load_format
from grantdocs.prepare import select_slots
from grantdocs.profile.load import load_profile
from grantdocs.resources import default_profile
from grantdocs.select.choices_file import dump_choices, read_choices, write_choices
from grantdocs.select.choices_model import ChoicesData, FormatChoices
from tests.conftest import AS_OF


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A copy of the bundled profile's folder (real data), so a choices file can go beside it."""
    folder = tmp_path / "cv"
    shutil.copytree(default_profile().parent, folder)
    return folder / default_profile().name


def kept(profile: Path, slot: str, as_of: dt.date = AS_OF) -> list[str]:
    selections = select_slots(load_format("dfg-cv"), load_profile(profile), as_of)
    return [e.id for e in selections[slot].kept]


def test_a_saved_pin_and_exclude_change_the_selection(profile: Path) -> None:
    before = kept(profile, "category_a")
    assert "alber2019innvestigate" not in before and "bach2015pixel" in before
    pins = {"category_a": ["alber2019innvestigate"]}
    choice = FormatChoices(pin=pins, exclude=["bach2015pixel"])
    write_choices(profile, ChoicesData(formats={"dfg-cv": choice}))
    after = kept(profile, "category_a")
    assert "alber2019innvestigate" in after
    assert "bach2015pixel" not in after
    assert len(after) == len(before)
    # another format's decisions do not touch this one
    write_choices(profile, ChoicesData(formats={"erc-cv": choice}))
    assert kept(profile, "category_a") == before


def test_build_and_explain_honour_the_file(profile: Path, tmp_path: Path) -> None:
    choice = FormatChoices(exclude=["bach2015pixel"])
    write_choices(profile, ChoicesData(as_of=dt.date(2020, 1, 1), formats={"dfg-cv": choice}))

    def chosen(as_of: dt.date | None) -> dict[str, list[str]]:
        options = BuildOptions(
            formats=["dfg-cv"], langs=["en"], profiles=[profile], out=tmp_path / "o", as_of=as_of
        )
        (report,) = build(options)
        return {s.slot: [c.id for c in s.chosen] for s in report.slots}

    saved = chosen(None)
    assert "bach2015pixel" not in saved["category_a"]
    assert saved == chosen(dt.date(2020, 1, 1))  # the saved as-of date
    assert saved != chosen(AS_OF)  # a date given wins
    result = CliRunner().invoke(cli, ["explain", "dfg-cv", "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    assert '"as_of": "2020-01-01"' in result.output
    given = ["explain", "dfg-cv", "--profile", str(profile), "--json", "--as-of", "2025-09-20"]
    assert '"as_of": "2025-09-20"' in CliRunner().invoke(cli, given).output


def test_a_pin_that_names_nothing_is_an_error_at_its_line(profile: Path) -> None:
    path = profile.parent / "choices.yaml"
    path.write_text(
        "formats:\n  dfg-cv:\n    pin:\n      category_a:\n        - bach2015pixle\n"
        "    exclude: [nothing-here]\n",
        encoding="utf-8",
    )
    with pytest.raises(GrantdocsError) as caught:
        kept(profile, "category_a")
    text = caught.value.render()
    assert "choices.yaml:5:11" in text and "did you mean bach2015pixel" in text
    assert "choices.yaml:6:15" in text
    result = CliRunner().invoke(
        cli,
        ["build", "dfg-cv", "--profile", str(profile), "--out", str(profile.parent.parent / "o")],
    )
    assert result.exit_code == 1
    assert "choices.yaml:5:11" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_key_is_located_and_python_tags_are_refused(profile: Path) -> None:
    path = profile.parent / "choices.yaml"
    path.write_text("formats:\n  dfg-cv:\n    pinn: {}\n", encoding="utf-8")
    with pytest.raises(GrantdocsError, match="choices file") as caught:
        read_choices(profile)
    assert "choices.yaml:3:5" in caught.value.render()
    path.write_text("as_of: !!python/object/apply:os.system [ls]\n", encoding="utf-8")
    with pytest.raises(GrantdocsError):
        read_choices(profile)


def test_the_file_is_deterministic_and_reads_back(profile: Path) -> None:
    data = ChoicesData(
        as_of=dt.date(2026, 12, 1),
        formats={
            "erc-cv": FormatChoices(lang="en"),
            "dfg-cv": FormatChoices(pin={"category_b": ["x", "a"]}, exclude=["b"]),
            "empty": FormatChoices(),
        },
    )
    text = dump_choices(data)
    assert text == dump_choices(ChoicesData.model_validate(data.model_dump()))
    assert "empty" not in text and text.index("dfg-cv") < text.index("erc-cv")
    write_choices(profile, data)
    saved = read_choices(profile)
    assert saved is not None
    assert saved.data.formats["dfg-cv"].pin == {"category_b": ["x", "a"]}
    assert saved.data.as_of == dt.date(2026, 12, 1)


def test_build_watch_follows_the_file(profile: Path) -> None:
    from grantdocs.watch import watched

    files = watched([profile], ["dfg-cv"])
    every, _formats = files.affected([profile.parent / "choices.yaml"])
    assert every

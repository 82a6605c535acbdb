"""The bounded reader: regular files only, at most limit + 1 bytes, UTF-16 named as such."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.errors import ImportFileError, ProfileError
from grantdocs.importers.detect import read_import_file
from grantdocs.profile.load import load_profile
from grantdocs.textfile import UnreadableText, read_limited, read_user_text
from tests.conftest import MINIMAL, write_tree

needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def test_reads_at_most_limit_plus_one_bytes(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"a.yaml": "x" * 11})
    assert read_limited(path / "a.yaml", 11) == b"x" * 11
    with pytest.raises(UnreadableText, match="larger than the limit of 10 bytes"):
        read_limited(path / "a.yaml", 10)


@needs_dev_zero
def test_a_device_is_refused_unread() -> None:
    with pytest.raises(UnreadableText, match="is a device, not a regular file"):
        read_limited(Path("/dev/zero"), 10)


@needs_fifo
def test_a_fifo_in_include_is_refused_without_waiting(tmp_path: Path) -> None:
    write_tree(tmp_path, {"p.yaml": MINIMAL + "include: [pipe.yaml, /dev/zero]\n"})
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "p.yaml")
    text = info.value.render()
    assert "p.yaml:2:11: include pipe.yaml: is a pipe (FIFO), not a regular file" in text
    if Path("/dev/zero").exists():
        assert "include /dev/zero: is a device, not a regular file" in text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_text_is_named(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}[codec]
    data = bom + "person: {given_names: A, family_name: B}\n".encode(codec)
    path = write_tree(tmp_path, {"p.yaml": data}) / "p.yaml"
    wanted = "UTF-32" if codec == "utf-32" else "UTF-16"
    with pytest.raises(UnreadableText, match=f"{wanted} text: save it as UTF-8"):
        read_user_text(path, 1000, "YAML")
    with pytest.raises(ProfileError, match="cannot read the profile") as info:
        load_profile(path)
    assert f"p.yaml:1:1: {wanted} text: save it as UTF-8" in info.value.render()
    bib = write_tree(tmp_path, {"refs.bib": bom + "@misc{a, title={T}}".encode(codec)})
    bib = bib / "refs.bib"
    with pytest.raises(ImportFileError, match=f"refs.bib: {wanted} text: save it as UTF-8"):
        read_import_file(bib, display="refs.bib")
    assert path.read_bytes() == data


@needs_dev_zero
@pytest.mark.parametrize("args", [["validate", "/dev/zero"], ["import", "/dev/zero"]])
def test_cli_on_dev_zero_exits_1(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "/dev/zero: is a device, not a regular file" in result.output
    assert "Traceback" not in result.output


def test_format_files_go_through_the_reader(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"f.yaml": "extends: dfg-cv\n".encode("utf-16")}) / "f.yaml"
    result = CliRunner().invoke(cli, ["explain", str(path), "--as-of", "2025-09-20"])
    assert result.exit_code == 1, result.output
    assert "UTF-16 text: save it as UTF-8" in result.output

"""A format's catalog from a user's folder is hostile: a truncated or lying .mo, an unknown
charset, a pipe; each is "cannot read the catalog <path>: ...", exit 1 (issue 24)."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from click.testing import CliRunner

from grantdocs.cli.main import cli
from tests.conftest import write_tree

CATALOG = "mine/locale/de/LC_MESSAGES/grantdocs"


def good_mo() -> bytes:
    source = Catalog(locale="de")
    source.add("Personal Data", "Angaben zur Person")
    buffer = io.BytesIO()
    write_mo(buffer, source)
    return buffer.getvalue()


def huge_count() -> bytes:
    """A .mo header claiming 2**31 messages."""
    data = bytearray(good_mo())
    data[8:12] = struct.pack("<I", 2**31)
    return bytes(data)


PO_BOGUS = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=bogus-xyz\\n"\n\n'
    'msgid "Personal Data"\nmsgstr "Angaben"\n'
)

CASES = {
    "truncated-mo": ("mo", good_mo()[:30]),
    "mo-2-31-messages": ("mo", huge_count()),
    "mo-bogus-charset": ("mo", good_mo().replace(b"charset=utf-8", b"charset=bogus-xyz")),
    "po-bogus-charset": ("po", PO_BOGUS.encode()),
}


def build(folder: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["build", "mine", "--formats", str(folder), "--lang", "de", "--out", str(out), "-q"],
        env={"GRANTDOCS_CACHE": "off"},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_catalog_is_a_message_with_exit_1(tmp_path: Path, case: str) -> None:
    suffix, data = CASES[case]
    if case == "mo-bogus-charset":
        assert b"charset=bogus-xyz" in data
    folder = write_tree(
        tmp_path / "formats",
        {"mine/format.yaml": "extends: dfg-cv\n", f"{CATALOG}.{suffix}": data},
    )
    code, output = build(folder, tmp_path / "out")
    assert code == 1, output
    assert "cannot read the catalog" in output and f"grantdocs.{suffix}" in output
    assert "Traceback" not in output and "bug in grantdocs" not in output
    assert not (tmp_path / "out").exists()


def test_a_catalog_that_is_a_pipe_is_named_as_such(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "formats", {"mine/format.yaml": "extends: dfg-cv\n"})
    fifo = folder / f"{CATALOG}.po"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    code, output = build(folder, tmp_path / "out")
    assert code == 1, output
    assert "cannot read the catalog" in output and "pipe" in output
    assert "no catalog" not in output

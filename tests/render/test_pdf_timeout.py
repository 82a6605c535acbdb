"""A LibreOffice run past its time limit is killed; the document it hung on is named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from grantdocs.cli.main import cli
from grantdocs.render.pdf import convert

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")

HANGING_SOFFICE = """\
#!/bin/sh
# converts its first document, then hangs like a LibreOffice stuck on the second
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2;;
    --convert-to) shift 2;;
    -*) shift;;
    *) files="$files $1"; shift;;
  esac
done
mkdir -p "$out"
set -- $files
printf '%%PDF-1.4\\n1 0 obj <</Type /Page>> endobj\\n%%%%EOF\\n' > "$out/$(basename "$1" .docx).pdf"
sleep 600 &
wait
"""


@pytest.fixture
def hanging_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(HANGING_SOFFICE, encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def documents(folder: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        doc = Document()
        doc.add_paragraph(name)
        path = folder / f"{name}.docx"
        doc.save(str(path))
        paths.append(path)
    return paths


@pytest.mark.usefixtures("hanging_soffice")
def test_convert_kills_the_run_and_names_the_document(tmp_path: Path) -> None:
    first, second, third = documents(tmp_path, "first", "second", "third")
    failures: dict[Path, str] = {}
    result = convert([first, second, third], timeout=0.5, failures=failures)
    assert list(result) == [first] and result[first].startswith(b"%PDF")
    assert failures[second].startswith("LibreOffice was stopped after 0.5 s while converting")
    assert failures[third] == "LibreOffice was stopped before it reached this document"


@pytest.mark.usefixtures("hanging_soffice")
def test_build_pdf_warns_and_keeps_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRANTDOCS_PDF_TIMEOUT", "0.25")
    out = tmp_path / "out"
    args = ["build", "dfg-cv", "--lang", "de,en", "--as-of", "2025-09-20", "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--pdf", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "warning: LibreOffice was stopped after 0.5 s while converting this document" in (
        " ".join(result.output.split())
    )
    assert len(list(out.rglob("*.docx"))) == 2 and len(list(out.rglob("*.pdf"))) == 1

"""One LibreOffice per session: every conversion inside is handed to it, its page counts
are those of a LibreOffice started for the run alone, and it is ended with the session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from grantdocs.render import office
from grantdocs.render.pdf import convert, count_pages, find_soffice
from tests.render.test_pdf_timeout import HANGING_SOFFICE, documents

posix = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
libreoffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed on this machine"
)


def alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


def pages_document(folder: Path, pages: int) -> Path:
    doc = Document()
    for page in range(pages):
        doc.add_paragraph(f"page {page + 1}")
        if page + 1 < pages:
            doc.add_page_break()  # type: ignore[no-untyped-call]
    path = folder / f"{pages}.docx"
    doc.save(str(path))
    return path


@posix
@libreoffice
@pytest.mark.libreoffice
def test_a_session_converts_with_one_running_libreoffice(
    bundled_documents: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    files = [bundled_documents["dfg-cv", "de"], pages_document(tmp_path, 3)]
    alone = convert(files)
    with office.session() as warm:
        first = convert(files)
        pid = warm.pid
        assert pid is not None and alive(pid), "the office runs after the first conversion"
        second = convert(files[1:])
        assert warm.pid == pid, "the second conversion was handed to the running office"
        third = convert(files[:1])
        assert warm.pid == pid and not warm.failed
        with office.session() as inner:
            assert inner is warm, "a nested session shares the outer office"
    assert not alive(pid), "the office is ended with the session"
    assert not warm.socket.exists()
    counts = [count_pages(alone[f]) for f in files]
    assert counts[1] == 3 and counts[0] >= 1
    assert [count_pages(first[f]) for f in files] == counts
    assert count_pages(second[files[1]]) == 3
    assert count_pages(third[files[0]]) == counts[0]


SLEEPY_SOFFICE = """\
#!/bin/sh
# converts every document it is given; started as an office, never gets ready
case " $* " in *" --convert-to "*) ;; *) exec sleep 600;; esac
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2;;
    --convert-to) shift 2;;
    -*) shift;;
    *) files="$files $1"; shift;;
  esac
done
mkdir -p "$out"
for f in $files; do
  printf '%%PDF-1.4\\n1 0 obj <</Type /Page>> endobj\\n%%%%EOF\\n' > "$out/$(basename "$f" .docx).pdf"
done
"""


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script_text: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(script_text, encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@posix
def test_an_office_that_never_gets_ready_is_ended_and_conversions_run_on_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, monkeypatch, SLEEPY_SOFFICE)
    first, second = documents(tmp_path, "first", "second")
    with office.session() as warm:
        assert list(convert([first], timeout=5)) == [first]
        pid = warm.pid
        assert pid is not None, "the office is started after the first conversion"
        assert list(convert([second], timeout=0.5)) == [second]
        assert warm.failed and warm.pid is None and not alive(pid)
        assert list(convert([first, second], timeout=5)) == [first, second]
        assert warm.pid is None, "no office is started again"


@posix
def test_a_conversion_that_hangs_in_a_session_is_killed_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, monkeypatch, HANGING_SOFFICE)
    first, second = documents(tmp_path, "first", "second")
    failures: dict[Path, str] = {}
    with office.session(keep_warm=False) as warm:  # the fake would hang as an office too
        result = convert([first, second], timeout=0.5, failures=failures)
        assert warm.pid is None
    assert list(result) == [first]
    assert failures[second].startswith("LibreOffice was stopped after 0.5 s")


@posix
@libreoffice
@pytest.mark.libreoffice
def test_sigterm_ends_the_session_and_its_office(tmp_path: Path) -> None:
    doc = pages_document(tmp_path, 1)
    code = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from grantdocs.render import office, pdf\n"
        "with office.session() as o:\n"
        f"    pdf.convert([Path({str(doc)!r})])\n"
        "    print(o.pid, flush=True)\n"
        "    time.sleep(600)\n"
    )
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        pid = int(proc.stdout.readline())
        assert alive(pid)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    assert not alive(pid), "no LibreOffice is left behind"

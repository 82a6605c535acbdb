"""Use an installed grantdocs as a user would, from an empty folder, and read back what it wrote.

Run with the Python of the environment grantdocs is installed in (not a checkout's), in an
empty working folder: ``python check_installed.py BIBTEX_FILE``. The README's commands run
with their paths adjusted (the example team lives in the installation), then the Python API.
Every document written is opened again with python-docx or openpyxl. Nothing may be written
into the installation. Exits 1 with the failing step on stderr; prints ``N passed, 0 failed``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

BUNDLED_DOCUMENTS = 13
"""What ``grantdocs build`` writes for the bundled profile: every person format, every language."""
XJURAG = "Explainable AI für juristische RAG-Anwendungen"
"""A project title of the bundled profile: what its grant workbooks hold instead of a name."""
BIN = Path(sys.executable).parent
PASSED: list[str] = []


def fail(step: str, why: str) -> None:
    print(f"FAILED: {step}: {why}", file=sys.stderr)
    print(f"{len(PASSED)} passed, 1 failed")
    sys.exit(1)


def run(step: str, *args: str, expect: int = 0) -> str:
    """``grantdocs ARGS`` (the installed console script); its output, or fail the step."""
    done = subprocess.run(
        [str(BIN / "grantdocs"), *args], capture_output=True, text=True, timeout=900
    )
    output = done.stdout + done.stderr
    if done.returncode != expect:
        fail(step, f"exit {done.returncode}, expected {expect}:\n{output}")
    if "Traceback" in output:
        fail(step, f"a traceback:\n{output}")
    PASSED.append(step)
    return output


def check(step: str, condition: bool, why: str) -> None:
    if not condition:
        fail(step, why)
    PASSED.append(step)


def read_back(folder: Path, *names: str) -> dict[Path, str]:
    """Open every .docx and .xlsx under ``folder``: its text (cells joined for a workbook).
    A Word document must name one of ``names``, a workbook hold some text."""
    import docx
    import openpyxl

    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".docx", ".xlsx")):
        if path.suffix == ".docx":
            document = docx.Document(str(path))
            texts = [p.text for p in document.paragraphs]
            texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        else:
            book = openpyxl.load_workbook(path, read_only=True)
            texts = [
                str(v)
                for ws in book.worksheets
                for row in ws.iter_rows(values_only=True)
                for v in row
                if v is not None
            ]
            book.close()
        text = "\n".join(texts)
        if not text.strip() or (path.suffix == ".docx" and not any(n in text for n in names)):
            fail(f"read back {path}", f"none of {names} in:\n{text[:500]}")
        found[path] = text
    PASSED.append(f"read back {len(found)} documents in {folder}")
    return found


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its content hash (Python's bytecode caches aside)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def main(bibtex: Path) -> None:
    here = Path.cwd()
    check("empty folder", not any(here.iterdir()), f"{here} is not empty")
    import grantdocs

    installed = Path(grantdocs.__file__).parent
    check(
        "grantdocs is the installed one",
        installed.is_relative_to(Path(sys.prefix)) and not (installed.parent / "src").is_dir(),
        f"imported from {installed}, not from {sys.prefix}",
    )
    before = tree(installed)

    version = run("--version", "--version")
    module = subprocess.run(
        [sys.executable, "-m", "grantdocs", "--version"], capture_output=True, text=True
    )
    check("python -m grantdocs", module.stdout == version, module.stdout + module.stderr)
    check("one version", version.strip() == f"grantdocs, version {grantdocs.__version__}", version)
    listed = run("formats", "formats")
    ids = [f.id for f in grantdocs.list_formats()]
    lines = [line.split()[0] for line in listed.splitlines() if line.strip()]
    check("formats lists the bundled formats", lines == ids and len(ids) >= 12, listed)

    # README, "The two commands" (the team file is in the installation)
    out = run("build", "build")
    documents = read_back(here / "output", "Lapuschkin")
    check("build writes the bundled documents", len(documents) == BUNDLED_DOCUMENTS, out)
    grants = [text for path, text in documents.items() if path.name.startswith("ERC_Grants")]
    check("the grants workbook lists the projects", len(grants) == 1 and XJURAG in grants[0], out)
    team = grantdocs.example_team()
    run("build --team", "build", "--team", str(team), "--out", "output/example-team")
    team_documents = read_back(
        here / "output" / "example-team", "Lapuschkin", "Musterfrau", "Beispiel", "Exempel"
    )
    folders = {p.relative_to(here / "output" / "example-team").parts[0] for p in team_documents}
    check("team build: members and team documents", len(folders) >= 6, str(sorted(folders)))

    # docs/guides/bibtex.md, "Start from a BibTeX file"
    shutil.copy(bibtex, here / "refs.bib")
    run("init --from", "init", "my-cv", "--from", "refs.bib", "--name", "Nicolas Müller")
    profile = (here / "my-cv" / "profile.yaml").read_text(encoding="utf-8")
    check("init writes no path into the installation", str(installed) not in profile, profile[:300])
    run("import (dry run)", "import", "refs.bib", "--profile", "my-cv/profile.yaml")
    run("import --write", "import", "refs.bib", "--profile", "my-cv/profile.yaml", "--write")
    run("validate", "validate", "my-cv/profile.yaml")
    run("build refuses examples", "build", "dfg-cv", "--profile", "my-cv", expect=1)
    run("build --allow-examples", "build", "dfg-cv", "--profile", "my-cv", "--lang", "de",
        "--allow-examples", "--out", "output/my-cv")
    run("build erc-cv", "build", "erc-cv", "--profile", "my-cv", "--allow-examples",
        "--out", "output/my-cv")
    read_back(here / "output" / "my-cv", "Müller")
    run("explain", "explain", "dfg-cv")
    run("context", "context", "dfg-cv", "--lang", "de")
    run("check-template", "check-template", "dfg-cv")
    run("schema -o", "schema", "-o", "profile.schema.json")
    run("validate bundled", "validate")
    if shutil.which("soffice"):  # CI installs LibreOffice; elsewhere this step is left out
        run("build --pdf", "build", "dfg-cv", "--lang", "de", "--pdf", "--out", "output/pdf")
        pdfs = list((here / "output" / "pdf").rglob("*.pdf"))
        check("build --pdf writes a PDF", len(pdfs) == 1 and pdfs[0].stat().st_size > 0,
              str(pdfs))
    else:
        print("note: soffice not found; build --pdf left out")
    os.chdir(here / "my-cv")  # a folder's profile.yaml is the default
    run("build in the profile's folder", "build", "fraunhofer-cv", "--allow-examples")
    read_back(here / "my-cv" / "output", "Müller")
    os.chdir(here)

    # the Python API, in a fresh interpreter, the checkout nowhere on sys.path
    api = f"""
import io, datetime as dt
import docx, grantdocs
profile = grantdocs.load_profile("my-cv/profile.yaml")
assert profile.person.family_name == "Müller", profile.person
assert grantdocs.load_profile().person.family_name == "Lapuschkin"
assert [f.id for f in grantdocs.list_formats()] == {ids!r}
report = grantdocs.build_documents(["dfg-cv"], langs=["en"], out="api-out")
assert report.ok and [d.path.as_posix() for d in report.documents] == [
    "api-out/dfg-cv/en/CV_PubList_Lapuschkin.docx"
], report.documents
one = grantdocs.render_document("erc-cv", "en", as_of=dt.date(2026, 1, 1))
text = "\\n".join(p.text for p in docx.Document(io.BytesIO(one.data)).paragraphs)
assert "Lapuschkin" in text and one.kind == "docx", one.filename
why = grantdocs.explain("dfg-cv", as_of=dt.date(2026, 1, 1))
assert why.slots and all(s.kept or s.dropped or not s.eligible for s in why.slots)
try:
    grantdocs.load_profile("missing/profile.yaml")
except grantdocs.GrantdocsError as exc:
    assert "missing/profile.yaml" in exc.render(), exc.render()
else:
    raise AssertionError("no error for a missing profile")
print("api ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", api], capture_output=True, text=True, timeout=900
    )
    check("python -c with the API", done.returncode == 0 and "api ok" in done.stdout,
          done.stdout + done.stderr)
    read_back(here / "api-out", "Lapuschkin")

    after = tree(installed)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    check("nothing written into the installation", not changed, "\n".join(changed[:20]))
    print(f"{len(PASSED)} passed, 0 failed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python check_installed.py BIBTEX_FILE")
    main(Path(sys.argv[1]).resolve())

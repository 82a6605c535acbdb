"""Check that every bundled document is byte-identical to the one a git revision builds.

Builds the bundled profile (every format, every language) and the example team (every
member's documents and the team documents) twice, once from this checkout and once from a
revision (default ``main``) checked out into a temporary git worktree, with the same as-of date
and the compiled-template cache off, then compares the two output trees file by file.

    python tools/same_outputs.py              # against main
    python tools/same_outputs.py --ref HEAD~3 # against another revision
    python tools/same_outputs.py --pdf        # also compare PDF page counts

Exit 0: identical. Exit 1: a file differs, is missing or is extra (each is named).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-06-30"


def build(checkout: Path, out: Path, pdf: bool) -> None:
    """Build every bundled document of ``checkout`` into ``out`` with that checkout's code."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(checkout / "src")
    env["GRANTDOCS_HOME"] = str(checkout)
    env["GRANTDOCS_CACHE"] = "off"
    env["GRANTDOCS_FORMATS"] = ""
    extra = ["--pdf"] if pdf else []
    base = [sys.executable, "-m", "grantdocs", "build", "-q", "--as-of", AS_OF, *extra]
    profile = checkout / "profiles" / "lapuschkin"
    team = checkout / "profiles" / "example-team" / "team.yaml"
    for args in (
        ["--profile", str(profile), "--out", str(out / "person")],
        ["--team", str(team), "--out", str(out / "team")],
    ):
        done = subprocess.run(
            [*base, *args], cwd=out, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode not in (0, 1):
            sys.exit(f"build in {checkout} failed ({done.returncode}):\n{done.stderr}")


def files(tree: Path) -> dict[str, bytes]:
    """Every output file below ``tree`` (PDFs excluded: their bytes carry a timestamp)."""
    return {
        path.relative_to(tree).as_posix(): path.read_bytes()
        for path in sorted(tree.rglob("*"))
        if path.is_file() and path.suffix in {".docx", ".xlsx", ".md", ".txt", ".csv"}
    }


def pages(tree: Path) -> dict[str, int]:
    """The page count of every PDF below ``tree``."""
    counts: dict[str, int] = {}
    for path in sorted(tree.rglob("*.pdf")):
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        line = next(line for line in info.splitlines() if line.startswith("Pages:"))
        counts[path.relative_to(tree).as_posix()] = int(line.split()[1])
    return counts


def main() -> int:
    """Build both sides and print every difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="git revision to compare with")
    parser.add_argument("--pdf", action="store_true", help="also compare PDF page counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="same-outputs-") as tmp:
        work = Path(tmp)
        theirs = work / "ref"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(theirs), args.ref],
            check=True,
        )
        try:
            (work / "a").mkdir()
            (work / "b").mkdir()
            build(theirs, work / "a", args.pdf)
            build(ROOT, work / "b", args.pdf)
            before, after = files(work / "a"), files(work / "b")
            if args.pdf:
                before_pages, after_pages = pages(work / "a"), pages(work / "b")
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(theirs)],
                check=False,
            )
    problems = [f"missing: {name}" for name in sorted(before.keys() - after.keys())]
    problems += [f"extra: {name}" for name in sorted(after.keys() - before.keys())]
    problems += [
        f"differs: {name}" for name in sorted(before.keys() & after.keys())
        if before[name] != after[name]
    ]
    if args.pdf:
        problems += [
            f"pages differ: {name} {before_pages[name]} -> {after_pages.get(name)}"
            for name in sorted(before_pages) if before_pages[name] != after_pages.get(name)
        ]
    for line in problems:
        print(line)
    pdfs = f" and the pages of {len(before_pages)} PDFs" if args.pdf else ""
    print(f"{len(before)} files{pdfs} compared with {args.ref}: "
          + ("identical" if not problems else f"{len(problems)} differences"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

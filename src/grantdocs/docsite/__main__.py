"""``python -m grantdocs.docsite [--check] [--pictures]``: rewrite the generated pages
under ``docs/`` (``--check``: list the stale ones and exit 1); ``--pictures`` also renders
every bundled format's first page with LibreOffice."""

from __future__ import annotations

import sys

from grantdocs.atomic import write_text
from grantdocs.docsite.reference import pages, stale
from grantdocs.resources import project_root


def main(argv: list[str]) -> int:
    """Run the command; the exit code."""
    docs = project_root() / "docs"
    if "--check" in argv:
        old = stale(docs)
        for rel in old:
            print(f"docs/{rel} is stale: run 'python -m grantdocs.docsite'", file=sys.stderr)
        return 1 if old else 0
    for rel, make in pages().items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, make())
        print(f"wrote docs/{rel}")
    if "--pictures" in argv:
        # lazy: docsite.pictures loads only when this runs
        from grantdocs.docsite.pictures import render_pictures

        for path in render_pictures(docs):
            print(f"wrote {path.relative_to(project_root())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

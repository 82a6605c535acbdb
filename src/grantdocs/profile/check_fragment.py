"""Validate profile fragments: ``python -m grantdocs.profile.check_fragment FILE...``.

The fragments are included, in the given order, by a temporary minimal profile (a
placeholder person plus ``include:`` of their absolute paths) that is loaded with
``load_profile``. Prints the entry count of each list section, or the problems and exits 1.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from grantdocs.errors import GrantdocsError
from grantdocs.profile.load import load_profile

SECTIONS = (
    "publications",
    "talks",
    "invited_lectures",
    "projects",
    "awards",
    "patents",
    "positions",
    "education",
    "teaching",
    "service",
)


def check(fragments: list[Path]) -> dict[str, int]:
    """Load ``fragments`` in one minimal profile; return entries per section or raise."""
    includes = ", ".join("'" + str(f.resolve()).replace("'", "''") + "'" for f in fragments)
    with tempfile.TemporaryDirectory() as folder:
        main = Path(folder) / "p.yaml"
        main.write_text(
            f"person: {{given_names: X, family_name: Y}}\ninclude: [{includes}]\n",
            encoding="utf-8",
        )
        profile = load_profile(main).profile
    return {section: len(getattr(profile, section)) for section in SECTIONS}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print("usage: python -m grantdocs.profile.check_fragment FILE...", file=sys.stderr)
        return 0 if args else 2
    try:
        counts = check([Path(a) for a in args])
    except GrantdocsError as exc:
        print(exc.render())
        return 1
    print(counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the documentation's examples, so a copied example works.

Every fenced block of a page is one of:

- ``sh`` (also ``bash``, ``shell``): run with ``bash -eu`` in the page's session folder, in
  page order; it must exit 0, or the code an ``<!-- example: exit=N -->`` line before it names;
- ``yaml``: parsed safely; with ``title="path"`` it is also written to that path in the session
  folder (later blocks use it); a block of profile or team-file keys is validated against the
  profile or team model;
- ``text``, ``python``, ``json``, ...: not checked (output, listings). A fence without a
  language is an error, so every block says what it is.

``<!-- example: skip REASON -->`` before a block leaves it out (the reason is required).
The session folder of a page starts with a copy of the project's ``profiles/`` and the files
an ``<!-- example-files: NAME=PATH, ... -->`` line names (paths from the project root).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from msgspec import Struct, field

from grantdocs.resources import project_root

SHELLS = {"sh", "bash", "shell"}
YAMLS = {"yaml", "yml"}
TIMEOUT = 900
"""Seconds one shell block may run before it counts as hung."""

_FENCE = re.compile(r"^(?P<fence>```+)(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^<!--\s*example:\s*(?P<what>.*?)\s*-->\s*$")
_FILES = re.compile(r"^<!--\s*example-files:\s*(?P<what>.*?)\s*-->\s*$", re.MULTILINE)
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')


class Block(Struct, frozen=True):
    """One fenced block: its language, attributes, text, and where it starts."""

    line: int
    lang: str
    title: str | None
    text: str
    directive: str | None = None


class Result(Struct):
    """What running one page gave: the blocks checked and the failures, each with its line."""

    page: Path
    checked: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text that start at the line's beginning."""
    out: list[Block] = []
    lines = text.splitlines()
    i = 0
    directive: str | None = None
    while i < len(lines):
        line = lines[i]
        found = _DIRECTIVE.match(line)
        if found:
            directive = found["what"]
            i += 1
            continue
        fence = _FENCE.match(line)
        if not fence:
            if line.strip():
                directive = None
            i += 1
            continue
        info = fence["info"].strip()
        lang = info.split()[0] if info else ""
        lang = lang.strip("{}.").split()[0] if lang else ""
        title = _TITLE.search(info)
        end = i + 1
        while end < len(lines) and lines[end].rstrip() != fence["fence"]:
            end += 1
        body = "\n".join(lines[i + 1 : end]) + "\n"
        out.append(Block(i + 1, lang, title["title"] if title else None, body, directive))
        directive = None
        i = end + 1
    return out


def page_files(text: str) -> dict[str, str]:
    """The ``example-files`` a page names: session path -> project path."""
    files: dict[str, str] = {}
    for found in _FILES.finditer(text):
        for pair in found["what"].split(","):
            name, _, source = pair.partition("=")
            files[name.strip()] = source.strip()
    return files


def _inside(session: Path, name: str) -> Path:
    """``name`` as a path inside the session folder; ValueError if it would leave it."""
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ValueError(f"{name!r} is not a relative path inside the example folder")
    return session.joinpath(*rel.parts)


def _validate_yaml(block: Block) -> str | None:
    """A problem with a YAML block, or None."""
    try:
        data = yaml.safe_load(block.text)
    except yaml.YAMLError as exc:
        return f"YAML does not parse: {exc}"
    if not isinstance(data, dict):
        return None
    return _validate_fragment(data)


def _validate_fragment(data: dict[str, Any]) -> str | None:
    """Check a mapping of profile or team-file keys against its model."""
    # lazy: pydantic, profile.model, team.model load only when this runs
    from pydantic import ValidationError

    from grantdocs.profile.model import Profile
    from grantdocs.team.model import Team

    keys = set(data)
    if keys <= set(Profile.model_fields) and not keys & {"extends", "slots"}:
        full = {"person": {"given_names": "Ada", "family_name": "Lovelace"}, **data}
        model: type[Profile] | type[Team] = Profile
    elif keys <= set(Team.model_fields) and "members" in keys:
        full, model = data, Team
    else:
        return None
    try:
        model.model_validate(full)
    except ValidationError as exc:
        return f"not a valid {model.__name__.lower()} fragment: {exc}"
    return None


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GRANTDOCS_FORMATS", None)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "120"
    return env


def run_page(page: Path, root: Path | None = None) -> Result:
    """Check every block of one page in a fresh session folder."""
    root = root or project_root()
    text = page.read_text(encoding="utf-8")
    result = Result(page)
    with tempfile.TemporaryDirectory(prefix="grantdocs-example-") as tmp:
        session = Path(tmp)
        shutil.copytree(root / "profiles", session / "profiles")
        for name, source in page_files(text).items():
            target = _inside(session, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / source, target)
        for block in blocks(text):
            _check(block, session, result)
    return result


def _check(block: Block, session: Path, result: Result) -> None:
    where = f"{result.page.name}:{block.line}"
    directive = block.directive or ""
    if directive.startswith("skip"):
        if not directive[4:].strip():
            result.failures.append(f"{where}: 'example: skip' needs a reason")
        result.skipped += 1
        return
    if not block.lang:
        result.failures.append(f"{where}: a fence without a language (use text, sh or yaml)")
        return
    if block.lang in YAMLS:
        result.checked += 1
        problem = _validate_yaml(block)
        if problem:
            result.failures.append(f"{where}: {problem}")
        elif block.title:
            target = _inside(session, block.title)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
        return
    if block.lang not in SHELLS:
        return
    result.checked += 1
    expected = int(directive.removeprefix("exit=")) if directive.startswith("exit=") else 0
    try:
        done = subprocess.run(
            ["bash", "-eu", "-c", block.text],
            cwd=session,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        result.failures.append(f"{where}: still running after {TIMEOUT} s")
        return
    if done.returncode != expected:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
        result.failures.append(
            f"{where}: exit {done.returncode}, expected {expected}:\n{block.text}{tail}"
        )


def doc_pages(docs: Path) -> list[Path]:
    """Every Markdown page under ``docs`` (generated ones too), sorted."""
    return sorted(docs.rglob("*.md"))


def main(argv: list[str]) -> int:
    """Run the pages named (default: every page of ``docs/``); exit 1 on a failure."""
    root = project_root().resolve()
    pages = [Path(a) for a in argv] or doc_pages(root / "docs")
    failed = 0
    for page in pages:
        result = run_page(page)
        state = "ok" if not result.failures else "FAILED"
        shown = page.resolve().relative_to(root) if page.resolve().is_relative_to(root) else page
        print(f"{shown}: {result.checked} checked, {result.skipped} skipped: {state}")
        for failure in result.failures:
            print("  " + failure.replace("\n", "\n    "))
        failed += bool(result.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Write an import: new entries appended to ``imported.yaml``, one ``include:`` line added.

The user's profile file changes by exactly one inserted line (or, without an ``include:``
key, the commented include block of ``grantdocs init`` uncommented, else two appended
lines); if that cannot be done safely, the file is left alone and the
line to add is reported. Every edit is checked by parsing the result, the merged profile is
validated with ``load_profile`` before anything is written, and files are replaced atomically.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import yaml
from msgspec import Struct
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from grantdocs.atomic import write_bytes, write_text
from grantdocs.errors import GrantdocsError, ImportFileError, Location, Problem, ProfileError
from grantdocs.importers.merge import Added, MergePlan
from grantdocs.importers.records import SECTIONS
from grantdocs.paths import display_path
from grantdocs.profile.load import load_profile
from grantdocs.profile.yamlpos import MAX_FILE_BYTES, YamlProblems, load_yaml
from grantdocs.textfile import UnreadableText, read_limited

IMPORTED_NAME = "imported.yaml"
HEADER = """\
# Entries added by `grantdocs import` (generated; the profile includes this file).
# Each import appends new entries at the end of their section and never changes an entry
# that is already here, so correct entries in place as you like. An entry you delete comes
# back when you import the same file again: delete it from that file too, or keep it here.
# Comments starting with "check:" point at what an importer could not know.
# peer_reviewed was set by `grantdocs import --peer-reviewed auto|all|none`; the "note:"
# comments say why. A work counts as peer-reviewed where the flag is true: correct it here.
"""
_BARE_ID = re.compile(r"^[a-z][a-z0-9_]*\d[a-z0-9_]*$")
_BARE_WORD = re.compile(r"^[a-z][a-z_]+$")
_BARE_KEYS = frozenset({"kind", "status", "level", "open_access"})
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})
_FLOW_LIMIT = 96
LOCK_NAME = ".grantdocs-import.lock"
LOCK_WAIT = 30.0
"""Seconds an import waits for another one into the same folder (``GRANTDOCS_LOCK_WAIT``)."""


class CannotEdit(Exception):
    """A text edit is not safe; the message says why."""


# --- rendering entries ------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted
    raise TypeError(f"cannot write {type(value).__name__} into imported.yaml")


def _text_value(value: Any) -> str:
    if isinstance(value, dict):
        items = ", ".join(f"{_key(k)}: {_scalar(v)}" for k, v in value.items())
        return "{" + items + "}"
    return _scalar(value)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[a-z]{2}", key) and key not in ("no", "on", "y") else _scalar(key)


def _field(key: str, value: Any, pad: str) -> list[str]:
    """Lines of one ``key: value``; ``pad`` is the indentation of the key."""
    if (
        isinstance(value, str)
        and value not in _YAML_WORDS
        and (
            (key == "id" and _BARE_ID.match(value))
            or (key in _BARE_KEYS and _BARE_WORD.match(value))
        )
    ):
        return [f"{key}: {value}"]
    if isinstance(value, list):
        shown = [_text_value(v) for v in value]
        flow = f"{key}: [{', '.join(shown)}]"
        if all(isinstance(v, str) for v in value) and len(pad) + len(flow) <= _FLOW_LIMIT:
            return [flow]
        return [f"{key}:"] + [f"{pad}  - {s}" for s in shown]
    return [f"{key}: {_text_value(value)}"]


def render_entry(entry: dict[str, Any], comments: list[str], dash: str) -> str:
    """One list item: comment lines, then ``<dash>- key: value`` lines."""
    pad = dash + "  "
    lines = [f"{dash}# {' '.join(c.split())}" for c in comments]
    for number, (key, value) in enumerate(entry.items()):
        first, *rest = _field(key, value, pad)
        lines.append((f"{dash}- " if number == 0 else pad) + first)
        lines.extend(rest)
    return "\n".join(lines) + "\n"


def _comments(added: Added) -> list[str]:
    location = added.record.location
    source = Path(location.file).name + (f":{location.line}" if location.line else "")
    return (
        [f"from {source} {added.record.label}"]
        + [f"check: {w}" for w in added.record.warnings]
        + [f"note: {n}" for n in added.record.notes]
    )


def render_items(items: list[Added], dash: str = "  ") -> str:
    """The list items for ``items``, separated by blank lines."""
    return "\n".join(render_entry(a.entry, _comments(a), dash) for a in items)


# --- imported.yaml ----------------------------------------------------------------------


def _compose(text: str, display: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ImportFileError(f"{display}: not valid YAML: {exc}") from None


def _line_end(text: str, index: int) -> int:
    """Index just after the line break that ends the line holding ``index``."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _last_leaf(node: Node) -> Node:
    """The node written last inside a block collection (where its text ends)."""
    while not getattr(node, "flow_style", True):
        if isinstance(node, MappingNode) and node.value:
            node = node.value[-1][1]
        elif isinstance(node, SequenceNode) and node.value:
            node = node.value[-1]
        else:
            break
    return node


def _top_keys(root: Node | None, display: str) -> dict[str, Node]:
    if root is None:
        return {}
    if not isinstance(root, MappingNode) or root.flow_style:
        raise CannotEdit(f"{display} is not a block mapping of sections")
    return {k.value: v for k, v in root.value if isinstance(k, ScalarNode)}


def append_entries(old_text: str | None, plan: MergePlan, display: str) -> str:
    """``imported.yaml``'s text with the plan's additions appended to their sections."""
    sections = [(s, plan.added_to(s)) for s in SECTIONS if plan.added_to(s)]
    if old_text is None or not old_text.strip():
        body = "\n".join(f"{s}:\n{render_items(items)}" for s, items in sections)
        return HEADER + "\n" + body
    text = old_text if old_text.endswith("\n") else old_text + "\n"
    try:
        keys = _top_keys(_compose(text, display), display)
    except CannotEdit as exc:
        raise ImportFileError(
            f"{display}: cannot append to it: {exc}",
            hint_problem(display, "rename it and import again; a new one will be written"),
        ) from None
    inserts: list[tuple[int, str]] = []
    appended = ""
    for section, items in sections:
        node = keys.get(section)
        if node is None:
            appended += f"\n{section}:\n{render_items(items)}"
            continue
        if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
            raise ImportFileError(
                f"{display}: cannot append to {section!r}: it is not a block list",
                hint_problem(display, f"write '{section}:' with one '- ...' item per line"),
            )
        lines = text.splitlines()
        dash_line = lines[node.value[0].start_mark.line]
        dash = re.match(r"^( *)- ", dash_line)
        if dash is None:
            raise ImportFileError(
                f"{display}: cannot append to {section!r}: unusual layout of its first item",
                hint_problem(display, "start each item with '- ' on the line of its first key"),
            )
        at = _line_end(text, _last_leaf(node.value[-1]).end_mark.index)
        inserts.append((at, "\n" + render_items(items, dash.group(1))))
    for at, chunk in sorted(inserts, reverse=True):
        text = text[:at] + chunk + text[at:]
    return text + appended


def hint_problem(display: str, hint: str) -> list[Problem]:
    """A one-problem list that carries only a hint."""
    return [Problem(Location(display), "left unchanged", hint=hint)]


def _expected_imported(old_text: str | None, plan: MergePlan, display: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if old_text and old_text.strip():
        loaded, _ = load_yaml(old_text, display)
        data = dict(loaded or {})
    for section in SECTIONS:
        added = [a.entry for a in plan.added_to(section)]
        if added:
            data[section] = list(data.get(section) or []) + added
    return data


def _same_data(text: str, expected: Any, display: str) -> bool:
    try:
        data, _ = load_yaml(text, display)
    except YamlProblems:
        return False
    return bool(data == expected)


# --- the include line -------------------------------------------------------------------


class IncludeEdit(Struct, frozen=True):
    """``text`` is the edited profile (None: unchanged); ``instruction`` says what to add
    by hand when no safe edit exists (None: nothing to do by hand)."""

    text: str | None
    instruction: str | None


def add_include(text: str, name: str, display: str) -> IncludeEdit:
    """Add ``name`` to the top-level ``include:`` list of a profile's text, minimally."""
    eol = "\r\n" if "\r\n" in text else "\n"
    try:
        new_text = _include_text(text, name, eol, display)
    except (CannotEdit, ImportFileError) as exc:
        return IncludeEdit(None, _instruction(text, name, str(exc)))
    try:
        old, _ = load_yaml(text, display)
    except YamlProblems:  # pragma: no cover - the profile was loaded before
        return IncludeEdit(None, _instruction(text, name, "cannot read it"))
    expected = dict(old)
    includes = expected.get("include")
    includes = [includes] if isinstance(includes, str) else list(includes or [])
    expected["include"] = [*includes, name]
    if not _same_data(new_text, expected, display):
        return IncludeEdit(None, _instruction(text, name, "the edit would change more"))
    return IncludeEdit(new_text, None)


def _instruction(text: str, name: str, why: str) -> str:
    """The edit to make by hand, as exactly as the text allows."""
    key = re.search(r"^include\s*:(.*)$", text, re.MULTILINE)
    if key is None:
        if text.lstrip().startswith("{"):
            return f"add the key 'include: [{name}]' to the top-level mapping ({why})"
        return f"add these two lines at the end ({why}):\ninclude:\n  - {name}"
    line = text.count("\n", 0, key.start()) + 1
    value = key.group(1).split("#")[0].strip()
    if value and not value.startswith(("[", "|", ">", "&", "*", "!")):
        return f"change line {line} to 'include: [{value}, {name}]' ({why})"
    return f"add the item '- {name}' to the include: list at line {line} ({why})"


_COMMENTED_INCLUDE = re.compile(r"^# include:([^\r\n]*)\r?\n#   - ([^\s#]+)[ \t]*$", re.MULTILINE)
"""The commented include block of ``grantdocs init``'s skeleton."""


def _include_text(text: str, name: str, eol: str, display: str) -> str:
    keys = _top_keys(_compose(text, display), display)
    node = keys.get("include")
    if node is None:
        block = _COMMENTED_INCLUDE.search(text)
        if block and block.group(2) == name:  # the block 'grantdocs init' left: uncomment it
            return (
                text[: block.start()]
                + f"include:{block.group(1)}{eol}  - {name}"
                + text[block.end() :]
            )
        if text and not text.endswith("\n"):
            text += eol
        return f"{text}include:{eol}  - {name}{eol}"
    if not isinstance(node, SequenceNode):
        raise CannotEdit("include: is not a list")
    if node.flow_style:
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or text[end.index - 1] != "]":
            raise CannotEdit("include: is a list over several lines in brackets")
        inner = text[start.index + 1 : end.index - 1]
        addition = name if not inner.strip() else ", " + name
        return text[: end.index - 1] + addition + text[end.index - 1 :]
    last = node.value[-1]
    if not isinstance(last, ScalarNode) or last.start_mark.line != last.end_mark.line:
        raise CannotEdit("the last include: item is not a one-line name")
    line = text.splitlines()[last.start_mark.line]
    dash = re.match(r"^(\s*)-\s", line)
    if dash is None:
        raise CannotEdit("the last include: item does not start its line with '- '")
    at = _line_end(text, last.end_mark.index)
    prefix = "" if at == 0 or text[at - 1] == "\n" else eol
    return text[:at] + f"{prefix}{dash.group(1)}- {name}{eol}" + text[at:]


# --- one import at a time, the profile's real file, a lost include ----------------------


@contextlib.contextmanager
def import_lock(profile: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the import lock of ``profile``'s folder: a second import into it waits up to
    ``wait`` seconds (default ``LOCK_WAIT`` or ``GRANTDOCS_LOCK_WAIT``), then fails with
    ``ImportFileError``. Held from reading the profile to the last write, so a waiting
    import plans against what the first one wrote. The lock file is removed on release.
    """
    if wait is None:
        try:
            wait = float(os.environ.get("GRANTDOCS_LOCK_WAIT", LOCK_WAIT))
        except ValueError:
            wait = LOCK_WAIT
    lock = real_profile(profile).parent / LOCK_NAME
    deadline = time.monotonic() + wait
    while True:
        fd = _try_lock(lock)
        if fd is not None:
            break
        if time.monotonic() >= deadline:
            raise ImportFileError(
                f"another import into {display_path(lock.parent)} is running (it holds "
                f"{display_path(lock)}); waited {wait:g} s. Run this one when it has finished; "
                "if no import is running, delete that file"
            )
        time.sleep(0.05)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def _try_lock(lock: Path) -> int | None:
    """A descriptor holding the lock, or None if another process holds it. The lock file is
    never a link (``O_NOFOLLOW``: a planted link would make the import create its target)
    nor anything but a regular file."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    if os.path.islink(lock):
        raise ImportFileError(
            f"{display_path(lock)} is a symbolic link, not a lock file grantdocs made; "
            "delete it and run the import again"
        )
    try:
        fd = os.open(lock, flags, 0o600)
    except OSError as exc:
        raise ImportFileError(f"cannot create {display_path(lock)}: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ImportFileError(
            f"{display_path(lock)} is not a regular file; delete it and run the import again"
        )
    try:
        # lazy: fcntl loads only when this runs
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: the file's existence is the lock
        os.close(fd)
        try:
            return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    try:
        same = os.fstat(fd).st_ino == os.stat(lock).st_ino
    except FileNotFoundError:
        same = False
    if not same:  # the holder removed the file after we opened it: take the new one
        os.close(fd)
        return None
    return fd


def real_profile(profile: Path) -> Path:
    """The file an import writes the include line into: ``profile`` or, if it is a link, its
    target. A link to another folder is refused: its includes are read beside the link, so
    ``imported.yaml`` would not be beside the file that includes it."""
    target = profile.resolve()
    if profile.is_symlink() and target.parent != profile.parent.resolve():
        raise ImportFileError(
            f"{display_path(profile)} is a link to {display_path(target)} in another folder; "
            "nothing was written",
            hint_problem(display_path(profile), f"import with --profile {display_path(target)}"),
        )
    return target


def orphaned_import(profile: Path, files: tuple[Path, ...]) -> Path | None:
    """``imported.yaml`` beside ``profile`` if it exists but the profile does not include it
    (an import stopped between its two writes, or the include line was deleted)."""
    imported = profile.parent / IMPORTED_NAME
    if imported.is_file() and imported.resolve() not in {f.resolve() for f in files}:
        return imported
    return None


def orphan_note(profile: Path, imported: Path) -> str:
    """What to do about an ``imported.yaml`` the profile does not include."""
    return (
        f"note: {display_path(imported)} is not in the include: list of "
        f"{display_path(profile)}, so its entries are not used (an import may have been "
        f"stopped before adding it). Add '- {IMPORTED_NAME}' to include:, or run "
        f"'grantdocs import FILE --profile {display_path(profile)} --write' with any import "
        "file, which adds it"
    )


# --- validation and writing -------------------------------------------------------------


def validate_merged(profile: Path, profile_text: str, imported_text: str) -> None:
    """Load the profile as it will be after writing, from a temporary copy; raise
    ``ImportFileError`` with the problems if it would not validate."""
    display = display_path(profile)
    home = profile.resolve().parent
    imported = home / IMPORTED_NAME
    data, _ = load_yaml(profile_text, display)
    includes = data.get("include") or []
    includes = [includes] if isinstance(includes, str) else includes
    with tempfile.TemporaryDirectory(prefix="grantdocs-import-") as folder:
        tmp_imported = Path(folder) / IMPORTED_NAME
        tmp_imported.write_text(imported_text, encoding="utf-8")
        paths = [
            str(tmp_imported) if (home / n).resolve() == imported else str((home / n).resolve())
            for n in includes
        ]
        if str(tmp_imported) not in paths:
            paths.append(str(tmp_imported))
        tmp_profile = Path(folder) / "profile.yaml"
        tmp_profile.write_text(
            yaml.safe_dump({**data, "include": paths}, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        try:
            load_profile(tmp_profile)
        except ProfileError as exc:

            def real(text: str) -> str:
                """The temporary copies' names replaced by the files they stand for."""
                for temp, shown in (
                    (str(tmp_imported.resolve()), display_path(imported)),
                    (str(tmp_profile.resolve()), display),
                    (display_path(tmp_imported.resolve()), display_path(imported)),
                    (display_path(tmp_profile.resolve()), display),
                    (str(tmp_imported), display_path(imported)),
                    (str(tmp_profile), display),
                ):
                    text = text.replace(temp, shown)
                return text

            def where(location: Location) -> Location:
                """Positions in the temporary copy of the profile (rewritten by yaml.dump)
                are not the user's lines: name the file alone."""
                file = real(location.file)
                if file == display:
                    return Location(file)
                return Location(file, location.line, location.column)

            problems = [
                msgspec.structs.replace(p, location=where(p.location), message=real(p.message))
                for p in exc.problems
            ]
            detail = real(exc.message)
            raise ImportFileError(
                "the profile would not validate with the imported entries; nothing was "
                "written" + ("" if problems else f" ({detail})"),
                problems,
            ) from None


class WriteOutcome(Struct, frozen=True):
    """What ``write_import`` did."""

    imported: Path
    created: bool
    added: int
    include_added: bool
    instruction: str | None


def write_import(profile: Path, plan: MergePlan, *, included: bool) -> WriteOutcome:
    """Append the plan's additions to ``imported.yaml`` beside ``profile`` and include it.

    ``included`` says whether the profile already includes ``imported.yaml``. An empty plan
    with ``included`` False only adds the include line (reconnects an orphaned file).
    A linked profile is written through to its target (``real_profile``). Call it under
    ``import_lock``.
    """
    target = real_profile(profile)
    imported = profile.parent / IMPORTED_NAME
    shown = display_path(imported)
    old_imported = _read(imported) if imported.exists() else None
    new_imported = append_entries(old_imported, plan, shown)
    if not _same_data(new_imported, _expected_imported(old_imported, plan, shown), shown):
        raise GrantdocsError(f"internal: appending to {shown} would not give the entries wanted")
    profile_text = _read(target)
    edit = (
        IncludeEdit(None, None)
        if included
        else add_include(profile_text, IMPORTED_NAME, display_path(profile))
    )
    validate_merged(profile, edit.text or profile_text, new_imported)
    if new_imported != old_imported:
        write_text(imported, new_imported, allowed="profiles")
    if edit.text is not None:
        try:
            write_text(target, edit.text, allowed="profiles")
        except BaseException:
            _restore(imported, old_imported)
            raise
    return WriteOutcome(
        imported, old_imported is None, len(plan.added), edit.text is not None, edit.instruction
    )


def _read(path: Path) -> str:
    """The file's text as it is (a BOM kept), read with the bound of profile files."""
    try:
        return read_limited(path, MAX_FILE_BYTES).decode("utf-8")
    except UnreadableText as exc:
        raise ImportFileError(f"{display_path(path)}: {exc.message}") from None
    except UnicodeDecodeError:
        raise ImportFileError(f"{display_path(path)}: not UTF-8 text") from None


def _restore(path: Path, text: str | None) -> None:
    with contextlib.suppress(OSError, GrantdocsError):
        if text is None:
            path.unlink()
        else:
            write_bytes(path, text.encode("utf-8"), allowed="profiles")

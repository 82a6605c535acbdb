"""Find and load formats: by id along a search path of format folders, or from a file.

The search path is the folders given with ``--formats DIR`` (in order), then those in the
environment variable ``GRANTDOCS_FORMATS`` (``os.pathsep``-separated), then the bundled
``templates/``. Each folder holds ``<id>/format.yaml``. The first folder that has an id
wins: a user's format with a bundled format's id shadows the bundled one, with a notice, and
may ``extends:`` the format it shadows. A name is a path when it contains a slash or ends in
``.yaml``/``.yml``; otherwise it is a format id, even when a file or folder of that name
exists in the working folder.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from msgspec import Struct, field
from msgspec.structs import replace

from grantdocs.errors import FormatError, Location, Problem
from grantdocs.formats.cache import cached_read
from grantdocs.formats.citation_styles import check_style, csl_style_ids, style_names
from grantdocs.formats.records import FORMAT_ID_PATTERN, FormatOverride, FormatSpec
from grantdocs.paths import display_path
from grantdocs.profile.records import dump
from grantdocs.profile.yamlpos import (
    Positions,
    format_path,
)
from grantdocs.resources import templates_dir

if TYPE_CHECKING:
    from pydantic import BaseModel

SPEC_FILE: Final = "format.yaml"
LOCALE_FOLDER: Final = "locale"
ENV_VAR: Final = "GRANTDOCS_FORMATS"
BUNDLED: Final = "bundled"
MAX_EXTENDS: Final = 16
"""Longest chain of ``extends:``; a longer one is taken for a cycle."""
_ID: Final = re.compile(FORMAT_ID_PATTERN)
"""What a format id looks like (``FormatId``); anything else is never looked up as a folder."""


class Format(Struct, frozen=True):
    """A loaded format: its declaration, the folder its template lives in, where it came
    from, and its own catalog folders (parent's first when it extends another format)."""

    spec: FormatSpec
    folder: Path
    source: Path
    origin: str = BUNDLED
    """``bundled``, or the format folder (or file) it was found in, as the user sees it."""
    locale_dirs: tuple[Path, ...] = ()
    positions: Positions | None = None
    """Where each value of the format file stood (the user's file for an ``extends``); not
    part of the format's equality and hash."""

    def _compared(self) -> tuple[object, ...]:
        return (self.spec, self.folder, self.source, self.origin, self.locale_dirs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Format) and self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    @property
    def id(self) -> str:
        return self.spec.id

    def template_path(self, lang: str | None = None) -> Path:
        """The template file; ``{lang}`` in its name becomes ``lang`` (None: the first
        language of the format)."""
        code = lang or self.spec.languages[0]
        return self.folder / self.spec.template.replace("{lang}", code)


class Found(Struct, frozen=True):
    """One format id on the search path: its file, its folder's label, what it shadows."""

    id: str
    spec_path: Path
    origin: str
    index: int
    shadows: tuple[str, ...] = ()


def is_path(name: str) -> bool:
    """True if ``name`` names a file or folder rather than a format id."""
    seps = {"/", os.sep, *(filter(None, [os.altsep]))}
    return any(sep in name for sep in seps) or Path(name).suffix in (".yaml", ".yml")


class FormatSearchPath(Struct):
    """Where format ids are looked up: user folders first, the bundled ``templates/`` last.

    ``notify`` receives one notice per shadowing format that is loaded.
    """

    folders: tuple[Path, ...] = ()
    bundled: Path | None = None
    notify: Callable[[str], None] | None = None
    style: str | None = None
    """A citation style replacing every loaded format's (``build --style``): a style name,
    a bundled CSL id, or a ``.csl`` file (relative to the working folder)."""
    _notified: set[str] = field(default_factory=set)

    @classmethod
    def from_options(
        cls,
        folders: Iterable[Path] = (),
        environ: Mapping[str, str] | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> FormatSearchPath:
        """``--formats`` folders, then ``GRANTDOCS_FORMATS``, then the bundled formats.

        A folder that does not exist is a FormatError (a typo would otherwise hide every
        format in it).
        """
        env = (os.environ if environ is None else environ).get(ENV_VAR, "")
        given = [*folders, *(Path(p) for p in env.split(os.pathsep) if p.strip())]
        missing = [p for p in given if not p.is_dir()]
        if missing:
            raise FormatError(
                "format folder(s) not found: " + ", ".join(str(p) for p in missing),
                [
                    Problem(
                        Location(str(p)),
                        "not a folder",
                        hint=f"--formats and {ENV_VAR} name folders holding <id>/{SPEC_FILE}",
                    )
                    for p in missing
                ],
            )
        bundled = templates_dir().resolve()
        folders = [p for p in dict.fromkeys(given) if p.resolve() != bundled]
        return cls(tuple(folders), notify=notify)

    def _roots(self) -> list[tuple[Path, str]]:
        roots = [(folder, display_path(folder.absolute())) for folder in self.folders]
        return [*roots, (self.bundled or templates_dir(), BUNDLED)]

    def all(self) -> list[Found]:
        """Every format id on the path, sorted by id; the first folder that has it wins."""
        seen: dict[str, Found] = {}
        for index, (root, origin) in enumerate(self._roots()):
            if not root.is_dir():
                continue
            for spec_path in sorted(root.glob(f"*/{SPEC_FILE}")):
                name = spec_path.parent.name
                if not _ID.match(name):
                    self._warn(
                        f"skipped the format folder {display_path(spec_path.parent)}: "
                        f"{name!r} is not a format id (lower-case letters, digits and '-')"
                    )
                    continue
                if name in seen:
                    first = seen[name]
                    seen[name] = Found(
                        name, first.spec_path, first.origin, first.index, (*first.shadows, origin)
                    )
                else:
                    seen[name] = Found(name, spec_path, origin, index)
        return [seen[name] for name in sorted(seen)]

    def _warn(self, message: str) -> None:
        """``message`` once, through ``notify`` (else on stderr)."""
        if message in self._notified:
            return
        self._notified.add(message)
        if self.notify:
            self.notify(message)
        else:
            print(f"warning: {message}", file=sys.stderr)

    def ids(self) -> list[str]:
        """Every format id on the path, sorted."""
        return [found.id for found in self.all()]

    def find(self, format_id: str, start: int = 0) -> Found | None:
        """The first definition of ``format_id`` in the folders from index ``start`` on."""
        for index, (root, origin) in enumerate(self._roots()):
            spec_path = root / format_id / SPEC_FILE
            if index >= start and spec_path.is_file():
                shadows = tuple(
                    o
                    for i, (r, o) in enumerate(self._roots())
                    if i > index and (r / format_id / SPEC_FILE).is_file()
                )
                return Found(format_id, spec_path, origin, index, shadows)
        return None

    def load(self, name: str) -> Format:
        """Load a format by id, or a format file (or folder holding one) by path."""
        return self._load(name, 0, ())

    def _load(self, name: str, start: int, chain: tuple[str, ...]) -> Format:
        if len(chain) > MAX_EXTENDS or name in chain[:-1]:
            raise FormatError("formats extend each other in a cycle: " + " -> ".join(chain))
        if is_path(name):
            path = Path(name)
            if path.is_dir():
                path = path / SPEC_FILE
            return self._load_file(path, None, display_path(path.parent.absolute()), chain)
        found = self.find(name, start) if _ID.match(name) else None
        if found is None:
            raise FormatError(self._unknown(name, start))
        if found.shadows and self.notify and name not in self._notified and start == 0:
            self._notified.add(name)
            self.notify(
                f"format {name!r} from {found.origin} shadows the one in "
                + ", ".join(found.shadows)
            )
        return self._load_file(found.spec_path, found, found.origin, chain)

    def _unknown(self, name: str, start: int) -> str:
        known = [found.id for found in self.all()]
        text = f"unknown format {name!r}; known formats: {', '.join(known) or 'none'}"
        if not _ID.match(name):
            text += " (an id is lower-case letters, digits and '-')"
        if start:
            text += " (looking below the format that extends it)"
        try:
            exists = Path(name).exists()
        except (OSError, ValueError):
            exists = False
        if exists:
            text += f"; for the file or folder {name!r} here, write ./{name}"
        return text

    def _load_file(
        self, path: Path, found: Found | None, origin: str, chain: tuple[str, ...]
    ) -> Format:
        own_id = found.id if found else None
        data, positions, validated = cached_read(path, own_id, partial(_read_valid, path, own_id))
        locale = path.parent / LOCALE_FOLDER
        own_locale = (locale,) if locale.is_dir() else ()
        if "extends" not in data:
            fmt = Format(validated, path.parent, path, origin, own_locale, positions)
        else:
            override = validated
            # extending its own id means the format this one shadows
            start = found.index + 1 if found and override.extends == found.id else 0
            parent = self._load(override.extends, start, (*chain, own_id or str(path)))
            fmt = _extend(parent, data, positions, path, override, origin, own_locale)
        _check_languages(fmt, positions, display_path(path))
        _check_template_inside(fmt, positions, path)
        fmt = with_csl_file(fmt, path.parent, positions.nearest(("citation", "style")))
        if self.style is not None and not chain:
            fmt = with_csl_file(fmt, Path.cwd(), None, self.style)
        return fmt


def _read_valid(path: Path, own_id: str | None) -> tuple[dict[str, Any], Positions, Any]:
    """A format file's values and positions, its id checked, and its declaration validated
    (a ``FormatOverride`` when it ``extends:`` another format, else a ``FormatSpec``)."""
    # lazy: the spec models (and pydantic) load only to validate, not for a cached format
    from grantdocs.formats import spec

    data, positions = _read(path)
    if own_id is not None:
        _check_id(data, positions, path, own_id)
    model: type[spec.FormatSpec | spec.FormatOverride] = spec.FormatSpec
    if "extends" in data:
        model = spec.FormatOverride
    return data, positions, _validate(data, positions, path, model)


def _check_template_inside(fmt: Format, positions: Positions, path: Path) -> None:
    """A format's own template lies inside its folder (links resolved): a format from a
    colleague's folder reads no file elsewhere."""
    if fmt.folder != path.parent:
        return  # the template of the format it extends, checked when that one was loaded
    folder = fmt.folder.resolve()
    for lang in fmt.spec.languages:
        target = fmt.template_path(lang).resolve()
        if folder not in target.parents:
            display = display_path(path)
            raise FormatError(
                f"{display}: the template is outside the format's folder",
                [
                    Problem(
                        positions.nearest(("template",)) or Location(display),
                        f"template {fmt.spec.template!r} is {target}, outside "
                        f"{display_path(folder)}; a format reads files only inside its folder",
                        path="template",
                    )
                ],
            )


def _own_id(path: Path, parent: str) -> str:
    """The id of a format file that extends ``parent`` and names none: its folder's name
    (``<id>/format.yaml``) or its file name, so its documents go to a folder of their own
    (``my-dfg.yaml`` builds into ``out/my-dfg/``, never over ``out/dfg-cv/``)."""
    stem = path.parent.name if path.name == SPEC_FILE else path.stem
    own = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if not re.fullmatch(FORMAT_ID_PATTERN, own):
        return f"{parent}-own"
    return f"{own}-own" if own == parent else own


def _check_id(data: dict[str, Any], positions: Positions, path: Path, own_id: str) -> None:
    """A format in a format folder is named by its folder: ``id`` may only repeat it."""
    if "id" not in data:
        data["id"] = own_id
    elif data["id"] != own_id:
        display = display_path(path)
        raise FormatError(
            f"{display}: the format's id differs from its folder's name",
            [
                Problem(
                    positions.nearest(("id",)) or Location(display),
                    f"id {data['id']!r} in folder {own_id!r}",
                    path="id",
                    hint=f"rename the folder or set id: {own_id}",
                )
            ],
        )


def _check_languages(fmt: Format, positions: Positions, display: str) -> None:
    """Every declared language has a catalog and a CLDR locale, and every inline label a
    text in it; all problems at once, located in the format file."""
    # lazy: l10n.catalog, l10n.formatting load only when this runs
    from grantdocs.l10n.catalog import has_catalog, package_languages
    from grantdocs.l10n.formatting import resolve_locale

    spec = fmt.spec
    problems: list[Problem] = []

    def at(*path: str | int) -> Location:
        return positions.nearest(path) or Location(display)

    for index, lang in enumerate(spec.languages):
        if not has_catalog(lang, fmt.locale_dirs):
            problems.append(
                Problem(
                    at("languages", index),
                    f"no catalog for language {lang!r}",
                    path=f"languages[{index}]",
                    hint=f"add {LOCALE_FOLDER}/{lang}/LC_MESSAGES/grantdocs.po beside "
                    f"{SPEC_FILE}; the package has catalogs for " + ", ".join(package_languages()),
                )
            )
        try:
            resolve_locale(lang, spec.locales.get(lang, ""))
        except ValueError as exc:
            problems.append(
                Problem(
                    at("locales", lang),
                    str(exc),
                    path=f"locales.{lang}",
                    hint="a CLDR locale of that language, e.g. fr_FR, de_AT, en_GB",
                )
            )
    labels: list[tuple[tuple[str | int, ...], object]] = [(("title",), spec.title)]
    labels += [(("slots", name, "label"), rule.label) for name, rule in spec.slots.items()]
    for t, table in enumerate(spec.tables):
        labels += [
            (("tables", t, "columns", c, "label"), column.label)
            for c, column in enumerate(table.columns)
        ]
    for path, label in labels:
        if not isinstance(label, dict):
            continue
        missing = [lang for lang in spec.languages if lang not in label]
        if missing:
            problems.append(
                Problem(
                    at(*path),
                    "the label has no text in " + ", ".join(repr(m) for m in missing),
                    path=".".join(str(p) for p in path),
                    hint="the format declares languages "
                    + ", ".join(spec.languages)
                    + "; give each, or use a msgid translated by the catalogs",
                )
            )
    if problems:
        raise FormatError(f"{display}: the format's languages are incomplete", problems)


def default_search_path() -> FormatSearchPath:
    """The bundled formats and the folders of ``GRANTDOCS_FORMATS``."""
    return FormatSearchPath.from_options()


def bundled_ids(root: Path | None = None) -> list[str]:
    """Ids of the bundled formats, sorted."""
    base = root or templates_dir()
    return sorted(p.parent.name for p in base.glob(f"*/{SPEC_FILE}"))


def load_format(
    name: str, root: Path | None = None, search: FormatSearchPath | None = None
) -> Format:
    """Load a format by id along ``search`` (default: ``GRANTDOCS_FORMATS``, then the
    bundled formats in ``root`` or ``templates/``), or a format file by path."""
    if search is None:
        search = FormatSearchPath(bundled=root) if root else default_search_path()
    return search.load(name)


def _read(path: Path) -> tuple[dict[str, Any], Positions]:
    # lazy: profile.problems (and pydantic) load only to read a format file anew
    from grantdocs.profile.problems import read_mapping

    return read_mapping(path, FormatError, "a format file")


def _validate(
    data: dict[str, Any], positions: Positions, path: Path, model: type[BaseModel]
) -> Any:
    """``data`` validated as ``model``, its rules' fields checked, as records."""
    # lazy: pydantic and the models load only to validate, not for a cached format
    from grantdocs.profile.model import as_record
    from grantdocs.profile.problems import validate_mapping

    display = display_path(path)
    spec = as_record(validate_mapping(data, positions, display, model, FormatError, "the format"))
    if isinstance(spec, FormatSpec):
        problems = _where_problems(spec, positions, display)
        if problems:
            raise FormatError(
                f"{display}: the format's rules test fields its sections do not have, "
                "or values those fields never hold",
                problems,
            )
    return spec


def _where_problems(spec: FormatSpec, positions: Positions, display: str) -> list[Problem]:
    """Field names and values of every slot's ``where``, checked against the model."""
    # lazy: select.rules (and pydantic) load only to validate a format
    from grantdocs.select.rules import where_problems

    problems = []
    for slot, rule in spec.slots.items():
        for found in where_problems(rule.section, rule.where):
            path = ("slots", slot, "where", *found.path)
            where = positions.nearest(path, key=found.key)
            problems.append(
                Problem(
                    where or Location(display),
                    found.message,
                    path=format_path(path[:-1] if found.key else path),
                    hint=found.hint,
                )
            )
    return problems


def _extend(
    parent: Format,
    data: dict[str, Any],
    positions: Positions,
    path: Path,
    override: FormatOverride,
    origin: str,
    own_locale: tuple[Path, ...],
) -> Format:
    """``parent`` with the keys of the override file ``data`` replacing its own."""
    # lazy: the spec models (and pydantic) load only to validate
    from grantdocs.formats import spec as models

    merged = dump(parent.spec, exclude_none=True)
    merged["id"] = _own_id(path, parent.id)
    for key, value in data.items():
        if key in ("extends", "slots", "citation", "locales", "team"):
            continue
        merged[key] = value
    if override.citation:
        merged["citation"] = {**merged.get("citation", {}), **override.citation}
    if override.locales:
        merged["locales"] = {**parent.spec.locales, **override.locales}
    if override.team:
        merged["team"] = {**merged.get("team", {}), **override.team}
    slots = dict(merged.get("slots", {}))
    unknown = [s for s in override.slots if s not in slots]
    if unknown:
        display = display_path(path)
        raise FormatError(
            f"{display}: slot(s) not in format {parent.id!r}",
            [
                Problem(
                    positions.nearest(("slots", s), key=True) or Location(display),
                    f"unknown slot {s!r}",
                    hint="slots of this format: " + ", ".join(slots),
                )
                for s in unknown
            ],
        )
    for slot, changes in override.slots.items():
        slots[slot] = {**slots[slot], **changes}
    merged["slots"] = slots
    folder = path.parent if override.template else parent.folder
    locale_dirs = tuple(dict.fromkeys((*parent.locale_dirs, *own_locale)))
    spec = _validate(merged, positions, path, models.FormatSpec)
    return Format(spec, folder, path, origin, locale_dirs, positions)


def with_csl_file(
    fmt: Format, base: Path, where: Location | None, style: str | None = None
) -> Format:
    """``fmt`` citing in ``style`` (default: its own): a ``.csl`` file is made absolute
    against ``base`` and checked (a FormatError at ``where`` or the file, with its line)."""

    name = fmt.spec.citation.style if style is None else style
    if not name.lower().endswith(".csl"):
        if style is None or name == fmt.spec.citation.style:
            return fmt
        if name not in (*style_names(), *csl_style_ids()):
            known = ", ".join(dict.fromkeys([*style_names(), *csl_style_ids()]))
            raise FormatError(f"unknown citation style {name!r}; known: {known}, or a .csl file")
    else:
        path = (base / name).resolve()
        try:
            check_style(path, display_path(path))
        except FormatError as exc:
            if where is None:
                raise
            raise FormatError(
                f"{where}: citation style {name!r}: {exc.message}", exc.problems
            ) from None
        name = str(path)
    citation = replace(fmt.spec.citation, style=name)
    return replace(fmt, spec=replace(fmt.spec, citation=citation))

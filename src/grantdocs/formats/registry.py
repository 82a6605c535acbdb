"""Find and load formats: bundled ones in ``templates/<id>/format.yaml``, or a user's file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from grantdocs.errors import FormatError, Location, Problem
from grantdocs.formats.spec import FormatOverride, FormatSpec
from grantdocs.problems import problems_from
from grantdocs.profile.load import display_path
from grantdocs.profile.yamlpos import Positions, YamlProblems, load_yaml, read_text
from grantdocs.resources import templates_dir
from grantdocs.select.rules import valid_fields

SPEC_FILE = "format.yaml"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Format:
    """A loaded format: its declaration and the folder its template lives in."""

    spec: FormatSpec
    folder: Path
    source: Path

    @property
    def id(self) -> str:
        return self.spec.id

    def template_path(self, lang: str | None = None) -> Path:
        """The template file; ``{lang}`` in its name becomes ``lang`` (None: the first
        language of the format)."""
        code = lang or self.spec.languages[0]
        return self.folder / self.spec.template.replace("{lang}", code)


def bundled_ids(root: Path | None = None) -> list[str]:
    """Ids of the bundled formats, sorted."""
    base = root or templates_dir()
    return sorted(p.parent.name for p in base.glob(f"*/{SPEC_FILE}"))


def load_format(name: str, root: Path | None = None) -> Format:
    """Load a bundled format by id, or a format file by path (which may ``extends`` one)."""
    base = root or templates_dir()
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return _load_user(candidate, base)
    folder = base / name
    if not (folder / SPEC_FILE).is_file():
        known = ", ".join(bundled_ids(base)) or "none"
        raise FormatError(f"unknown format {name!r}; bundled formats: {known}")
    spec_path = folder / SPEC_FILE
    data, positions = _read(spec_path)
    return Format(_validate(data, positions, spec_path, FormatSpec), folder, spec_path)


def _read(path: Path) -> tuple[dict[str, Any], Positions]:
    display = display_path(path)
    try:
        data, positions = load_yaml(read_text(path, display), display)
    except YamlProblems as exc:
        raise FormatError(f"{display}: cannot read the format", exc.problems) from None
    if not isinstance(data, dict):
        raise FormatError(
            f"{display}: a format file is a mapping",
            [Problem(Location(display, 1, 1), "not a mapping")],
        )
    return data, positions


def _validate(data: dict[str, Any], positions: Positions, path: Path, model: type[M]) -> M:
    display = display_path(path)
    try:
        spec = model.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc, positions, display, model)
        raise FormatError(f"{display}: the format is not valid", problems) from None
    if isinstance(spec, FormatSpec):
        problems = _where_problems(spec, positions, display)
        if problems:
            raise FormatError(f"{display}: the format's rules name unknown fields", problems)
    return spec


def _where_problems(spec: FormatSpec, positions: Positions, display: str) -> list[Problem]:
    problems = []
    for slot, rule in spec.slots.items():
        allowed = valid_fields(rule.section)
        for name in rule.where:
            if name not in allowed:
                where = positions.nearest(("slots", slot, "where", name), key=True)
                problems.append(
                    Problem(
                        where or Location(display),
                        f"{rule.section} have no field {name!r}",
                        path=f"slots.{slot}.where",
                        hint="valid names: " + ", ".join(allowed),
                    )
                )
    return problems


def _load_user(path: Path, base: Path) -> Format:
    data, positions = _read(path)
    if "extends" not in data:
        return Format(_validate(data, positions, path, FormatSpec), path.parent, path)
    override = _validate(data, positions, path, FormatOverride)
    parent = load_format(override.extends, base)
    merged = parent.spec.model_dump(by_alias=True, exclude_unset=True)
    for key, value in data.items():
        if key in ("extends", "slots", "citation"):
            continue
        merged[key] = value
    if override.citation:
        merged["citation"] = {**merged.get("citation", {}), **override.citation}
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
    return Format(_validate(merged, positions, path, FormatSpec), folder, path)

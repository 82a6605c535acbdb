"""What a citation style file (``styles/<name>.yaml``) may hold: the models that validate it.

``grantdocs.cite.styles`` describes the parts and reads the files; what these models validate
becomes its records (``profile.model.as_record``), which a build uses and the cache keeps.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from grantdocs.profile.names import NameForm

KINDS = ("field", "text", "label", "group", "first", "switch", "macro")
"""The keys of which a part has exactly one."""


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)


class Part(_Model):
    """One part of a citation form (``grantdocs.cite.styles`` says what each key does)."""

    field: str | None = None
    text: str | dict[str, str] | None = Field(
        None, description="Literal text, or one per language ({en: '“', de: '„'}; else en)."
    )
    label: str | None = None
    group: list[PartLike] | None = None
    first: list[PartLike] | None = None
    switch: str | None = None
    cases: dict[str, PartLike] = Field(default_factory=dict)
    default: PartLike | None = None
    macro: str | None = None
    delimiter: str = ""
    prefix: str = ""
    suffix: str = ""
    italic: bool = False
    bold: bool = False
    if_: Annotated[list[str], BeforeValidator(_as_list)] = Field(default_factory=list, alias="if")
    unless: Annotated[list[str], BeforeValidator(_as_list)] = Field(default_factory=list)
    if_any: Annotated[list[str], BeforeValidator(_as_list)] = Field(default_factory=list)
    if_many: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Part:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"a part has exactly one of {', '.join(KINDS)}; found {given}")
        if self.cases and self.switch is None:
            raise ValueError("'cases' belongs to a 'switch'")
        return self


PartLike = Part | str
"""A part, or a field name for short (resolved when ``Part`` is first used: defer_build)."""


class Names(_Model):
    """How an author list is written."""

    form: NameForm = "as_printed"
    delimiter: str = ", "
    and_: Part | None = Field(
        None,
        alias="and",
        description="Put before the last name instead of the delimiter (APA: "
        "{text: {en: ', & ', de: ' & '}}); none: the delimiter.",
    )
    et_al: Part = Field(description="Put after a cut list.")
    gap: str = Field("…", description="Between the cut list and the owner kept visible.")


class Style(_Model):
    """One citation style."""

    name: str
    description: str
    numbered: bool = Field(False, description="Citations start with their number by default.")
    number: Part = Field(
        default_factory=lambda: Part(field="number_in_list", prefix="[", suffix="] ")
    )
    names: Names
    macros: dict[str, PartLike | list[PartLike]] = Field(
        default_factory=dict,
        description="Parts defined once. A list used as a part of a form stands for its "
        "items, each a part of the form; used inside a part, it is a group.",
    )
    kinds: dict[str, list[PartLike]]

    @model_validator(mode="after")
    def _has_default(self) -> Style:
        if "default" not in self.kinds:
            raise ValueError("'kinds' needs a 'default' form")
        return self

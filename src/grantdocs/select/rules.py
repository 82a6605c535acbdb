"""The rule vocabulary a format file uses to fill a slot from the profile.

A rule names a section, filters it (``where``), keeps a time window counted back from the
as-of date (``window``), orders what is left (``order``) and cuts it (``limit``). The owner
may ``pin`` and ``exclude`` entries by id.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from grantdocs.profile import model as pm
from grantdocs.profile.dates import PartialDate

SectionName = Literal[
    "publications",
    "projects",
    "awards",
    "talks",
    "invited_lectures",
    "positions",
    "education",
    "teaching",
    "service",
    "patents",
    "memberships",
    "supervision",
]

SECTION_MODELS: dict[str, type[BaseModel]] = {
    "publications": pm.Publication,
    "projects": pm.Project,
    "awards": pm.Award,
    "talks": pm.Talk,
    "invited_lectures": pm.Talk,
    "positions": pm.Position,
    "education": pm.Education,
    "teaching": pm.Teaching,
    "service": pm.Service,
    "patents": pm.PatentFamily,
    "memberships": pm.Membership,
    "supervision": pm.SupervisedPerson,
}
"""Which model each section holds; ``supervision`` means the named cases."""

COMPUTED_FIELDS = {"ongoing": "the entry runs on the as-of date (periods only)"}
"""Fields a rule may filter on that are computed, not stored."""

Scalar = str | int | float | bool


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Condition(_Rule):
    """A comparison on one field. Several keys in one condition must all hold."""

    eq: Scalar | None = None
    ne: Scalar | None = None
    in_: list[Scalar] | None = Field(None, alias="in")
    not_in: list[Scalar] | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    contains: Scalar | None = Field(None, description="A list field holds this value.")
    contains_any: list[Scalar] | None = None
    exists: bool | None = Field(None, description="The field is set (true) or empty (false).")


FieldTest = Scalar | list[Scalar] | Condition
"""A scalar means equality, a list means 'one of', a mapping is a ``Condition``."""


class Window(_Rule):
    """A time window; exactly one of its keys. Entries overlapping the window are kept."""

    last_years: Annotated[int, Field(ge=1, le=100)] | None = Field(
        None, description="From the as-of date N years back to the as-of date, both included."
    )
    since: PartialDate | None = Field(None, description="From this date to the as-of date.")
    between: tuple[PartialDate, PartialDate] | None = Field(
        None, description="From the first day of the first to the last day of the second."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Window:
        given = [k for k in ("last_years", "since", "between") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a window takes exactly one of last_years, since, between")
        return self


OrderKey = Literal["rank", "newest", "oldest", "custom", "title"]


class SlotRule(_Rule):
    """How one slot of a format is filled."""

    section: SectionName
    label: pm.Text | None = Field(
        None, description="Heading: a msgid, or an inline {en: ..., de: ...} label."
    )
    where: dict[str, FieldTest] = Field(default_factory=dict)
    window: Window | None = None
    order: list[OrderKey] = Field(default_factory=lambda: list[OrderKey](["newest"]))
    custom_order: list[str] = Field(
        default_factory=list, description="Ids in the wanted order, for order key 'custom'."
    )
    limit: Annotated[int, Field(ge=1)] | None = None
    pin: list[str] = Field(default_factory=list, description="Ids always kept (within limit).")
    exclude: list[str] = Field(default_factory=list, description="Ids never kept.")

    def merged(self, override: dict[str, Any]) -> SlotRule:
        """This rule with the keys of ``override`` replacing its own."""
        data = self.model_dump(by_alias=True, exclude_unset=True)
        data.update(override)
        return SlotRule.model_validate(data)


def valid_fields(section: str) -> list[str]:
    """Field names a rule's ``where`` may use for ``section``."""
    names = list(SECTION_MODELS[section].model_fields)
    if "start" in names:
        names += list(COMPUTED_FIELDS)
    return sorted(names)

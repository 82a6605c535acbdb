"""A slot's rule as selection reads it: frozen records of the validated rule models.

``grantdocs.select.rules`` declares and validates the rule vocabulary with pydantic; what
validation gives becomes these records (``profile.model.as_record``), as the profile's do,
so that a build of a cached format never loads pydantic. Names, field order and defaults
are the models' (``tests/select/test_records.py`` holds the two together).
"""

from typing import Any, Literal, get_args

from msgspec import field, structs

from grantdocs.profile.dates import PartialDate
from grantdocs.profile.records import Record, Text
from grantdocs.select.public import PUBLIC_WORDS

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

SECTIONS: tuple[str, ...] = get_args(SectionName)
"""Every section a rule may name, in the order above."""

SECTION_SOURCES: dict[str, str] = {
    "talks": "talks, and invited_lectures read as talks with invited: true",
    "supervision": "supervision.cases",
}
"""What a section reads from the profile, where that is not just the list of its name."""

COMPUTED_FIELDS = {
    "ongoing": "the entry runs on the as-of date (periods only)",
    "public": f"the work is {PUBLIC_WORDS}; publications only",
}
"""Fields a rule may filter on that are computed, not stored."""

Scalar = str | int | float | bool

ANY_OF = "any_of"
NOT = "not"
COMBINERS = (ANY_OF, NOT)
"""Keys of a ``where`` that combine tests instead of naming a field."""

OrderKey = Literal["rank", "newest", "oldest", "custom", "title"]
"""``rank`` puts ranked entries first (rank 1 first), then those marked ``selected``."""


class Condition(Record, frozen=True, kw_only=True):
    """A comparison on one field. Several keys in one condition must all hold."""

    eq: Scalar | None = None
    ne: Scalar | None = None
    in_: list[Scalar] | None = field(default=None, name="in")
    not_in: list[Scalar] | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    contains: Scalar | None = None
    contains_any: list[Scalar] | None = None
    exists: bool | None = None

    def operators(self) -> dict[str, Scalar | list[Scalar]]:
        """The operators this condition sets, by the names a format file uses (``in``), in
        field order."""
        return {
            name: value
            for attr, name in zip(
                self.__struct_fields__, self.__struct_encode_fields__, strict=True
            )
            if (value := getattr(self, attr)) is not None
        }


OPERATORS = frozenset(Condition.__struct_encode_fields__)
"""The keys of a condition, as a format file writes them."""


def where_shape(value: Any) -> str:
    """Which kind of ``where`` value this is: decided by its shape, so errors point inside it."""
    if isinstance(value, Condition):
        return "condition"
    if isinstance(value, dict):
        return "condition" if value and set(value) <= OPERATORS else "where"
    if isinstance(value, list):
        return "wheres" if value and all(isinstance(v, dict) for v in value) else "values"
    return "scalar"


class Window(Record, frozen=True, kw_only=True):
    """A time window; exactly one of its keys. Entries overlapping the window are kept."""

    last_years: int | None = None
    since: PartialDate | None = None
    between: tuple[PartialDate, PartialDate] | None = None


class SlotRule(Record, frozen=True, kw_only=True):
    """How one slot of a format is filled."""

    section: SectionName
    label: Text | None = None
    where: dict[str, Any] = field(default_factory=dict)
    window: Window | None = None
    order: list[OrderKey] = field(default_factory=lambda: list[OrderKey](["newest"]))
    custom_order: list[str] = field(default_factory=list)
    collapse: Literal["title"] | None = None
    limit: int | None = None
    empty: Literal["omit", "none"] = "omit"
    pin: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def chosen(self, pin: list[str], exclude: list[str], custom_order: list[str]) -> "SlotRule":
        """This rule with the owner's choices of ids in place of its own."""
        return structs.replace(self, pin=pin, exclude=exclude, custom_order=custom_order)

"""The team file (``team.yaml``): a proposal, its members and their roles, the works it cites.

Unknown keys are errors everywhere, as in a profile.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from grantdocs.l10n.catalog import N_
from grantdocs.profile.model import Text

Role = Literal[
    "applicant",
    "co_applicant",
    "pi",
    "co_pi",
    "work_package_lead",
    "key_person",
    "team_member",
]
"""A member's role in this proposal."""

ROLE_LABELS: dict[str, str] = {
    "applicant": N_("Applicant"),
    "co_applicant": N_("Co-applicant"),
    "pi": N_("Principal investigator"),
    "co_pi": N_("Co-principal investigator"),
    "work_package_lead": N_("Work package lead"),
    "key_person": N_("Key person"),
    "team_member": N_("Team member"),
}
"""Each role's label (a msgid)."""

LEADING_ROLES = frozenset({"applicant", "co_applicant", "pi", "co_pi", "work_package_lead"})
"""Roles that Horizon Europe's 'Role in the project' calls 'Leading' (else 'Team member')."""


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class Member(_Model):
    """One person of the team: their profile and their part in this proposal."""

    profile: str = Field(
        description="The member's profile file, or a folder holding profile.yaml; relative "
        "to the team file."
    )
    role: Role = Field("key_person", description="Role in this proposal.")
    participant: str | None = Field(
        None, description="The organisation the member takes part for (consortia)."
    )
    pin: dict[str, list[str]] = Field(
        default_factory=dict, description="Slot -> ids always kept in this member's documents."
    )
    exclude: list[str] = Field(
        default_factory=list, description="Ids never kept in this member's documents."
    )


class Cited(_Model):
    """Which works the proposal cites, for the DFG list of publications (form 53.01, 3)."""

    keys: list[str] = Field(
        default_factory=list,
        description="Citation keys: publication ids or aliases of the members' works, or "
        "keys of the bibliography's entries.",
    )
    bibliography: list[str] = Field(
        default_factory=list,
        description="BibTeX (.bib) or CSL-JSON (.json) files of third-party works; relative "
        "to the team file.",
    )
    proposal: list[str] = Field(
        default_factory=list,
        description="The proposal's own .tex or .docx files: every \\cite{...} and [@key] "
        "found in them is cited.",
    )
    highlight: list[str] = Field(
        default_factory=list,
        description="Keys of the members' own works to highlight first (within the limit).",
    )
    no_highlight: list[str] = Field(
        default_factory=list, description="Keys of the members' own works never highlighted."
    )

    @field_validator("bibliography", "proposal", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Works(_Model):
    """The user's decisions on pairs of records that may be one work (the build report
    lists the undecided ones)."""

    same: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Pairs of publication ids or aliases (of any members) that are one work, "
        "listed once: '- [krause2022osf, krause2025jop]'.",
    )
    different: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Pairs of publication ids or aliases that are different works, never "
        "merged and not asked about again.",
    )


class Team(_Model):
    """A proposal's team."""

    title: Text = Field(description="Title of the proposal.")
    acronym: str = Field(min_length=1, max_length=40)
    as_of: dt.date | None = Field(
        None, description="The date 'last N years' counts from (default: today)."
    )
    members: list[Member] = Field(min_length=1)
    cited: Cited = Field(default_factory=Cited)
    works: Works = Field(default_factory=Works)


def team_schema_text() -> str:
    """The team file's JSON Schema (draft 2020-12), as committed in
    ``schema/team.schema.json``: stable, pretty-printed, ending in a newline."""
    # lazy: json loads only when this runs
    import json

    schema = Team.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "grantdocs team"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

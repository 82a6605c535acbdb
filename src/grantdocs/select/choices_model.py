"""What ``choices.yaml`` may hold (``select.choices_file`` reads and writes it)."""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class FormatChoices(BaseModel):
    """One format's decisions."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    lang: str | None = Field(None, description="The language the page shows first.")
    pin: dict[str, list[str]] = Field(
        default_factory=dict, description="slot -> ids always kept in that slot"
    )
    exclude: list[str] = Field(default_factory=list, description="ids never kept")


class ChoicesData(BaseModel):
    """The whole file."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    as_of: dt.date | None = Field(None, description="The date rules count from.")
    formats: dict[str, FormatChoices] = Field(default_factory=dict)

"""What every renderer returns: the file's bytes and the warnings filling it gave."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from msgspec import Struct, field

from grantdocs.notices import Notice

if TYPE_CHECKING:
    from grantdocs.formats.registry import Format
    from grantdocs.l10n.language import Language


class Document(Protocol):
    """What a renderer reads of a prepared document (``prepare.Prepared``, or a team's
    ``team.prepare.TeamPrepared``)."""

    @property
    def fmt(self) -> Format: ...
    @property
    def lang(self) -> Language: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def context(self) -> dict[str, Any]: ...
    @property
    def title(self) -> str: ...
    @property
    def locale(self) -> str: ...


class Rendered(Struct, frozen=True):
    """A rendered document: byte-stable file content and its notices."""

    data: bytes
    notices: list[Notice] = field(default_factory=list)

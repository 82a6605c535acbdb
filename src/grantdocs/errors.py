"""Error types: user errors carry a location and a plain message; anything else is a bug."""

from __future__ import annotations

from msgspec import Struct


class Location(Struct, frozen=True):
    """A place in a user's file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class Problem(Struct, frozen=True):
    """One thing wrong with a user's input."""

    location: Location
    message: str
    path: str = ""
    value: str | None = None
    hint: str | None = None

    def render(self) -> str:
        """Compiler style: ``file:line:col: path: message``, plus a hint line."""
        head = f"{self.location}: "
        if self.path:
            head += f"{self.path}: "
        text = head + self.message
        if self.value is not None:
            text += f" (got {self.value})"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class GrantdocsError(Exception):
    """A problem the user can fix: bad input, a missing file, an unwritable folder.

    The command line prints it without a traceback and exits with ``exit_code``.
    """

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems or [])

    def __reduce__(self) -> tuple[type[GrantdocsError], tuple[str, list[Problem]]]:
        return (type(self), (self.message, self.problems))  # survives a worker process

    def render(self) -> str:
        lines = [f"error: {self.message}"]
        lines += [p.render() for p in self.problems]
        return "\n".join(lines)


class ProfileError(GrantdocsError):
    """The profile cannot be read or does not validate."""


class FormatError(GrantdocsError):
    """A format definition (``templates/<format>/format.yaml``) is wrong or unknown."""


class TemplateError(GrantdocsError):
    """A template does not parse or uses a name the context does not provide."""


class ImportFileError(GrantdocsError):
    """A file given to ``grantdocs import`` cannot be read."""


class OutputError(GrantdocsError):
    """An output cannot be written."""

    exit_code = 3


class ToolMissingError(GrantdocsError):
    """An external program (LibreOffice) is needed but not installed."""

    exit_code = 4


class SourceError(GrantdocsError):
    """An online source (ORCID, Crossref, doi.org, OpenAlex) cannot be reached or answered
    with something unusable: no network, a timeout, an error status, malformed JSON."""

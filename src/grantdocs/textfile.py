"""Read a user's text file with a bound: at most ``limit + 1`` bytes, regular files only.

Sizes from ``stat`` cannot be trusted (``/dev/zero`` and pipes report 0), so the bound is
on what is read. Profile, format and import files all come through ``read_user_text``.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


class UnreadableText(Exception):
    """A file that is not readable text; ``message`` says why, ``line`` where (0: unknown)."""

    def __init__(self, message: str, line: int = 0, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


class TooLarge(UnreadableText):
    """A file larger than the limit it was read with."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``UnreadableText`` otherwise.

    A device, pipe or socket is refused without being opened for reading (a FIFO would wait
    for a writer); the file is read through one descriptor that is checked again after
    opening, and never more than ``limit + 1`` bytes are read.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnreadableText("file not found") from None
    except OSError as exc:
        raise UnreadableText(f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableText("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableText(f"is {_kind(info.st_mode)}, not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UnreadableText(f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the check
            raise UnreadableText("is not a regular file")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise UnreadableText(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise TooLarge(f"file is larger than the limit of {limit:,} bytes")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def decode_text(data: bytes, expected: str) -> str:
    """``data`` as UTF-8 text (a UTF-8 BOM is dropped); ``expected`` names the kind of text
    (``YAML``) in the message for a binary file."""
    if data.startswith(_UTF32_BOMS):
        raise UnreadableText("UTF-32 text: save it as UTF-8", 1)
    if data.startswith(_UTF16_BOMS):
        raise UnreadableText("UTF-16 text: save it as UTF-8", 1)
    if b"\x00" in data:
        raise UnreadableText(f"is a binary file, not {expected} text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableText("is not UTF-8 text", line, "save it as UTF-8") from None


def read_user_text(path: Path, limit: int, expected: str) -> str:
    """``read_limited`` then ``decode_text``."""
    return decode_text(read_limited(path, limit), expected)

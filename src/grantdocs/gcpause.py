"""Pause Python's cyclic garbage collector while building large, acyclic data.

Reading a profile's YAML and rendering one document each allocate objects by the hundred
thousand that stay alive for a while (the node tree; selections, the context, the XML);
each time enough objects were allocated, the collector walks all of them again, which
doubled the time to build from a 10,000-publication profile. Reference counting still
frees what holds no cycle while the collector is paused; what does (openpyxl's workbooks)
is collected once the collector resumes, after each document.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

_ENDS_WITH_COMMAND = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collect_young() -> None:
    """Free the reference cycles made since the last collection, while paused too.

    Inside ``gc_paused`` every new object stays in the youngest generation, so this walks
    only what was allocated since: one member's document in a CV annex, whose XML trees
    python-docx keeps in cycles (100 of them held 1 GB until the annex was done).
    """
    gc.collect(0)


def end_with_command() -> None:
    """Declare that this process ends when its command does (the ``grantdocs`` command).

    At exit, every object still alive is moved out of the collector's reach
    (``gc.freeze``): the interpreter's shutdown collects several times while it empties the
    modules, each time walking every object the libraries made (pydantic's schemas, babel's
    locale data, the document's XML): 150-190 ms after a one-document build, 25-30 ms
    frozen. What is left then is freed with the process; files are written and closed
    before a command returns, and exit handlers registered before this still run after it.
    ``ends_with_command`` tells the command's code (a build of one document leaves the
    collector paused after it)."""
    global _ENDS_WITH_COMMAND
    if not _ENDS_WITH_COMMAND:
        _ENDS_WITH_COMMAND = True
        atexit.register(gc.freeze)


def ends_with_command() -> bool:
    """True in a process that ends when its command does (``end_with_command``); False in
    a library caller's or a test's, which go on."""
    return _ENDS_WITH_COMMAND

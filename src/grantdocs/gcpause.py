"""Pause Python's cyclic garbage collector while building large, acyclic data.

Reading a profile's YAML and rendering one document each allocate objects by the hundred
thousand that stay alive for a while (the node tree; selections, the context, the XML);
each time enough objects were allocated, the collector walks all of them again, which
doubled the time to build from a 10,000-publication profile. Reference counting still
frees what holds no cycle while the collector is paused; what does (openpyxl's workbooks)
is collected once the collector resumes, after each document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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

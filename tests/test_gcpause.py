"""The paused collector: cycles made while paused are freed by ``collect_young``."""

from __future__ import annotations

import gc
import weakref

from grantdocs.gcpause import collect_young, gc_paused


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_a_cycle_made_while_paused_stays_until_collect_young_frees_it() -> None:
    with gc_paused():
        node = _Node()
        alive = weakref.ref(node)
        del node
        assert alive() is not None  # paused: reference counting alone cannot free it
        collect_young()
        assert alive() is None
        assert not gc.isenabled()  # still paused after the collection


def test_collect_young_keeps_what_is_still_referenced() -> None:
    with gc_paused():
        node = _Node()
        collect_young()
        assert node.me is node

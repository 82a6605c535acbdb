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


def test_a_process_that_ends_with_its_command_freezes_at_exit() -> None:
    """``end_with_command`` is said once however often it is called; the objects alive at
    exit are frozen before earlier exit handlers run. This process (the tests) goes on."""
    import subprocess
    import sys

    from grantdocs.gcpause import ends_with_command

    assert not ends_with_command()
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 0))\n"
        "from grantdocs.gcpause import end_with_command, ends_with_command\n"
        "end_with_command()\n"
        "end_with_command()\n"
        "print(ends_with_command(), gc.get_freeze_count() > 0)\n"
        "print(atexit._ncallbacks())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:3] == ["True False", "2", "True"]

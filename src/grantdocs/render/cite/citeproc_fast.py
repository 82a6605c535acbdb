"""A memo for citeproc-py's XPath look-ups: the one place grantdocs reaches inside citeproc-py.

Profiled on the bundled profile (APA), a third of citeproc-py 0.11.1's time per entry is
``CitationStylesElement.xpath_search``: the same macro, layout, term and option look-ups
asked again for every variable of every entry, answered by running XPath anew. The style and
locale trees do not change once the style is read, so each (element, expression) has one
answer; ``enable`` keeps it, and likewise whether an element (a macro, a group's children)
names a variable at all (``calls_variable``, asked for every group of every entry). Only
version 0.11.1 (the pinned one) is patched; with any other
version ``enable`` does nothing. ``tests/render/test_citeproc_fast.py`` renders real entries
in every bundled style and locale with and without the memo and requires equal text.

``fix_empty_labels`` corrects one deviation of citeproc-py 0.11.1 from CSL 1.0.1: it renders
a ``cs:label``'s term even when the label's variable is empty, so DIN 1505-2 prints "S." for
an article without pages. By the specification a label of an empty variable renders nothing;
the fix is always on (for the pinned version only), so the reference text the tests compare
to is citeproc-py's with this one correction.
"""

from __future__ import annotations

from typing import Any

VERSION = "0.11.1"
"""The citeproc-py version whose ``xpath_search`` this memo replaces."""

_original: Any = None
_originals: dict[Any, Any] = {}


def enable() -> bool:
    """Memoise citeproc-py's XPath look-ups (once per process); False where the installed
    citeproc-py is not the pinned version and nothing was changed."""
    global _original
    import citeproc
    from citeproc.model import CitationStylesElement, Parent, Text

    if _original is not None:
        return True
    if getattr(citeproc, "__version__", None) != VERSION:
        return False
    original = CitationStylesElement.xpath_search
    memo: dict[tuple[Any, str], Any] = {}

    def xpath_search(self: Any, expression: str) -> Any:
        key = (self, expression)  # the element in the key keeps its proxy (and id) alive
        found = memo.get(key)
        if found is None:
            found = memo[key] = tuple(original(self, expression))
        return list(found)

    CitationStylesElement.xpath_search = xpath_search
    _original = original
    for owner in (Parent, Text):
        _originals[owner] = owner.calls_variable
        owner.calls_variable = _memo_calls(owner.calls_variable)
    return True


def _memo_calls(original: Any) -> Any:
    memo: dict[Any, bool] = {}

    def calls_variable(self: Any) -> bool:
        found = memo.get(self)
        if found is None:
            found = memo[self] = original(self)
        return found

    return calls_variable


def disable() -> None:
    """Undo ``enable`` (for the equivalence test)."""
    global _original
    from citeproc.model import CitationStylesElement

    if _original is not None:
        CitationStylesElement.xpath_search = _original
        _original = None
    for owner, original in _originals.items():
        owner.calls_variable = original
    _originals.clear()


def fix_empty_labels() -> bool:
    """Make ``cs:label`` render nothing when its variable is empty (CSL 1.0.1), once per
    process; False where the installed citeproc-py is not the pinned version."""
    import citeproc
    from citeproc.model import Label
    from citeproc.source import VariableError

    if getattr(citeproc, "__version__", None) != VERSION:
        return False
    if getattr(Label, "_grantdocs_empty_labels", False):
        return True
    original = Label.process

    def process(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        name = variable if variable is not None else self.get("variable")
        if name and name != "locator":
            try:
                value = item.reference[name.replace("-", "_")]
            except VariableError:
                return None
            if value is None or str(value).strip() == "":
                return None
        return original(self, item, variable, *args, **kwargs)

    Label.process = process
    Label._grantdocs_empty_labels = True
    return True

"""Memos for citeproc-py's look-ups: the one place grantdocs reaches inside citeproc-py.

citeproc-py renders the styles that ``csl_compile`` does not (user ``.csl`` files, and an
item a compiled style does not render) and is the reference the compiled styles are
tested against; these memos and the correction below apply to it.

Profiled on the bundled profile, most of citeproc-py 0.11.1's time per entry goes to asking
the style and locale trees the same questions again for every variable of every entry: XPath
searches (macros, layouts, terms), an element's child by name, the root of an element, an
option, a term and its text, an element's formatting attributes and affixes, whether an
element names a variable, and the reference of a citation item. The trees do not change once
the style is read (with two exceptions, below), so each question has one answer; ``enable``
keeps it. Only version 0.11.1 (the pinned one) is patched; with any other version ``enable``
does nothing.

Not kept: a locale's ``cs:date-part`` takes the attributes of the style's date-part it
stands for each time it renders (citeproc-py updates its attributes), so its formatting and
affixes are read anew; the formatter is set by each bibliography, so it is looked up anew
(only the element's root is kept). A ``cs:names`` without ``cs:name`` gets one inserted by
citeproc-py on first use; a missing ``cs:name`` is not kept for that reason.

``tests/cite/test_citeproc_fast.py`` renders every entry of every real fixture file in
every bundled style and locale with and without the memos and requires equal text.

``fix_empty_labels`` corrects one deviation of citeproc-py 0.11.1 from CSL 1.0.1: it renders
a ``cs:label``'s term even when the label's variable is empty, so DIN 1505-2 prints "S." for
an article without pages. By the specification a label of an empty variable renders nothing;
the fix is always on (for the pinned version only), so the reference text the tests compare
to is citeproc-py's with this one correction (``csl_compile`` renders such a label so too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

VERSION = "0.11.1"
"""The citeproc-py version whose look-ups these memos replace."""

_originals: dict[tuple[Any, str], Any] = {}
"""(class, attribute) -> citeproc-py's own, while the memos are on."""
_memos: list[dict[Any, Any]] = []
"""Every memo of the patches (each keeps the elements of the styles it has seen alive)."""

_NORMAL = ("normal", "normal", "normal", "none", "baseline")
"""font-style, font-variant, font-weight, text-decoration, vertical-align left as they are."""


def enable() -> bool:
    """Memoise citeproc-py's look-ups (once per process); False where the installed
    citeproc-py is not the pinned version and nothing was changed."""
    # lazy: citeproc loads only when this runs
    import citeproc

    if _originals:
        return True
    if getattr(citeproc, "__version__", None) != VERSION:
        return False
    for owner, name, make in _patches():
        _originals[(owner, name)] = owner.__dict__.get(name)  # None: inherited
        setattr(owner, name, make(getattr(owner, name)))
    return True


def forget() -> None:
    """Empty the memos: the styles parsed so far are no longer kept alive by them (with
    ``csl_render.forget``, which also drops the parsed styles)."""
    for memo in _memos:
        memo.clear()


def disable() -> None:
    """Undo ``enable`` (for the equivalence test)."""
    for (owner, name), original in _originals.items():
        if original is None:
            delattr(owner, name)
        else:
            setattr(owner, name, original)
    _originals.clear()
    forget()
    _memos.clear()


def _memo(key: Callable[..., Any]) -> Callable[[Any], Any]:
    """A patch keeping ``original``'s answer per ``key(*args)`` (None: not kept)."""

    def make(original: Any) -> Any:
        memo: dict[Any, Any] = {}
        _memos.append(memo)

        def patched(*args: Any, **kwargs: Any) -> Any:
            k = key(*args, **kwargs)
            if k is None:
                return original(*args, **kwargs)
            try:
                return memo[k]
            except KeyError:
                found = memo[k] = original(*args, **kwargs)
                return found

        return patched

    return make


def _patches() -> list[tuple[Any, str, Callable[[Any], Any]]]:
    """(class, attribute, maker of its replacement from citeproc-py's own)."""
    # lazy: citeproc loads only when this runs
    from citeproc import model
    from citeproc.source import CitationItem
    from citeproc.string import normalize_seam

    def xpath_search(original: Any) -> Any:
        memo: dict[tuple[Any, str], Any] = {}
        _memos.append(memo)

        def patched(self: Any, expression: str) -> Any:
            key = (self, expression)  # the element in the key keeps its proxy (and id) alive
            found = memo.get(key)
            if found is None:
                found = memo[key] = tuple(original(self, expression))
            return list(found)

        return patched

    def get_formatter(original: Any) -> Any:
        locale_roots: dict[Any, bool] = {}
        _memos.append(locale_roots)

        def patched(self: Any) -> Any:
            root = self.get_root()
            in_locale = locale_roots.get(root)
            if in_locale is None:
                in_locale = locale_roots[root] = isinstance(root, model.Locale)
            return root.style.formatter if in_locale else root.formatter

        return patched

    def reference(original: Any) -> Any:
        def patched(self: Any) -> Any:
            kept = vars(self)  # the item's own attributes, not its (dict) variables
            found = kept.get("_grantdocs_reference")
            if found is None:
                found = kept["_grantdocs_reference"] = original.fget(self)
            return found

        return property(patched)

    def term_text(original: Any) -> Any:
        memo: dict[tuple[Any, Any], Any] = {}
        _memos.append(memo)

        def patched(self: Any) -> Any:
            key = (self, self.get_formatter().preformat)
            found = memo.get(key)
            if found is None:
                found = memo[key] = original.fget(self)
            return found

        return property(patched)

    def format_(original: Any) -> Any:
        memo: dict[Any, tuple[str, ...]] = {}
        _memos.append(memo)

        def patched(self: Any, string: Any) -> Any:
            if isinstance(self, model.Date_Part):
                return original(self, string)
            found = memo.get(self)
            if found is None:
                found = memo[self] = (
                    self.get("font-style", "normal"),
                    self.get("font-variant", "normal"),
                    self.get("font-weight", "normal"),
                    self.get("text-decoration", "none"),
                    self.get("vertical-align", "baseline"),
                )
            if found == _NORMAL:
                return str(string) if isinstance(string, (int, float)) else string
            return original(self, string)

        return patched

    def wrap(original: Any) -> Any:
        memo: dict[Any, tuple[str, str]] = {}
        _memos.append(memo)

        def patched(self: Any, string: Any) -> Any:
            if string is None or isinstance(self, model.Date_Part):
                return original(self, string)
            found = memo.get(self)
            if found is None:
                found = memo[self] = (self.get("prefix", ""), self.get("suffix", ""))
            prefix, suffix = found
            text = prefix + normalize_seam(prefix, string)
            return text + normalize_seam(text, suffix)

        return patched

    def option(self: Any, name: str) -> Any:
        return (self, name)

    def locale_option(self: Any, name: str) -> Any:
        return (self.get_root(), name)

    def name_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        return None if sort_options is not None else (self, name, context)

    def term(
        self: Any,
        name: str,
        form: str | None = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        return (self.get_root(), name, form, fallback_locale, zero_padded)

    def itself(self: Any) -> Any:
        return self

    def child(original: Any) -> Any:
        memo: dict[tuple[Any, str], Any] = {}
        _memos.append(memo)

        def patched(self: Any, name: str) -> Any:
            key = (self, name)
            found = memo.get(key)
            if found is None:
                found = original(self, name)
                if found is not None or name != "name":  # a cs:name may be inserted later
                    memo[key] = found
            return found

        return patched

    element = model.CitationStylesElement
    return [
        (element, "xpath_search", xpath_search),
        (model.SomewhatObjectifiedElement, "__getattr__", child),
        (element, "get_root", _memo(itself)),
        (element, "get_formatter", get_formatter),
        (model.Style, "get_option", _memo(option)),
        (model.FormattingInstructions, "get_option", _memo(option)),
        (element, "get_locale_option", _memo(locale_option)),
        (model.Name, "get_option", _memo(name_option)),
        (element, "get_term", _memo(term)),
        (model.Term, "single", term_text),
        (model.Term, "multiple", term_text),
        (model.Parent, "calls_variable", _memo(itself)),
        (model.Text, "calls_variable", _memo(itself)),
        (model.Formatted, "format", format_),
        (model.Affixed, "wrap", wrap),
        (CitationItem, "reference", reference),
    ]


def fix_empty_labels() -> bool:
    """Make ``cs:label`` render nothing when its variable is empty (CSL 1.0.1), once per
    process; False where the installed citeproc-py is not the pinned version."""
    # lazy: citeproc loads only when this runs
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
        if name == "editortranslator":  # the label of an editor who is also the translator
            name = "editor"
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

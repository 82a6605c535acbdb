"""A CSL style's bibliography compiled into Python closures: one item rendered to the marked
text that citeproc-py 0.11.1 writes for it through ``csl_render``'s marks formatter.

Written from the CSL 1.0.2 specification, with citeproc-py's observable choices where they
differ from it or where it leaves room: at each concatenation seam (a delimiter, an affix, a
quote, a name's label) a double space or a repeated ``.,;:!?`` loses its second character;
a term is looked up in the locales in citeproc-py's order with no fallback to another form;
a ``cs:number`` reads only variables whose names have no hyphen; a date with a ``form``
takes the locale's date-parts with the style date's affixes and delimiter; a label of an
empty variable renders nothing (``citeproc_fast.fix_empty_labels``).

Everything a style states is answered when it is compiled (attributes, inherited name
options, terms of the locale chain, macros), with ``lazy`` a ``cs:choose`` branch when first
taken; ``Unsupported`` is raised there for an element or attribute this renderer does not
do, and while rendering for an item it does not do (a date range, a season, rich-text spans,
an ordinal number): the caller then uses citeproc-py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from grantdocs.formats.citation_styles import citeproc_folder

_CS = "{http://purl.org/net/xbiblio/csl}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SEAM = frozenset(".,;:!?")
_EN_DASH = "\u2013"
# fmt: off
_NAMES = frozenset((
    "author", "collection_editor", "composer", "container_author", "editor",
    "editorial_director", "illustrator", "interviewer", "original_author", "recipient",
    "translator",
))
"""The name variables citeproc-py reads as names (by its names for them)."""
_DATES = frozenset(("accessed", "container", "event_date", "issued", "original_date", "submitted"))
"""The date variables citeproc-py reads as dates."""
_MULTIPLE = re.compile(r"\d+[^\d.]+\d+")
"""Numbers a label counts as plural ("1-3", "1, 2"; not "2.0")."""
_NUMERIC = re.compile(r"^([A-Z]*\d+[A-Z]*)$", re.I)
"""A value cs:if is-numeric accepts."""
_STOP_WORDS = frozenset((
    "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor",
    "of", "on", "onto", "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet",
))
"""Words title case leaves in lower case (but after a colon or period)."""
# fmt: on
_NAME_DEFAULTS = {
    "and": None,
    "delimiter-precedes-et-al": "contextual",
    "delimiter-precedes-last": "contextual",
    "et-al-min": "0",
    "et-al-use-first": "1",
    "et-al-use-last": "false",
    "initialize-with": None,
    "initialize-with-hyphen": "true",
    "name-as-sort-order": None,
    "sort-separator": ", ",
    "demote-non-dropping-particle": "display-and-sort",
    "name-form": "long",
    "name-delimiter": ", ",
    "names-delimiter": "",
}
_AFFIX = {"prefix", "suffix"}
_FONT = {"font-style", "font-variant", "font-weight", "text-decoration", "vertical-align"}
_TEXT_ATTRS = {
    "variable", "macro", "term", "value", "form", "plural", "quotes", "text-case",
    "strip-periods", "display",
} | _AFFIX | _FONT  # fmt: skip
_NAME_OPTIONS = {
    "and", "delimiter", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
    "et-al-use-first", "et-al-use-last", "initialize-with", "initialize-with-hyphen",
    "name-as-sort-order", "sort-separator", "form", "demote-non-dropping-particle",
    "et-al-subsequent-min", "et-al-subsequent-use-first", "initialize",
}  # fmt: skip
_CONDITIONS = {"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position"}
_CASES = {"lowercase", "uppercase", "capitalize-first", "capitalize-all", "title", "sentence"}


class Unsupported(Exception):
    """The style, or the item, uses what this renderer does not do (citeproc-py renders it)."""


class _Entry(Struct):
    """One item being rendered: its variables as citeproc-py reads them."""

    values: dict[str, Any]
    type: str
    language: str
    repressed: set[str] = field(default_factory=set)


Node = Callable[[_Entry], str | None]
Marks = Mapping[str, tuple[str, str]]
"""Formatting -> (start, end) marks: keys 'italic', 'bold', 'small-caps'."""


def seam(left: str, other: str) -> str:
    """``other`` as appended to ``left``: without its first character where that would
    double a space or a ``.,;:!?`` mark."""
    if left and other:
        last, first = left[-1], other[0]
        if (last == " " and first == " ") or (last == first and first in _SEAM):
            return other[1:]
    return other


def join(items: Sequence[str], delimiter: str) -> str:
    """``items`` joined by ``delimiter``, each seam as ``seam`` makes it."""
    if not items:
        return ""
    out = items[0]
    for item in items[1:]:
        out += seam(out, delimiter)
        out += seam(out, item)
    return out


def wrap(prefix: str, suffix: str, text: str) -> str:
    """``text`` between its affixes, each seam as ``seam`` makes it."""
    text = prefix + seam(prefix, text)
    return text + seam(text, suffix)


@cache
def _locale_data() -> tuple[Path, frozenset[str], dict[str, str]]:
    """citeproc-py's locale folder, its locale names and primary dialects (read without
    importing it)."""
    package = citeproc_folder()
    if package is None:
        raise Unsupported("citeproc-py's locales are missing")
    folder = package / "data" / "locales"
    data = json.loads((folder / "locales.json").read_text(encoding="utf-8"))
    return folder, frozenset(data["language-names"]), dict(data["primary-dialects"])


@cache
def _locale_file(name: str) -> tuple[Any, dict[tuple[str, str | None], Any]]:
    """The root of citeproc-py's locale file ``name`` and its terms (``_term_index``)."""
    # lazy: lxml loads only when a style is compiled
    from lxml import etree

    folder, _names, _dialects = _locale_data()
    parser = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True)
    root = etree.parse(str(folder / f"locales-{name}.xml"), parser).getroot()
    return root, _term_index(root)


def forget() -> None:
    """Drop the parsed locale files (with ``csl_render.forget``: as in a new process)."""
    _locale_data.cache_clear()
    _locale_file.cache_clear()


def _term_index(locale: Any) -> dict[tuple[str, str | None], Any]:
    """A locale's terms by name and form (None: no form), the first of each."""
    index: dict[tuple[str, str | None], Any] = {}
    terms = locale.find(f"{_CS}terms")
    if terms is not None:
        for term in terms.findall(f"{_CS}term"):
            index.setdefault((term.get("name"), term.get("form")), term)
    return index


def _locales(root: Any, locale: str) -> list[tuple[Any, dict[tuple[str, str | None], Any]]]:
    """The locales a term or date is looked up in, with their terms, in citeproc-py's
    order: the style's own for the dialect, the language and no language, then the files of
    the dialect, the language's primary dialect and en-US."""
    found: list[tuple[Any, dict[tuple[str, str | None], Any]]] = []
    language = locale.split("-")[0]
    own = root.findall(f"{_CS}locale")
    for wanted in (locale, language, None):
        matching = [el for el in own if el.get(_XML_LANG) == wanted]
        if len(matching) > 1:
            raise Unsupported("two style locales for one language")
        found += [(el, _term_index(el)) for el in matching]
    _folder, names, dialects = _locale_data()
    files: list[str] = []
    if locale in names:
        files.append(locale)
    if language in dialects:
        files.append(dialects[language])
    files.append("en-US")
    for name in dict.fromkeys(files):
        found.append(_locale_file(name))
    return found


class _Style:
    """A style's bibliography being compiled for one locale."""

    def __init__(self, root: Any, locale: str, marks: Marks, lazy: bool) -> None:
        self.root = root
        self.lazy = lazy
        chain = _locales(root, locale)
        self.locales = [el for el, _terms in chain]
        self.terms = [terms for _el, terms in chain]
        self.marks = marks
        bibliography = root.find(f"{_CS}bibliography")
        if bibliography is None or bibliography.find(f"{_CS}layout") is None:
            raise Unsupported("no bibliography")
        self.bibliography = bibliography
        self.macros: dict[str, Any] = {}
        for macro in root.findall(f"{_CS}macro"):
            self.macros.setdefault(macro.get("name"), macro)
        self.compiled: dict[str, Node] = {}
        self.compiling: set[str] = set()
        self.language = (root.get("default-locale") or "en")[:2]

    # --- static answers -------------------------------------------------------------------

    def term_element(self, name: str, form: str | None = None) -> Any:
        """The first cs:term of the locale chain for ``name`` and ``form`` (None: one with
        no form), without falling back to another form; None where there is none."""
        for index in self.terms:
            found = index.get((name, form))
            if found is not None:
                return found
        return None

    def term(self, name: str, form: str | None = None, plural: bool = False) -> str:
        """The term's text ('' where no locale has it)."""
        term = self.term_element(name, form)
        if term is None:
            return ""
        part = term.find(f"{_CS}{'multiple' if plural else 'single'}")
        return str((part if part is not None else term).text or "")

    def macro(self, name: str | None) -> Any:
        """The first macro called ``name``."""
        found = self.macros.get(name or "")
        if found is None:
            raise Unsupported(f"no macro {name}")
        return found

    def compiled_macro(self, name: str) -> Node:
        """The macro ``name`` compiled (once per style; one that calls itself: unsupported)."""
        found = self.compiled.get(name)
        if found is None:
            if name in self.compiling:
                raise Unsupported(f"macro {name} calls itself")
            self.compiling.add(name)
            found = self.compiled[name] = self.children(self.macro(name), "")
            self.compiling.discard(name)
        return found

    def option(self, name: str) -> str | None:
        """An inheritable name option as the bibliography, else the style, sets it."""
        value: str | None = self.bibliography.get(name)
        if value is None:
            value = self.root.get(name, _NAME_DEFAULTS[name])
        return value

    def calls_variable(self, el: Any) -> bool:
        """Whether citeproc-py counts ``el`` as calling a variable (for a group)."""
        tag = _tag(el)
        if tag == "text":
            if "variable" in el.attrib:
                return bool(el.get("variable") != "year-suffix")
            if "macro" in el.attrib:
                return any(self.calls_variable(c) for c in self.macro(el.get("macro")))
            return False
        if tag == "label":
            return bool(el.get("variable") == "locator")
        if tag in ("group", "names", "date", "number"):
            return True
        if tag in ("choose", "if", "else-if", "else"):
            return any(self.calls_variable(c) for c in el)
        raise Unsupported(f"cs:{tag} in a group")

    def formatting(self, el: Any) -> tuple[str, str]:
        """The marks around text formatted as ``el`` says."""
        start = end = ""
        for attribute, normal, wrapped in (
            ("font-style", "normal", {"italic": "italic", "oblique": "italic"}),
            ("font-variant", "normal", {"small-caps": "small-caps"}),
            ("font-weight", "normal", {"bold": "bold", "light": ""}),
            ("text-decoration", "none", {"underline": ""}),
            ("vertical-align", "baseline", {"sup": "", "sub": ""}),
        ):
            value = el.get(attribute, normal)
            if value == normal:
                continue
            if value not in wrapped:
                raise Unsupported(f"{attribute}={value}")
            if wrapped[value]:
                a, z = self.marks[wrapped[value]]
                start, end = a + start, end + z
        return start, end

    def case(self, el: Any, titles: bool) -> Callable[[str, str | None], str]:
        """``el``'s text-case as a function of the text and the item's language (title case
        only where ``titles`` and the language is 'en')."""
        case = el.get("text-case")
        if case is None:
            return _same
        if case not in _CASES:
            raise Unsupported(f"text-case={case}")
        if case == "title":
            return _title if titles else _same
        return _CASE_FUNCTIONS[case]

    # --- elements -------------------------------------------------------------------------

    def check(self, el: Any, allowed: set[str]) -> None:
        """Unsupported unless every attribute of ``el`` is in ``allowed``."""
        unknown = set(el.attrib) - allowed
        if unknown:
            raise Unsupported(f"cs:{_tag(el)} {sorted(unknown)}")

    def layout(self) -> Callable[[_Entry], str]:
        """The bibliography's cs:layout: an item's whole entry ('' for none)."""
        layout = self.bibliography.find(f"{_CS}layout")
        self.check(layout, _AFFIX | _FONT | {"delimiter"})
        body = self.children(layout, "")
        prefix, suffix = layout.get("prefix", ""), layout.get("suffix", "")
        start, end = self.formatting(layout)

        def render(entry: _Entry) -> str:
            text = body(entry)
            if text is None:
                return ""
            return start + wrap(prefix, suffix, text) + end

        return render

    def children(self, el: Any, delimiter: str) -> Node:
        """``el``'s children rendered and joined by ``delimiter`` (a cs:choose among them
        delimits its branch's children by it too)."""
        nodes = [self.node(child, delimiter) for child in el]

        def render(entry: _Entry) -> str | None:
            out = []
            for node in nodes:
                text = node(entry)
                if text is not None:
                    out.append(text)
            return join(out, delimiter) if out else None

        return render

    def node(self, el: Any, delimiter: str = "") -> Node:
        """A rendering element (a cs:choose delimiting its branch by ``delimiter``)."""
        tag = _tag(el)
        if tag == "choose":
            return self.choose(el, delimiter)
        make = {
            "text": self.text,
            "group": self.group,
            "names": self.names,
            "label": self.label,
            "number": self.number,
            "date": self.date,
        }.get(tag)
        if make is None:
            raise Unsupported(f"cs:{tag}")
        return make(el)

    def text(self, el: Any) -> Node:
        """A cs:text: a variable, macro, term or value."""
        self.check(el, _TEXT_ATTRS)
        prefix, suffix = el.get("prefix", ""), el.get("suffix", "")
        start, end = self.formatting(el)
        case = self.case(el, titles=True)
        strip = el.get("strip-periods", "false").lower() == "true"
        quotes = el.get("quotes", "false").lower() == "true"
        open_quote = self.term("open-quote") if quotes else ""
        close_quote = self.term("close-quote") if quotes else ""

        def markup(text: str | None, language: str | None) -> str | None:
            if not text:
                return None
            if strip:
                text = text.replace(".", "")
            text = start + case(text, language) + end
            if quotes:
                text = open_quote + seam(open_quote, text)
                text += seam(text, close_quote)
            return wrap(prefix, suffix, text)

        if "variable" in el.attrib:
            return self.text_variable(el, markup)
        if "macro" in el.attrib:
            macro = self.compiled_macro(el.get("macro"))
            return lambda entry: markup(macro(entry), entry.language)
        if "term" in el.attrib:
            form = el.get("form", "long")
            plural = el.get("plural", "false").lower() == "true"
            term = self.term(el.get("term"), None if form == "long" else form, plural)
            return lambda entry: markup(term, entry.language)
        if "value" in el.attrib:
            value = el.get("value")
            return lambda entry: markup(value, entry.language)
        raise Unsupported("cs:text without content")

    def text_variable(
        self, el: Any, markup: Callable[[str | None, str | None], str | None]
    ) -> Node:
        """A cs:text of a variable, written by ``markup``."""
        variable = el.get("variable")
        short = el.get("form") == "short"
        key = variable.replace("-", "_")
        if key in _NAMES or key in _DATES:
            raise Unsupported(f"cs:text variable={variable}")
        if variable == "citation-number":
            if el.get("text-case") or el.get("strip-periods"):
                raise Unsupported("citation-number with a text-case")
            return lambda entry: markup("1", entry.language)
        if variable == "locator":
            return lambda entry: None
        if variable.startswith("page"):
            delimiter = self.term("page-range-delimiter") or _EN_DASH
            range_format = self.root.get("page-range-format")

            def page(entry: _Entry) -> str | None:
                if variable in entry.repressed:
                    return None
                value = entry.values.get("page")
                if value is None:
                    return None
                text = _numbers(value, variable, str, delimiter, range_format)
                return markup(text, entry.language)

            return page
        short_key = f"{variable}-short".replace("-", "_")

        def render(entry: _Entry) -> str | None:
            if variable in entry.repressed:
                return None
            values = entry.values
            value = values.get(short_key if short and short_key in values else key)
            return markup(value, entry.language)

        return render

    def group(self, el: Any) -> Node:
        """A cs:group: nothing where it calls variables and none of them rendered."""
        self.check(el, _AFFIX | _FONT | {"delimiter", "display"})
        delimiter = el.get("delimiter", "")
        prefix, suffix = el.get("prefix", ""), el.get("suffix", "")
        start, end = self.formatting(el)
        kids = [(self.node(c, delimiter), self.calls_variable(c)) for c in el]
        calls = any(c for _node, c in kids)

        def render(entry: _Entry) -> str | None:
            out = []
            rendered = False
            for node, called in kids:
                text = node(entry)
                if text is not None:
                    out.append(text)
                    rendered = rendered or called
            if not out or (calls and not rendered):
                return None
            text = join(out, delimiter)
            return wrap(prefix, suffix, start + text + end) if text else None

        return render

    def choose(self, el: Any, delimiter: str) -> Node:
        """A cs:choose: its first branch whose condition holds."""
        self.check(el, set())
        branches: list[tuple[Callable[[_Entry], bool], Node]] = []
        for child in el:
            tag = _tag(child)
            if tag == "else":
                self.check(child, set())
                branches.append((_always, self.branch(child, delimiter)))
            elif tag in ("if", "else-if"):
                branches.append((self.condition(child), self.branch(child, delimiter)))
            else:
                raise Unsupported(f"cs:{tag} in cs:choose")

        def render(entry: _Entry) -> str | None:
            for test, body in branches:
                if test(entry):
                    return body(entry)
            return None

        return render

    def branch(self, el: Any, delimiter: str) -> Node:
        """The children of a cs:if, cs:else-if or cs:else; where the style is compiled
        lazily, compiled when the branch is first taken."""
        if not self.lazy:
            return self.children(el, delimiter)
        compiled: list[Node] = []

        def render(entry: _Entry) -> str | None:
            if not compiled:
                try:
                    compiled.append(self.children(el, delimiter))
                except Unsupported as error:
                    compiled.append(_unsupported(str(error)))
            return compiled[0](entry)

        return render

    def condition(self, el: Any) -> Callable[[_Entry], bool]:
        """The test of a cs:if or cs:else-if (a bibliography entry has no locator or
        position; ``disambiguate`` is not tested)."""
        self.check(el, _CONDITIONS | {"match", "disambiguate"})
        types = [t.lower() for t in el.get("type", "").split()]
        variables = [v.replace("-", "_") for v in el.get("variable", "").split()]
        numerics = [v.replace("-", "_") for v in el.get("is-numeric", "").split()]
        uncertain = [v.replace("-", "_") for v in el.get("is-uncertain-date", "").split()]
        fixed = [False] * len(el.get("locator", "").split())
        if "position" in el.attrib:
            fixed.append(False)  # a bibliography entry has no position
        match = el.get("match")

        def results(entry: _Entry) -> list[bool]:
            values = entry.values
            out = [t == entry.type for t in types]
            out += [v != "locator" and v in values for v in variables]
            out += [v in values and _NUMERIC.match(_str(values[v])) is not None for v in numerics]
            out += [_circa(values.get(v)) for v in uncertain]
            return out + fixed

        if match == "any":
            return lambda entry: any(results(entry))
        if match == "none":
            return lambda entry: not any(results(entry))
        return lambda entry: all(results(entry))

    def label(self, el: Any) -> Node:
        """A cs:label outside cs:names: nothing where its variable is empty."""
        self.check(
            el, {"variable", "form", "plural", "text-case", "strip-periods"} | _AFFIX | _FONT
        )
        variable = el.get("variable")
        if variable is None:
            raise Unsupported("cs:label without a variable")
        key = variable.replace("-", "_")
        if key in _NAMES or key in _DATES:
            raise Unsupported(f"cs:label variable={variable}")
        markup = self.label_markup(el, variable)
        plural_option = el.get("plural", "contextual")

        def render(entry: _Entry) -> str | None:
            if variable == "locator" or variable.startswith("number-of"):
                return None  # citeproc-py: no locator; a number-of label raises
            value = entry.values.get(key)
            if value is None:
                return None
            text = _str(value)
            if not text.strip():
                return None
            plural = _MULTIPLE.search(text) is not None
            return markup[plural_option == "always" or (plural_option == "contextual" and plural)]

        return render

    def label_markup(self, el: Any, variable: str) -> tuple[str | None, str | None]:
        """The label of ``variable`` (singular, plural) as ``el`` writes it."""
        form = el.get("form", "long")
        prefix, suffix = el.get("prefix", ""), el.get("suffix", "")
        start, end = self.formatting(el)
        case = self.case(el, titles=False)
        strip = el.get("strip-periods", "false").lower() == "true"
        out: list[str | None] = []
        for plural in (False, True):
            text = self.term(variable, None if form == "long" else form, plural)
            if not text:
                out.append(None)
                continue
            if strip:
                text = text.replace(".", "")
            out.append(wrap(prefix, suffix, start + case(text, None) + end))
        return out[0], out[1]

    def number(self, el: Any) -> Node:
        """A cs:number: each number of a list or range formatted."""
        self.check(
            el, {"variable", "form", "text-case", "strip-periods", "display"} | _AFFIX | _FONT
        )
        variable = el.get("variable")
        form = el.get("form", "numeric")
        if form not in ("numeric", "ordinal", "long-ordinal", "roman"):
            raise Unsupported(f"cs:number form={form}")
        prefix, suffix = el.get("prefix", ""), el.get("suffix", "")
        start, end = self.formatting(el)
        case = self.case(el, titles=False)
        strip = el.get("strip-periods", "false").lower() == "true"
        delimiter = (
            self.term("page-range-delimiter") or _EN_DASH
            if variable.startswith("page")
            else _EN_DASH
        )
        range_format = self.root.get("page-range-format")
        long_ordinals = {n: self.term(f"long-ordinal-{n:02}") for n in range(1, 11)}

        def format_number(number: str) -> str:
            try:
                value = int(number)
            except ValueError:
                return number
            if form == "numeric":
                return str(value)
            if form == "roman":
                return _roman(value).lower()
            if form == "long-ordinal" and value <= 10 and value in long_ordinals:
                return long_ordinals[value]
            raise Unsupported("an ordinal number")

        key = "page" if variable == "page-first" else variable
        missing = variable == "locator" or ("-" in key)

        def render(entry: _Entry) -> str | None:
            if missing:
                return None
            value = entry.values.get(key)
            if value is None:
                return None
            text = _numbers(value, variable, format_number, delimiter, range_format)
            if not text:
                return None
            if strip:
                text = text.replace(".", "")
            return wrap(prefix, suffix, start + case(text, None) + end)

        return render

    def names(self, el: Any, context: Any = None) -> Node:
        """``el`` (a cs:names), its cs:name and cs:label those of ``context`` (a cs:names
        whose cs:substitute holds ``el`` and which has no cs:name of its own)."""
        self.check(el, {"variable", "delimiter"} | _AFFIX | _FONT)
        context = el if context is None else context
        roles = el.get("variable", "").split()
        both = set(roles) == {"editor", "translator"}
        if both:
            term = self.term_element("editortranslator")
            if term is None:
                raise Unsupported("no editortranslator term")
            both = len(term) > 0  # citeproc-py: one list with this label where it has parts
        for child in context:
            if _tag(child) not in ("name", "label", "et-al", "substitute"):
                raise Unsupported(f"cs:{_tag(child)} in cs:names")
        name_el = context.find(f"{_CS}name")
        label_el = context.find(f"{_CS}label")
        label_first = name_el is not None and label_el is not None and context[0] is label_el
        name = self.name(name_el, context)
        # citeproc-py looks a role up by its own name: one with a hyphen is never found, one
        # it does not know as a name variable would be read as text
        kept = [role for role in roles if "-" not in role]
        labels = {
            role: self.label_markup(label_el, role) if label_el is not None else (None, None)
            for role in [*kept, "editortranslator"]
        }
        if label_el is not None:
            self.check(label_el, {"form", "plural", "text-case", "strip-periods"} | _AFFIX | _FONT)
        label_plural = label_el.get("plural", "contextual") if label_el is not None else ""
        delimiter = el.get("delimiter", self.option("names-delimiter"))
        prefix, suffix = el.get("prefix", ""), el.get("suffix", "")
        start, end = self.formatting(el)
        substitute = el.find(f"{_CS}substitute")
        replace = self.substitute(substitute, el) if substitute is not None else None

        def render(entry: _Entry) -> str | None:
            out = []
            roles = kept
            values = entry.values
            same = both and "editor" in values and values["editor"] == values.get("translator")
            if same:
                roles = ["editor"]
            for role in roles:
                people = values.get(role)
                if people is None:
                    continue
                if role not in _NAMES:
                    raise Unsupported(f"names variable={role}")
                text = name(people)
                plural = len(people) > 1
                label = labels["editortranslator" if same else role][
                    label_plural == "always" or (label_plural == "contextual" and plural)
                ]
                if label is not None:
                    text = label + seam(label, text) if label_first else text + seam(text, label)
                out.append(text)
            if out:
                text = join(out, delimiter)
            elif replace is not None:
                text = replace(entry) or ""
            else:
                return None
            return wrap(prefix, suffix, start + text + end) if text else None

        return render

    def substitute(self, el: Any, names: Any) -> Node:
        """The cs:substitute of ``names``: its first child that renders; a cs:text variable
        so used is not rendered again in the entry."""
        self.check(el, set())
        nodes: list[tuple[Node, str | None]] = []
        for child in el:
            tag = _tag(child)
            if tag == "names" and child.find(f"{_CS}name") is None:
                node = self.names(child, names)
            else:
                node = self.node(child)
            repressed = child.get("variable") if tag == "text" else None
            nodes.append((node, repressed))

        def render(entry: _Entry) -> str | None:
            for node, variable in nodes:
                text = node(entry)
                if text:
                    if variable is not None:
                        entry.repressed.add(variable)
                    return text
            return None

        return render

    def name(self, el: Any, context: Any) -> Callable[[list[dict[str, str]]], str]:
        """A name list as ``el`` (a cs:name, None: one with no attributes) writes it."""
        attrib: dict[str, str] = {} if el is None else dict(el.attrib)
        if el is not None:
            self.check(el, _NAME_OPTIONS | _AFFIX | _FONT)
            if el.find(f"{_CS}name-part") is not None:
                raise Unsupported("cs:name-part")

        def option(name: str) -> str | None:
            if name in attrib:
                return attrib[name]
            inherited = "name-" + name if name in ("form", "delimiter") else name
            return self.option(inherited)

        and_ = option("and")
        if and_ not in (None, "text", "symbol"):
            raise Unsupported(f"and={and_}")
        and_term = self.term("and") if and_ == "text" else "&"
        delimiter = option("delimiter") or ""
        precedes_et_al = option("delimiter-precedes-et-al")
        precedes_last = option("delimiter-precedes-last")
        et_al_min = int(option("et-al-min") or 0)
        et_al_first = int(option("et-al-use-first") or 0)
        et_al_last = str(option("et-al-use-last")).lower() == "true" and (
            et_al_first <= et_al_min - 2
        )
        initialize_with = option("initialize-with")
        hyphen = str(option("initialize-with-hyphen")).lower() == "true"
        sort_order = option("name-as-sort-order")
        sort_separator = option("sort-separator") or ""
        form = option("form")
        if form not in ("long", "short"):
            raise Unsupported(f"name form={form}")
        demote = option("demote-non-dropping-particle")
        et_al = self.et_al(el, context)
        prefix = attrib.get("prefix", "")
        suffix = attrib.get("suffix", "")
        start, end = self.formatting(el) if el is not None else ("", "")

        def one(person: dict[str, str], first: bool) -> str:
            given: str | None
            family: str | None
            if "literal" in person:
                given, family = None, person["literal"]
                dropping = particle = name_suffix = None
            else:
                given, family = person.get("given"), person.get("family")
                dropping = person.get("dropping-particle")
                particle = person.get("non-dropping-particle")
                name_suffix = person.get("suffix")
            if given is not None and initialize_with is not None:
                given = _initialize(given, initialize_with, hyphen)
            if form == "short":
                return _spaced(particle, family)
            if sort_order == "all" or (sort_order == "first" and first):
                if demote in ("never", "sort-only"):
                    family, given = _spaced(particle, family), _spaced(given, dropping)
                else:
                    given = _spaced(given, dropping, particle)
                return sort_separator.join(n for n in (family, given, name_suffix) if n)
            return _spaced(given, _spaced(dropping, particle, family), name_suffix)

        def render(people: list[dict[str, str]]) -> str:
            if not people:
                raise Unsupported("an empty name list")
            cut = len(people) > 1 and et_al_min and len(people) >= et_al_min
            if cut:
                kept = people[:et_al_first]
                people = [*kept, people[-1]] if et_al_last else kept
            out = [one(person, i == 0) for i, person in enumerate(people)]
            if cut and et_al:
                if et_al_last:
                    out[-1] = "\u2026 " + out[-1]
                    text = join(out, delimiter)
                elif precedes_et_al == "always" or (
                    precedes_et_al == "contextual" and len(out) >= 2
                ):
                    text = join([*out, et_al], delimiter)
                else:
                    text = join(out, delimiter) + " " + et_al
            elif and_ is not None and len(out) > 1:
                text = join(out[:-1], ", ")
                if precedes_last == "always" or (precedes_last == "contextual" and len(out) > 2):
                    text += seam(text, ", ")
                else:
                    text += " "
                text += f"{and_term} " + out[-1]
            else:
                text = join(out, delimiter)
            if not text:
                raise Unsupported("an empty name")
            return wrap(prefix, suffix, start + text + end)

        return render

    def et_al(self, name: Any, names: Any) -> str:
        """The "et al." after a cut name list ('' for none): the cs:et-al after ``name`` in
        ``names`` (anywhere in it where it has no cs:name)."""
        if name is None:
            el = names.find(f"{_CS}et-al")
        else:
            el = name.getnext()
            while el is not None and _tag(el) != "et-al":
                el = el.getnext()
        if el is None:
            return self.term("et-al")
        self.check(el, {"term"} | _AFFIX | _FONT)
        text = self.term(el.get("term", "et-al"))
        if not text:
            return ""
        start, end = self.formatting(el)
        return wrap(el.get("prefix", ""), el.get("suffix", ""), start + text + end)

    def date(self, el: Any) -> Node:
        """A cs:date: its own date-parts, or (with a form) the locale's date-parts of that
        form with the style date's affixes and delimiter."""
        self.check(el, {"variable", "form", "date-parts", "delimiter", "display"} | _AFFIX | _FONT)
        key = el.get("variable", "").replace("-", "_")
        form = el.get("form")
        prefix, suffix = el.get("prefix", ""), el.get("suffix", "")
        delimiter = el.get("delimiter", "")
        show = ["year", "month", "day"]
        if form is not None:
            if len(el):
                raise Unsupported("a localized date with date-parts of its own")
            if el.get("date-parts") is not None:
                show = el.get("date-parts").split("-")
            for locale in self.locales:
                found = [d for d in locale.findall(f"{_CS}date") if d.get("form") == form]
                if found:
                    parts_of = found[0]
                    break
            else:
                raise Unsupported(f"no {form} date")
        else:
            parts_of = el
        parts = [self.date_part(p) for p in parts_of if p.get("name") in show]
        for p in parts_of:
            if _tag(p) != "date-part":
                raise Unsupported(f"cs:{_tag(p)} in cs:date")

        def render(entry: _Entry) -> str | None:
            value = entry.values.get(key)
            if not value:
                return None
            if "literal" in value:
                text = value["literal"]
            else:
                out = [t for t in (part(value) for part in parts) if t is not None]
                if not out:
                    return None
                text = join(out, delimiter)
            return wrap(prefix, suffix, text)

        return render

    def date_part(self, el: Any) -> Callable[[dict[str, Any]], str | None]:
        """A cs:date-part: a date -> its day, month or year (None where the date has none)."""
        self.check(
            el, {"name", "form", "range-delimiter", "text-case", "strip-periods"} | _AFFIX | _FONT
        )
        name = el.get("name")
        prefix, suffix = el.get("prefix", ""), el.get("suffix", "")
        start, end = self.formatting(el)
        case = self.case(el, titles=False)
        strip = el.get("strip-periods", "false").lower() == "true"

        def markup(text: str) -> str | None:
            if not text:
                return None
            if strip:
                text = text.replace(".", "")
            return wrap(prefix, suffix, start + case(text, None) + end)

        if name == "day":
            form = el.get("form", "numeric")
            if form not in ("numeric", "numeric-leading-zeros", "ordinal"):
                raise Unsupported(f"day form={form}")

            def day(date: dict[str, Any]) -> str | None:
                if "day" not in date:
                    return None
                if form == "ordinal":
                    raise Unsupported("an ordinal day")
                return markup(str(date["day"]) if form == "numeric" else f"{date['day']:02}")

            return day
        if name == "month":
            form = el.get("form", "long")
            if form not in ("long", "short", "numeric", "numeric-leading-zeros"):
                raise Unsupported(f"month form={form}")
            terms = {
                m: self.term(f"month-{m:02}", "short" if form == "short" else None)
                for m in range(1, 13)
            }

            def month(date: dict[str, Any]) -> str | None:
                if "month" not in date:
                    return None
                index = date["month"]
                if form in ("long", "short"):
                    if index not in terms:
                        raise Unsupported("a month out of range")
                    return markup(terms[index])
                return markup(str(index) if form == "numeric" else f"{index:02}")

            return month
        if name == "year":
            form = el.get("form", "long")
            if form not in ("long", "short"):
                raise Unsupported(f"year form={form}")
            ad, bc = self.term("ad"), self.term("bc")

            def year(date: dict[str, Any]) -> str | None:
                value = date["year"]
                if form == "short":
                    return markup(str(value)[-2:])
                text = str(abs(value))
                if value < 0:
                    text += seam(text, bc)
                elif value < 1000:
                    text += seam(text, ad)
                return markup(text)

            return year
        raise Unsupported(f"date-part {name}")


def _tag(el: Any) -> str:
    """The CSL name of ``el``'s element (unsupported for another namespace)."""
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith(_CS):
        raise Unsupported(f"element {tag}")
    return tag[len(_CS) :]


def _unsupported(reason: str) -> Node:
    """A node that raises ``Unsupported`` (a lazily compiled branch this renderer does not
    do: its items go to citeproc-py)."""

    def render(entry: _Entry) -> str | None:
        raise Unsupported(reason)

    return render


def _always(entry: _Entry) -> bool:
    return True


def _same(text: str, language: str | None) -> str:
    return text


def _first_up(text: str) -> str:
    return text[0].upper() + text[1:]


def _title(text: str, language: str | None) -> str:
    if language != "en":
        return text
    out = []
    previous = ":"
    for word in text.split():
        if word.islower() and (word not in _STOP_WORDS or previous in (":", ".")):
            word = _first_up(word)
        previous = word[-1]
        out.append(word)
    return " ".join(out)


def _sentence(text: str, language: str | None) -> str:
    upper = text.isupper()
    out = []
    for i, word in enumerate(text.split()):
        if not upper and not word.isupper():
            word = word.lower()
        out.append(_first_up(word) if i == 0 else word)
    return " ".join(out)


_CASE_FUNCTIONS: dict[str, Callable[[str, str | None], str]] = {
    "lowercase": lambda text, language: text.lower(),
    "uppercase": lambda text, language: text.upper(),
    "capitalize-first": lambda text, language: _first_up(text),
    "capitalize-all": lambda text, language: " ".join(_first_up(w) for w in text.split()),
    "sentence": _sentence,
}


def _spaced(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _circa(value: Any) -> bool:
    return bool(value.get("circa", False)) if isinstance(value, dict) else False


def _roman(number: int) -> str:
    out = []
    for letters, value in (
        ("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
        ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1),
    ):  # fmt: skip
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _initialize(given: str, mark: str, hyphen: bool) -> str:
    """Given names as initials, each followed by ``mark``; a lowercase part (a particle)
    kept whole; hyphenated names initialised on each side where ``hyphen``."""
    pieces = given.split("-") if hyphen else [given.replace("-", " ")]
    out = []
    for piece in pieces:
        text = ""
        initials: list[str] = []
        for part in piece.replace(".", " ").split():
            if part[0].isupper():
                initials.append(part[0])
            else:
                text += mark.join(initials) + mark + " " + part + " "
                initials = []
        text += mark.join(initials) + mark
        out.append(" ".join(text.split()))
    return "-".join(out)


def _numbers(
    value: str,
    variable: str,
    format_number: Callable[[str], str],
    delimiter: str,
    range_format: str | None,
) -> str:
    """A number variable's text: lists and ranges of numbers, each number formatted, a
    page range's last page shortened by ``range_format``."""

    def one(item: str) -> str:
        ends = item.replace(_EN_DASH, "-").split("-")
        if len(ends) != 2:
            return format_number(item.strip())
        first = format_number(ends[0].strip())
        if variable == "page-first":
            return first
        last = ends[1].strip()
        if variable == "page":
            last = _last_page(first, last, range_format)
        return join([first, format_number(last)], delimiter)

    return join(
        [join([one(item) for item in part.split("&")], " & ") for part in value.split(",")],
        ", ",
    )


def _last_page(first: str, last: str, range_format: str | None) -> str:
    """The last page of a range as ``range_format`` shortens it."""
    common = 0
    for common, (a, b) in enumerate(zip(first, last, strict=False)):  # noqa: B007
        if a != b:
            break
    else:
        common += 1
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        found = re.search(r"\d+", first)
        if not found:
            return last
        number = int(found.group())
        if number < 100 or number % 100 == 0 or (len(first) >= 4 and common < 2):
            range_format = "expanded"
        elif number % 100 < 10:
            range_format = "minimal"
        else:
            range_format = "minimal-two"
    if range_format == "minimal":
        return last[common:]
    if range_format == "minimal-two":
        return last[min(common, len(first) - 2) :]
    return last


def _values(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item's variables by citeproc-py's names: names as lists, dates as dicts, the
    rest as text."""
    values: dict[str, Any] = {}
    for name, value in item.items():
        key = name.replace("-", "_")
        if key in ("id", "type", "key"):
            continue
        if key == "shortTitle":
            key = "title_short"
        if key in _NAMES:
            values[key] = _people(value)
        elif key in _DATES:
            values[key] = _date(value)
        elif name == "language":
            values[key] = value
        else:
            text = str(value)
            if "<span" in text.lower():
                raise Unsupported("rich text")
            values[key] = text
    return values


def _people(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise Unsupported("names not in a list")
    known = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"}
    for person in value:
        if not isinstance(person, dict) or set(person) - known:
            raise Unsupported("a name with other parts")
        if not all(isinstance(part, str) for part in person.values()):
            raise Unsupported("a name part not text")
    return value


def _date(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or set(value) - {"date-parts", "literal", "circa"}:
        raise Unsupported("a date with other fields")
    circa = value.get("circa", 0) != 0
    parts = value.get("date-parts", [])
    if len(parts) > 1:
        raise Unsupported("a date range")
    if len(parts) == 1:
        date: dict[str, Any] = {"circa": circa}
        for name, part in zip(("year", "month", "day"), parts[0], strict=False):
            if isinstance(part, bool) or not isinstance(part, int):
                raise Unsupported("a date part not a number")
            date[name] = part
        if "year" not in date:
            raise Unsupported("a date without a year")
        return date
    if "literal" in value:
        return {"literal": str(value["literal"]), "circa": circa}
    return None


Compiled = Callable[[Mapping[str, Any]], str]
"""A compiled style: item -> its marked bibliography entry (raises ``Unsupported``)."""


def compile_style(root: Any, locale: str, marks: Marks, lazy: bool = False) -> Compiled:
    """The bibliography of the style whose parsed root is ``root`` for the CSL ``locale``,
    compiled; raises ``Unsupported`` where the style uses what this renderer does not do.
    ``lazy``: each branch of a cs:choose compiled when first taken (for a style compiled
    whole before: a branch it cannot do raises ``Unsupported`` when rendered)."""
    style = _Style(root, locale, marks, lazy)
    layout = style.layout()
    default_language = style.language

    def render(item: Mapping[str, Any]) -> str:
        values = _values(item)
        language = values.get("language")
        entry = _Entry(
            values,
            str(item.get("type")),
            str(language)[:2] if language is not None else default_language,
        )
        return layout(entry)

    return render

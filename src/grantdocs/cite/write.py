"""Write a style's form for one publication: each node compiled once into a function.

A compiled part returns its runs and two counts: how many fields it named and how many of
them had a value (a group whose fields are all empty is left out, as in CSL).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from grantdocs.cite.rich import Segment
from grantdocs.cite.styles import Node, Style
from grantdocs.cite.values import FIELDS, NAME_FIELDS, Item, Run, Runs
from grantdocs.profile.names import Owners, is_et_al, parse_name, tidy

Out = tuple[Runs, int, int]
"""Runs, fields named, fields with a value."""
Fn = Callable[["Context"], Out]

_EMPTY: Out = ((), 0, 0)
_NAMED_EMPTY: Out = ((), 1, 0)
"""A field without a value: it counts against its group."""
_ENDS_SENTENCE = (".", "?", "!")


class Context:
    """One citation being written: the publication, the style and the document's words."""

    __slots__ = ("gettext", "item", "lang", "owners", "pub", "style", "values")

    def __init__(
        self,
        style: Style,
        item: Item,
        owners: Owners,
        gettext: Callable[[str], str],
        lang: str,
    ) -> None:
        self.style = style
        self.item = item
        self.pub = item.pub
        self.owners = owners
        self.gettext = gettext
        self.lang = lang
        self.values: dict[str, Runs] = {}

    def value(self, name: str) -> Runs:
        found = self.values.get(name)
        if found is None:
            if name in NAME_FIELDS:
                found = tuple((n, False, False, None) for n in getattr(self.pub, name))
            else:
                found = FIELDS[name](self.item)
            self.values[name] = found
        return found


def write(style: Style, kind: str, ctx: Context) -> tuple[Segment, ...]:
    """The number (where asked for) and the form of ``kind``, as runs; within each part of the
    form adjacent runs of equal formatting are merged (name lists keep a run per name)."""
    key = f"form:{kind}"
    compiled = style.memo.get(key)
    if compiled is None:
        number, _, _ = style.special()
        parts = [(_compile(number, style), False)]
        parts += [
            (_compile(n, style), n.kind == "field" and n.value in NAME_FIELDS)
            for n in style.nodes(kind)
        ]
        compiled = style.memo[key] = parts
    runs: list[Run] = []
    for fn, is_names in compiled:
        part = fn(ctx)[0]
        if is_names or len(part) < 2:
            runs += part
        else:
            runs += _merged(part)
    return tuple(Segment(*run) for run in runs)


def _merged(runs: Runs) -> list[Run]:
    merged = [runs[0]]
    for run in runs[1:]:
        last = merged[-1]
        if last[1:] == run[1:]:
            merged[-1] = (last[0] + run[0], *run[1:])
        else:
            merged.append(run)
    return merged


def _compile(node: Node, style: Style) -> Fn:
    body = _body(node, style)
    if not (node.if_ or node.unless or node.if_any or node.if_many):
        return body
    if_, unless, if_any, if_many = node.if_, node.unless, node.if_any, node.if_many
    if len(if_) == 1 and not (unless or if_any or if_many):
        (needed,) = if_

        def needs_one(ctx: Context) -> Out:
            runs = ctx.values.get(needed)
            if runs is None:
                runs = ctx.value(needed)
            return body(ctx) if runs else _EMPTY

        return needs_one

    def guarded(ctx: Context) -> Out:
        value = ctx.value
        if if_ and not all(value(n) for n in if_):
            return _EMPTY
        if unless and any(value(n) for n in unless):
            return _EMPTY
        if if_any and not any(value(n) for n in if_any):
            return _EMPTY
        if if_many is not None and len(getattr(ctx.pub, if_many, ())) < 2:
            return _EMPTY
        return body(ctx)

    return guarded


def _body(node: Node, style: Style) -> Fn:
    dress = _dresser(node)
    kind, value = node.kind, node.value
    if kind == "field" and value in NAME_FIELDS:
        names = _names_writer(style)
        attr = str(value)

        def name_list(ctx: Context) -> Out:
            runs = dress(names(ctx, getattr(ctx.pub, attr)))
            return runs, 1, 1 if runs else 0

        return name_list
    if kind == "field":
        name = str(value)

        def field(ctx: Context) -> Out:
            runs = ctx.values.get(name)
            if runs is None:
                runs = ctx.value(name)
            return (dress(runs), 1, 1) if runs else _NAMED_EMPTY

        return field
    if kind == "text":
        texts = value if isinstance(value, Mapping) else {"": value}

        def text(ctx: Context) -> Out:
            shown = texts.get(ctx.lang) or texts.get("en") or texts.get("") or ""
            if not shown and texts:
                shown = next(iter(texts.values()))
            return dress(((shown, False, False, None),)), 0, 0

        return text
    if kind == "label":
        msgid = str(value)
        return lambda ctx: (dress(((ctx.gettext(msgid), False, False, None),)), 0, 0)
    if kind == "switch":
        name = str(value)
        cases = {code: _compile(case, style) for code, case in node.cases.items()}
        default = _compile(node.default, style) if node.default is not None else None

        def switch(ctx: Context) -> Out:
            code = "".join(run[0] for run in ctx.value(name))
            chosen = cases.get(code, default)
            runs = dress(chosen(ctx)[0]) if chosen is not None else ()
            return runs, 1, 1 if runs else 0

        return switch
    children = [_compile(child, style) for child in node.children]
    if kind == "first":

        def first(ctx: Context) -> Out:
            for child in children:
                runs, fields, filled = child(ctx)
                if runs:
                    return dress(runs), fields, filled
            return _EMPTY

        return first
    if len(children) == 1:
        (only,) = children
        if not (node.prefix or node.suffix or node.italic or node.bold):
            return only  # a macro used as it is

        def single(ctx: Context) -> Out:
            runs, fields, filled = only(ctx)
            return dress(runs), fields, filled

        return single
    delimiter: Run | None = (node.delimiter, False, False, None) if node.delimiter else None

    def group(ctx: Context) -> Out:
        body: list[Run] = []
        fields = filled = 0
        for child in children:
            runs, f, n = child(ctx)
            fields += f
            filled += n
            if runs:
                if body and delimiter is not None:
                    body.append(delimiter)
                body += runs
        if fields and not filled:
            return (), fields, 0
        return dress(tuple(body)), fields, filled

    return group


def _dresser(node: Node) -> Callable[[Runs], Runs]:
    """A function giving runs the node's formatting, prefix and suffix; "" stays empty. A
    suffix starting with "." is not doubled after ".", "?" or "!"."""
    prefix, suffix, italic, bold = node.prefix, node.suffix, node.italic, node.bold
    if not (prefix or suffix or italic or bold):
        return lambda runs: runs
    dotted = suffix.startswith(".")

    def dress(runs: Runs) -> Runs:
        if not runs:
            return runs
        if italic or bold:
            runs = tuple((r[0], r[1] or bold, r[2] or italic, r[3]) for r in runs)
        end = suffix[1:] if dotted and runs[-1][0].endswith(_ENDS_SENTENCE) else suffix
        if len(runs) == 1:
            text, b, i, url = runs[0]
            if not (b or i or url):
                return ((prefix + text + end, False, False, None),)
        return (
            *(((prefix, False, False, None),) if prefix else ()),
            *runs,
            *(((end, False, False, None),) if end else ()),
        )

    return dress


def _names_writer(style: Style) -> Callable[[Context, Sequence[str]], Runs]:
    """Writes a name list: cut after ``et_al_after`` names when longer than ``max_authors``,
    the owner kept visible after a gap; owners in bold."""
    spec = style.names
    _, et_al_node, and_node = style.special()
    et_al = _compile(et_al_node, style)
    and_ = _compile(and_node, style) if and_node is not None else None
    form, gap = spec.form, spec.gap
    delimiter: Run = (spec.delimiter, False, False, None)

    def names(ctx: Context, names: Sequence[str]) -> Runs:
        options, owners = ctx.item.options, ctx.owners
        authors = list(names)
        open_end = bool(authors) and is_et_al(authors[-1])
        if open_end:
            authors = [n for n in authors if not is_et_al(n)]
        shown, gap_at = authors, -1
        cut = options.max_authors is not None and len(authors) > options.max_authors
        if cut:
            shown = authors[: options.et_al_after]
            owner_at = next((i for i, a in enumerate(authors) if a in owners), None)
            if owner_at is not None and owner_at >= options.et_al_after:
                shown = [*shown, gap, authors[owner_at]]
                gap_at = len(shown) - 2
        last_and = and_ if not (cut or open_end) else None
        last = len(shown) - 1
        runs: list[Run] = []
        for index, name in enumerate(shown):
            if index:
                if last_and is not None and index == last:
                    runs += last_and(ctx)[0]
                else:
                    runs.append(delimiter)
            if index == gap_at:
                runs.append((name, False, False, None))
            else:
                written = tidy(name) if form == "as_printed" else parse_name(name).written(form)
                runs.append((written, name in owners, False, None))
        if cut or open_end:
            runs += et_al(ctx)[0]
        return tuple(runs)

    return names


__all__ = ["Context", "write"]

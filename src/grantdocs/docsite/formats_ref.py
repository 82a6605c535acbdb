"""The formats reference: every bundled format's declaration, slots, rules and limits,
as ``grantdocs formats FORMAT`` shows them, with a picture of its first page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from grantdocs.docsite.markdown import code, page, table

if TYPE_CHECKING:
    from grantdocs.formats.registry import Format

PICTURES = "images/formats"
"""Folder under ``docs/`` of the first-page pictures (``docsite.pictures`` writes them)."""
PICTURE_AS_OF = "2025-09-20"
"""The as-of date the pictures are built with (the bundled profile's)."""
SHOWN = ("en", "de")
"""Languages whose labels the page shows (the site's and the funders' German terms)."""


def bundled_formats() -> list[Format]:
    """Every bundled format, sorted by id (user folders and GRANTDOCS_FORMATS ignored)."""
    # lazy: formats.registry loads only when this runs
    from grantdocs.formats.registry import FormatSearchPath

    search = FormatSearchPath()
    return [search.load(found.id) for found in search.all()]


def picture_language(fmt: Format) -> str:
    """The language a format's picture shows: its first declared one."""
    return fmt.spec.languages[0]


def picture_command(fmt: Format) -> str:
    """The command that builds the document a format's picture shows."""
    lang = picture_language(fmt)
    who = (
        "--team profiles/example-team/team.yaml"
        if fmt.spec.scope == "team"
        else f"--as-of {PICTURE_AS_OF}"
    )
    return f"grantdocs build {fmt.id} --lang {lang} {who} --pdf"


def _texts(fmt: Format, value: str | dict[str, str] | None) -> str:
    """A label in the shown languages the format declares: ``English / *Deutsch*``."""
    # lazy: l10n.catalog loads only when this runs
    from grantdocs.l10n.catalog import translations

    if value is None:
        return ""
    out: list[str] = []
    for lang in SHOWN:
        if lang not in fmt.spec.languages and not (lang == "en" and isinstance(value, str)):
            continue
        if isinstance(value, dict):
            text = value.get(lang)
        else:
            text = value if lang == "en" else translations(lang, fmt.locale_dirs).gettext(value)
        if text and text not in out:
            out.append(text)
    return " / ".join(out[:1] + [f"*{t}*" for t in out[1:]])


def _format_section(fmt: Format) -> list[str]:
    # lazy: select.explain loads only when this runs
    from grantdocs.select.explain import rule_in_words

    spec = fmt.spec
    langs = ", ".join(code(lang) for lang in spec.languages)
    if spec.bilingual:
        langs += f"; bilingual: `--lang {'+'.join(spec.languages[:2])}`"
    facts = [
        ("title", _texts(fmt, spec.title)),
        ("kind", f"{'Word' if spec.kind == 'docx' else 'Excel'} ({code(spec.template)})"),
        ("built for", "a whole team" if spec.scope == "team" else "each profile"),
        ("languages", langs),
        ("locales", ", ".join(f"{code(k)}: {code(v)}" for k, v in spec.locales.items())),
        ("page limit", f"{spec.page_limit} pages" if spec.page_limit else "none"),
        ("output file", code(spec.output + (".docx" if spec.kind == "docx" else ".xlsx"))),
    ]
    t = spec.typography
    if t.font or t.size_pt or t.line_spacing:
        parts = [t.font or "", f"{t.size_pt:g} pt" if t.size_pt else ""]
        parts.append(f"line spacing {t.line_spacing:g}" if t.line_spacing else "")
        facts.append(("typography", ", ".join(p for p in parts if p)))
    c = spec.citation
    cite = code(c.style)
    if c.max_authors:
        cite += f"; more than {c.max_authors} authors cut after {c.et_al_after}, then et al."
    facts.append(("citation style", cite))
    if spec.fit:
        minimum = ", ".join(f"{k} ≥ {v}" for k, v in spec.fit.minimum.items())
        fit = "shrinks " + ", ".join(code(s) for s in spec.fit.shrink)
        facts.append(("`--fit`", fit + (f" (never below {minimum})" if minimum else "")))
    if spec.team:
        member_format = spec.team.member_format
        member = f", each member's {code(member_format)}" if member_format else ""
        facts.append(("team document", code(spec.team.document) + member))
    body = [f"## {fmt.id}", ""]
    body += [*table(["declared", "value"], [[k, v] for k, v in facts]), ""]
    if spec.slots:
        rows = [
            [code(name), _texts(fmt, rule.label), code(rule.section), rule_in_words(rule)]
            for name, rule in spec.slots.items()
        ]
        body += [*table(["slot", "label", "section", "rule"], rows), ""]
    for sheet in spec.tables:
        columns = ", ".join(_texts(fmt, col.label) for col in sheet.columns)
        body += [
            f"Sheet {_texts(fmt, sheet.sheet)} (from {code(sheet.anchor)}, one row per entry "
            f"of {', '.join(code(s) for s in sheet.source)}): {columns}.",
            "",
        ]
    if spec.notes.strip():
        body += ['??? note "Where the structure comes from"', ""]
        body += ["    " + line if line.strip() else "" for line in spec.notes.strip().splitlines()]
        body += [""]
    body += [
        f'![First page of {fmt.id}](../{PICTURES}/{fmt.id}.png){{ width="420" loading=lazy }}',
        "",
        "Built with:",
        "",
        "```sh",
        picture_command(fmt),
        "```",
        "",
    ]
    return body


def formats_page() -> str:
    """Every bundled format, as ``grantdocs formats FORMAT`` shows it, with its picture."""
    formats = bundled_formats()
    overview = [
        [
            f"[{fmt.id}](#{fmt.id})",
            _texts(fmt, fmt.spec.title),
            "Word" if fmt.spec.kind == "docx" else "Excel",
            ", ".join(fmt.spec.languages) + (" (+ bilingual)" if fmt.spec.bilingual else ""),
            str(fmt.spec.page_limit or ""),
            "team" if fmt.spec.scope == "team" else "",
        ]
        for fmt in formats
    ]
    body = [*table(["format", "title", "kind", "languages", "pages", "team"], overview), ""]
    for fmt in formats:
        body += _format_section(fmt)
    intro = (
        "Every bundled format: what it declares in its `format.yaml`, each slot with the "
        "profile section it reads and its rule in words (`grantdocs formats FORMAT` prints "
        "the same), and its first page as built from the bundled profile. Labels are shown "
        "in English and, in italics, in German where the format is German. A format's rules "
        "and their vocabulary are explained in [Selection rules](../concepts/rules.md)."
    )
    return page("Formats", intro, body)

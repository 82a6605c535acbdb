"""``grantdocs check-template``: tags parse, names exist, a trial render succeeds."""

from __future__ import annotations

from pathlib import Path

from grantdocs.errors import TemplateError
from grantdocs.formats.registry import Format
from grantdocs.l10n.language import Language
from grantdocs.paths import display_path
from grantdocs.prepare import sample
from grantdocs.render.renderer import render


def context_names(fmt: Format) -> set[str]:
    """Top-level names the context of ``fmt`` provides."""
    if fmt.spec.scope == "team":
        # lazy: a person's format loads no team module
        from grantdocs.team.prepare import sample_team

        return set(sample_team(fmt).context)
    return set(sample(fmt).context)


def check_template(fmt: Format, template: Path | None = None) -> str:
    """Check a template against ``fmt``; raise ``TemplateError`` on a problem.

    Word: every tag parses, every top-level name exists, and a trial render with the bundled
    profile in every language of the format succeeds (that finds unknown attributes such as
    ``person.nmae``). Excel: a trial fill in every language finds missing sheets and anchors,
    headers that do not match and unknown row fields.
    """
    if fmt.spec.kind == "docx":
        from grantdocs.render.docx import template_names  # lazy: docxtpl for Word templates only

        path = template or fmt.template_path()
        used = template_names(path)
        unknown = sorted(used - context_names(fmt))
        if unknown:
            raise TemplateError(
                f"{path}: uses name(s) the context of {fmt.id!r} does not have: "
                f"{', '.join(unknown)}; 'grantdocs context {fmt.id}' lists them"
            )
    checked = []
    for code in fmt.spec.languages:
        path = template or fmt.template_path(code)
        if fmt.spec.scope == "team":
            # lazy: a person's format loads no team module
            from grantdocs.team.prepare import sample_team
            from grantdocs.team.render import render_team

            render_team(sample_team(fmt, Language(code)), path)
        else:
            render(sample(fmt, Language(code)), path)
        if display_path(path) not in checked:
            checked.append(display_path(path))
    languages = ", ".join(fmt.spec.languages)
    if fmt.spec.kind == "docx":
        return f"{', '.join(checked)}: OK ({len(used)} names, rendered in {languages})"
    return f"{', '.join(checked)}: OK ({len(fmt.spec.tables)} tables filled in {languages})"

"""``grantdocs check-template``: tags parse, names exist, a trial render succeeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from grantdocs.errors import TemplateError
from grantdocs.formats.registry import Format


def context_names(fmt: Format) -> set[str]:
    """Top-level names the context of ``fmt`` provides."""
    from grantdocs.build import Language, localiser, selections_for
    from grantdocs.profile.load import load_profile
    from grantdocs.render.context import ContextBuilder
    from grantdocs.resources import default_profile

    loaded = load_profile(default_profile())
    day = dt.date(2025, 9, 20)
    loc = localiser(fmt, Language(fmt.spec.languages[0]))
    ctx = ContextBuilder(loaded.profile, fmt.spec, loc, day).build(selections_for(fmt, loaded, day))
    return set(ctx)


def check_template(fmt: Format, template: Path | None = None) -> str:
    """Check a Word template against ``fmt``'s context; raise ``TemplateError`` on a problem.

    Checks that every tag parses, every top-level name exists, and that a trial render with
    the bundled profile in every language of the format succeeds (that finds unknown
    attributes such as ``person.nmae``).
    """
    from grantdocs.build import Language, localiser, selections_for
    from grantdocs.profile.load import load_profile
    from grantdocs.render.context import ContextBuilder
    from grantdocs.render.docx import render_docx, template_names
    from grantdocs.resources import default_profile

    path = template or fmt.template_path()
    if fmt.spec.kind == "xlsx":
        return _check_workbook(fmt, template)
    used = template_names(path)
    unknown = sorted(used - context_names(fmt))
    if unknown:
        raise TemplateError(
            f"{path}: uses name(s) the context of {fmt.id!r} does not have: {', '.join(unknown)}; "
            "'grantdocs context " + fmt.id + "' lists them"
        )
    loaded = load_profile(default_profile())
    day = dt.date(2025, 9, 20)
    for code in fmt.spec.languages:
        loc = localiser(fmt, Language(code))
        ctx = ContextBuilder(loaded.profile, fmt.spec, loc, day).build(
            selections_for(fmt, loaded, day)
        )
        render_docx(path, ctx, as_of=day, title="check", lang=code)
    return f"{path}: OK ({len(used)} names, rendered in {', '.join(fmt.spec.languages)})"


def _check_workbook(fmt: Format, template: Path | None) -> str:
    """A trial fill of the workbook in every language of ``fmt`` with the bundled profile:
    finds missing sheets and anchors, headers that do not match, unknown row fields."""
    from grantdocs.build import Language, localiser, selections_for
    from grantdocs.profile.load import display_path, load_profile
    from grantdocs.render.context import ContextBuilder
    from grantdocs.render.xlsx import render_xlsx
    from grantdocs.resources import default_profile

    loaded = load_profile(default_profile())
    day = dt.date(2025, 9, 20)
    checked = []
    for code in fmt.spec.languages:
        path = template or fmt.template_path(code)
        loc = localiser(fmt, Language(code))
        ctx = ContextBuilder(loaded.profile, fmt.spec, loc, day).build(
            selections_for(fmt, loaded, day)
        )
        render_xlsx(fmt, ctx, as_of=day, title="check", report=[], template=path)
        checked.append(display_path(path))
    return f"{', '.join(checked)}: OK ({len(fmt.spec.tables)} tables filled)"

"""The checks a built document is held to, each a notice for the report (no DOI, not an
author, empty section, entries no section shows, example texts), and the
refusal of example texts before anything is built."""

from __future__ import annotations

import datetime as dt

from grantdocs.errors import Problem, ProfileError
from grantdocs.formats.registry import Format
from grantdocs.l10n.language import Language
from grantdocs.notices import (
    EMPTY_SECTION,
    NO_DOI,
    NOT_AN_AUTHOR,
    NOT_SHOWN,
    PLACEHOLDER,
    Notice,
)
from grantdocs.paths import display_path
from grantdocs.prepare import Choices, select_slots
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.names import is_et_al, is_owner, owner_names
from grantdocs.profile.placeholders import Placeholder, placeholders
from grantdocs.profile.yamlpos import format_path
from grantdocs.select.engine import Selection
from grantdocs.select.explain import describe
from grantdocs.select.unshown import unshown


def placeholders_in(loaded: LoadedProfile, selections: dict[str, Selection]) -> list[Placeholder]:
    """Placeholders that reach a document: in the person and other single values, and in
    the entries its slots selected."""
    found = placeholders(loaded)
    if not found:
        return []
    chosen = {loaded.path_of(entry) for sel in selections.values() for entry in sel.kept}
    return [p for p in found if not p.entry or p.entry in chosen]


def refuse_placeholders(
    loaded: LoadedProfile, jobs: list[tuple[Format, Language]], as_of: dt.date, choices: Choices
) -> None:
    """Raise ``ProfileError`` when example texts of ``grantdocs init`` would reach a document."""
    if not placeholders(loaded):
        return
    reaching: dict[Placeholder, list[str]] = {}
    for fmt in {fmt.id: fmt for fmt, _lang in jobs}.values():
        for p in placeholders_in(loaded, select_slots(fmt, loaded, as_of, choices)):
            reaching.setdefault(p, []).append(fmt.id)
    if not reaching:
        return
    problems = [
        Problem(
            p.where,
            f"example text {p.value[:60]!r} would appear in " + ", ".join(formats),
            format_path(p.path),
        )
        for p, formats in reaching.items()
    ]
    raise ProfileError(
        f"{display_path(loaded.path)}: {len(problems)} example value(s) of 'grantdocs init' "
        "would reach the documents; replace or delete them ('grantdocs validate' lists every "
        "one), or build anyway with --allow-examples",
        problems,
    )


def no_doi(loaded: LoadedProfile, slot: str, sel: Selection) -> list[Notice]:
    """One notice per listed publication without a DOI."""
    if sel.rule.section != "publications":
        return []
    notices = []
    for pub in sel.kept:
        if not pub.doi:
            where = loaded.where_is(pub)
            notices.append(
                Notice(
                    NO_DOI,
                    f"{slot}: {pub.id} has no DOI; a URL is shown where the profile has one",
                    where=str(where),
                    subject=pub.id,
                )
            )
    return notices


def not_an_author(loaded: LoadedProfile, slot: str, sel: Selection) -> list[Notice]:
    """One notice per listed publication whose authors (editors, for an edited book) none
    match the owner's names: another person's work, or a name form the profile lacks."""
    if sel.rule.section != "publications":
        return []
    person = loaded.profile.person
    owners = owner_names(person)
    notices = []
    for pub in sel.kept:
        names = [*pub.authors, *pub.editors]
        if any(is_owner(a, owners) for a in names) or any(is_et_al(a) for a in names):
            continue  # "et al." may hide the owner
        notices.append(
            Notice(
                NOT_AN_AUTHOR,
                f"{slot}: {pub.id} names no author matching {person.given_names} "
                f"{person.family_name} ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''}"
                "); add the form it prints you under to person.name_variants, or exclude it",
                where=str(loaded.where_is(pub)),
                subject=pub.id,
            )
        )
    return notices


def empty_section(format_id: str, slot: str, label: str, sel: Selection) -> Notice:
    """The notice for a slot that keeps no entry: left out, or printed as 'None'."""
    done = (
        "printed with 'None' under its heading (the form requires it)"
        if sel.rule.empty == "none"
        else "left out"
    )
    return Notice(
        EMPTY_SECTION,
        f"{format_id}: {label} has no entries ({sel.total} in {sel.rule.section}): {done}",
        subject=f"{format_id}:{slot}",
    )


def unshown_entries(
    format_id: str, loaded: LoadedProfile, selections: dict[str, Selection]
) -> list[Notice]:
    """One notice per profile entry that no slot of the document shows by the format's rules
    (``grantdocs.select.unshown``)."""
    notices = []
    for item in unshown(selections):
        slot, why = item.reasons[0]
        where = loaded.where_is(item.entry)
        notices.append(
            Notice(
                NOT_SHOWN,
                f"{item.section} {describe(item.entry)[:60]!r} is in no section of "
                f"{format_id} ({slot}: {why})",
                where=str(where),
                subject=str(where),
            )
        )
    return notices


def placeholder_notices(loaded: LoadedProfile, selections: dict[str, Selection]) -> list[Notice]:
    """One notice per example text of ``grantdocs init`` that reaches the document."""
    return [
        Notice(PLACEHOLDER, f"example text of 'grantdocs init' left: {p}", str(p.where), str(p))
        for p in placeholders_in(loaded, selections)
    ]

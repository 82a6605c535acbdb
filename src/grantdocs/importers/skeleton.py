"""``grantdocs init``: an annotated skeleton profile, optionally seeded from an import file."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from grantdocs.atomic import write_text
from grantdocs.errors import ImportFileError, OutputError
from grantdocs.importers.detect import read_import_file, require_entries
from grantdocs.importers.merge import MergePlan, existing_from_profile, plan_merge
from grantdocs.importers.records import ImportResult
from grantdocs.importers.review import PeerReviewMode
from grantdocs.importers.text import owner_author, split_plain_name
from grantdocs.importers.writer import IMPORTED_NAME, append_entries
from grantdocs.paths import display_path
from grantdocs.profile.load import load_profile
from grantdocs.profile.model import Profile, as_record
from grantdocs.profile.names import forms_like
from grantdocs.profile.yamlpos import load_yaml
from grantdocs.resources import project_root, schema_path

PROFILE_NAME = "profile.yaml"


SCHEMA_HINT = (
    "# Editors with the YAML language server can check this file: run\n"
    "# `grantdocs schema -o profile.schema.json` in this folder and make the first line\n"
    "# yaml-language-server: $schema=profile.schema.json\n"
)
"""The skeleton's first lines where the schema is not beside it: no path into an installation,
which would break when grantdocs moves or the profile is shared."""


def schema_line(target: Path) -> str:
    """The editor schema comment: a path relative to ``target`` when the schema is reachable
    from it (a profile inside this checkout, or a schema file beside it), else how to get one."""
    folder = target.resolve().parent
    beside = folder / "profile.schema.json"
    if beside.is_file():
        return "# yaml-language-server: $schema=profile.schema.json\n"
    schema = schema_path().resolve()
    root = project_root().resolve()
    if folder.is_relative_to(root) and schema.is_file():
        ref = Path(os.path.relpath(schema, folder)).as_posix()
        return f"# yaml-language-server: $schema={ref}\n"
    return SCHEMA_HINT


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _spoken(languages: Sequence[tuple[str, str]]) -> str:
    """The ``spoken_languages`` section: the languages found, else an example."""
    if not languages:
        return (
            "spoken_languages:\n"
            '  - language: {en: "EXAMPLE: German", de: "BEISPIEL: Deutsch"}\n'
            '    level: {en: "native", de: "Muttersprache"}\n'
        )
    lines = ["spoken_languages:  # from the imported CV"]
    for language, level in languages:
        shown = '{en: "native", de: "Muttersprache"}' if level == "native" else _q(level)
        lines += [f"  - language: {_q(language)}", f"    level: {shown}"]
    return "\n".join(lines) + "\n"


def skeleton_text(
    target: Path,
    given: str | None,
    family: str | None,
    *,
    orcid: str | None = None,
    email: str | None = None,
    include_imported: bool = False,
    found_forms: Sequence[str] = (),
    languages: Sequence[tuple[str, str]] = (),
) -> str:
    """The annotated skeleton profile; every example entry is marked EXAMPLE / BEISPIEL.

    ``found_forms`` are further forms of the owner's name found in an imported file; they
    join ``name_variants`` with a comment asking to delete any that is someone else.
    """
    named = bool(family)
    given = given or "Given Names"
    family = family or "Family Name"
    variant = owner_author(given, family)
    name_note = "" if named else "  # EXAMPLE: your name"
    if found_forms:
        listed = ", ".join(_q(form) for form in (variant, *found_forms))
        variants = (
            "  # how author lists print you; shown in bold in citations. Found in the imported\n"
            "  # file as well (same family name and first initial): delete any that is not you\n"
            f"  name_variants: [{listed}]"
        )
    else:
        variants = (
            f"  name_variants: [{_q(variant)}]  # how author lists print you; shown in bold "
            "in citations"
        )
    identifiers = (
        f"  identifiers:\n    orcid: {_q(orcid)}\n"
        if orcid
        else "  # identifiers:  # EXAMPLE: uncomment and give your ORCID iD\n"
        '  #   orcid: "0000-0002-1825-0097"\n'
    )
    email_line = f"[{_q(email)}]" if email else '["your.name@example.org"]  # EXAMPLE'
    include = (
        f"include:\n  - {IMPORTED_NAME}  # entries added by grantdocs import\n"
        if include_imported
        else "# include:              # grantdocs import --write adds its file here\n"
        "#   - imported.yaml\n"
    )
    return (
        schema_line(target)
        + f"""\
# The CV profile of {given} {family}, started with `grantdocs init`.
#
# How to use this file
# - Every entry marked EXAMPLE (texts "EXAMPLE: ...", "BEISPIEL: ...", ids "example-...") is
#   a placeholder that shows the fields of its section: replace it with your own data or
#   delete it. Any field you do not need can go.
# - Translated texts take one string or one text per language, both shown below:
#     title: {{en: "Research Associate", de: "Wissenschaftlicher Mitarbeiter"}}
#   Names, publication titles and venues are plain strings: they are never translated.
# - Dates are a year (2018), a month ("2018-12") or a day ("2018-12-19"); a period without
#   an end is ongoing.
# - `grantdocs validate {PROFILE_NAME}` checks this file and shows each problem with its line.
# - `grantdocs import refs.bib --profile {PROFILE_NAME} --write` adds publications from BibTeX,
#   CSL-JSON, ORCID or JSON Resume files to imported.yaml (included below); this file keeps
#   every byte you wrote, apart from the include line it adds once.

schema_version: 1
languages: [en, de]  # the languages your texts are written in

{include}
person:
  title: {{en: "Dr.", de: "Dr."}}  # EXAMPLE: academic title; delete the line if none
  given_names: {_q(given)}{name_note}
  family_name: {_q(family)}{name_note}
{variants}
  contact:
    email: {email_line}
{identifiers}  institution:
    name: {{en: "EXAMPLE: University of Examples", de: "BEISPIEL: Universität Beispielstadt"}}
    address: {{city: "Berlin", country: {{en: "Germany", de: "Deutschland"}}}}

positions:
  - id: example-position  # EXAMPLE
    title:
      en: "EXAMPLE: Research Associate"
      de: "BEISPIEL: Wissenschaftliche*r Mitarbeiter*in"
    organisation: {{en: "University of Examples", de: "Universität Beispielstadt"}}
    place: "Berlin"
    start: "2021-10"  # no end: ongoing

education:
  - id: example-phd  # EXAMPLE
    level: doctorate  # school, bachelor, master, diploma, doctorate, habilitation or other
    degree:
      en: "EXAMPLE: Doctorate (Dr. rer. nat.)"
      de: "BEISPIEL: Promotion (Dr. rer. nat.)"
    subject: {{en: "Computer Science", de: "Informatik"}}
    institution: {{en: "University of Examples", de: "Universität Beispielstadt"}}
    start: 2016
    end: "2021-09"
    thesis_title: "EXAMPLE: On Examples"

teaching:
  - id: example-course  # EXAMPLE
    term: "WS 24/25"
    year: 2024
    course:
      en: "EXAMPLE: Machine Learning (lecture)"
      de: "BEISPIEL: Maschinelles Lernen (Vorlesung)"
    institution: {{en: "University of Examples", de: "Universität Beispielstadt"}}
    role: {{en: "lecturer", de: "Dozent*in"}}

# Talks: one list; mark invited talks with invited: true and keynotes with keynote: true.
talks:
  - id: example-talk  # EXAMPLE
    title: "EXAMPLE: What Examples Teach Us"
    date: "2024-06-12"
    event: "EXAMPLE Conference 2024"
    place: "Vienna"
    kind: {{en: "paper presentation", de: "Vortrag"}}

# Invited lectures: every format that shows talks reads these as talks with invited: true.
# Writing them under talks with invited: true (keynote: true for a keynote) is the same.
invited_lectures:
  - id: example-invited  # EXAMPLE
    title: "EXAMPLE: Examples in Practice"
    date: "2025-01"
    event: "EXAMPLE Colloquium, University of Elsewhere"
    invited: true

supervision:
  summary:
    en: "EXAMPLE: supervision of two doctoral researchers"
    de: "BEISPIEL: Betreuung von zwei Promovierenden"
  counts:
    - {{level: phd, count: 2}}  # EXAMPLE
  cases:
    - id: example-student  # EXAMPLE
      name: "EXAMPLE: Student Name"
      level: phd
      start: 2023

projects:
  - id: example-project  # EXAMPLE
    acronym: "EXAMPLE"
    title: {{en: "EXAMPLE: Examples for Everyone", de: "BEISPIEL: Beispiele für alle"}}
    funder:
      en: "German Research Foundation (DFG)"
      de: "Deutsche Forschungsgemeinschaft (DFG)"
    grant_number: "000000000"
    role: {{en: "principal investigator", de: "Projektleitung"}}
    leading_role: true
    amount: 250000
    currency: EUR
    start: "2023-04"
    end: "2026-03"

awards:
  - id: example-award  # EXAMPLE
    date: 2022
    name: {{en: "EXAMPLE: Best Paper Award", de: "BEISPIEL: Best Paper Award"}}
    body: "EXAMPLE Conference 2022"

patents:
  - id: example-patent  # EXAMPLE
    title: "EXAMPLE: Method for Examples"
    year: 2020
    members:
      - office: EP
        number: "0 000 000"  # without the office: shown as "EP 0 000 000"
        title: "EXAMPLE: Method for Examples"
        status: filed
        date: "2020-05-04"

service:
  - id: example-review  # EXAMPLE
    role: {{en: "EXAMPLE: reviewer", de: "BEISPIEL: Gutachter*in"}}
    organisation: "EXAMPLE Journal of Examples"
    kind: review
    start: 2022

memberships:
  - organisation:  # EXAMPLE
      en: "EXAMPLE: Society for Examples"
      de: "BEISPIEL: Gesellschaft für Beispiele"
    start: 2019

{_spoken(languages)}
metrics:
  - source: "EXAMPLE: Google Scholar"  # EXAMPLE: numbers below are placeholders
    retrieved: "2025-01-01"
    all: {{publications: 0, citations: 0, h_index: 0}}

career_breaks:
  - en: "EXAMPLE: parental leave, 2019-03 to 2019-12"
    de: "BEISPIEL: Elternzeit, 03/2019 bis 12/2019"

other_information:
  - {{en: "EXAMPLE: anything else a funder should know", de: "BEISPIEL: weitere Angaben"}}

publications:
  - id: example-article  # EXAMPLE
    kind: journal_article
    authors: [{_q(variant)}, "Coauthor B"]
    title: "EXAMPLE: A Study of Examples"
    venue: "Journal of Examples"
    year: 2024
    volume: "12"
    pages: "1–10"
    doi: "10.1234/example.2024.1"
    peer_reviewed: true  # a work counts as peer-reviewed in every format where this is true
    rank: 1  # your mark of importance: 1 is your most important work
    # selected: true  # or mark your important works without ranking them (after the ranks)
    # status: published  # or in_press, accepted, under_review, submitted, in_preparation:
    #                    # funders count work that is out or accepted, or that anyone can read
"""
    )


class InitOutcome(Struct, frozen=True):
    """What ``init_profile`` wrote, and the import it did (None without ``--from``)."""

    profile: Path
    imported: Path | None
    plan: MergePlan | None
    taken: tuple[str, ...] = ()
    """What was taken from the file's person: ``name``, ``e-mail``, ``ORCID iD``."""


def init_profile(
    folder: Path,
    *,
    name: str | None = None,
    source: Path | None = None,
    fmt: str | None = None,
    peer_reviewed: PeerReviewMode = "auto",
    orcid: str | None = None,
    offline: bool = False,
) -> InitOutcome:
    """Write ``folder/profile.yaml`` (and ``imported.yaml`` seeded from ``source``, or from
    the public record of the ORCID iD ``orcid``, read online unless ``offline``).

    Refuses to overwrite either file. Both are validated together before anything is written.
    """
    target = folder / PROFILE_NAME
    imported = folder / IMPORTED_NAME
    online_id, orcid = orcid, None  # ``orcid`` becomes the iD the profile is given
    for path in (target, imported) if source or online_id else (target,):
        if path.exists():
            raise OutputError(f"{display_path(path)} exists; init never overwrites a file")
    given, family = split_plain_name(name) if name else (None, None)
    if name and not family:
        raise ImportFileError(f"--name {name!r}: give both names, as 'Given Family'")
    result: ImportResult | None = None
    orcid = email = None
    taken: list[str] = []
    if source or online_id:
        owner = owner_author(given or "", family) if family else None
        if online_id:
            # lazy: importers.online loads only when this runs
            from grantdocs.importers.online import import_orcid

            result = import_orcid(
                online_id, owner=owner, peer_reviewed=peer_reviewed, offline=offline
            )
        else:
            assert source is not None
            result = read_import_file(
                source,
                display=display_path(source),
                fmt=fmt,
                owner=owner,
                peer_reviewed=peer_reviewed,
            )
            require_entries(result)
        if result.person and not family:
            given, family = result.person.given_names, result.person.family_name
            taken.append("name")
        if result.person:
            orcid, email = result.person.orcid, result.person.email
            taken += [what for what, value in (("e-mail", email), ("ORCID iD", orcid)) if value]
    forms: list[str] = []
    if result is not None and family:
        people = [
            str(author)
            for record in result.records
            if record.section == "publications"
            for author in [*record.entry.get("authors", []), *record.entry.get("editors", [])]
        ]
        forms = forms_like(people, given or "", family)
    spoken = result.person.languages if result is not None and result.person else ()
    if spoken:
        taken.append("languages")
    draft = skeleton_text(
        target, given, family, orcid=orcid, email=email, found_forms=forms, languages=spoken
    )
    plan = None
    imported_text = None
    if result is not None:
        data, _ = load_yaml(draft, PROFILE_NAME)
        existing, ids = existing_from_profile(as_record(Profile.model_validate(data)))
        plan = plan_merge(result, existing, ids)
        if plan.added:
            imported_text = append_entries(None, plan, display_path(imported))
    text = skeleton_text(
        target,
        given,
        family,
        orcid=orcid,
        email=email,
        include_imported=bool(imported_text),
        found_forms=forms,
        languages=spoken,
    )
    _validate(text, imported_text)
    if imported_text is not None:
        write_text(imported, imported_text)
    try:
        write_text(target, text)
    except BaseException:
        if imported_text is not None:
            with contextlib.suppress(OSError):
                imported.unlink()
        raise
    return InitOutcome(target, imported if imported_text else None, plan, tuple(taken))


def _validate(profile_text: str, imported_text: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="grantdocs-init-") as folder:
        (Path(folder) / PROFILE_NAME).write_text(profile_text, encoding="utf-8")
        if imported_text is not None:
            (Path(folder) / IMPORTED_NAME).write_text(imported_text, encoding="utf-8")
        load_profile(Path(folder) / PROFILE_NAME)

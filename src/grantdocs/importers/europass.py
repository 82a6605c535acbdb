"""Europass CV import: the XML of Europass v3 (root ``SkillsPassport``), which the Europass
online editor wrote from 2013 to 2020 and attached to the PDFs it made (a PDF is read for
that attachment).

Work experiences become positions, education and training become education, and the
achievements the editor calls publications are listed (they are free text, not citations).
The person (name, e-mail) is only reported by ``import``; ``init`` takes it. Languages are
reported for ``person.spoken_languages``. The newer Europass format (root ``Candidate``,
2020 on) is recognised and refused with a message: no published file of it was at hand to
test a reader on.

The XML is read without a DTD, entities or network access, and a document that declares a
DTD is refused, so no entity expansion can blow it up.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

import msgspec

from grantdocs.errors import ImportFileError, Location, Problem
from grantdocs.importers.records import ImportResult, PersonHint, period_problem
from grantdocs.importers.text import clean, degree_level

FORMAT = "Europass CV (XML v3)"
NAMESPACE = "http://europass.cedefop.europa.eu/Europass"
_EQF_LEVELS = {"5": "other", "6": "bachelor", "7": "master", "8": "doctorate"}
_TAG = re.compile(r"<[^>]{0,2000}>")
_ITEM_BREAK = re.compile(r"</li>|<br\s*/?>|</p>|\n", re.I)


MAX_ATTACHMENT = 5 * 1024 * 1024
"""The largest XML attachment read out of a PDF."""


def read_europass_pdf(data: bytes, display: str) -> ImportResult:
    """Read the Europass XML that the Europass editor attached to a PDF it made."""
    # lazy: logging, pypdf load only when this runs
    import logging

    from pypdf import PdfReader

    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)  # its repair notes ('EOF marker not found') are not ours
    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        found = [
            (name, content)
            for name in sorted(attachments)
            for content in attachments[name]
            if len(content) <= MAX_ATTACHMENT and b"SkillsPassport" in content[:4000]
        ]
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise ImportFileError(f"{display}: a PDF grantdocs cannot read ({exc})") from None
    finally:
        log.setLevel(level)
    if not found:
        raise ImportFileError(
            f"{display}: a PDF without a Europass XML attachment: grantdocs reads the CV data "
            "the Europass editor attached to its PDFs, not the printed text"
        )
    name, content = found[0]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFileError(f"{display}: the attachment {name!r} is not UTF-8 text") from None
    result = read_europass(text, f"{display} (attachment {name})")
    result.display = display
    return result


def looks_like_europass(text: str) -> bool:
    """True if ``text`` is XML whose root is a Europass CV (v3 or the 2020 format)."""
    head = text[:4000]
    return bool(re.search(r"<\s*(?:\w+:)?(SkillsPassport|Candidate|learnerinfo)\b", head))


def read_europass(text: str, display: str) -> ImportResult:
    """Read a Europass CV's XML text."""
    root = _parse(text, display)
    name = _local(root.tag)
    if name != "SkillsPassport":
        what = {
            "Candidate": "the Europass format of 2020 on (root 'Candidate')",
            "learnerinfo": "Europass v2 (root 'learnerinfo')",
        }.get(name, f"an XML file with root {name!r}")
        raise ImportFileError(
            f"{display}: {what} is not read; grantdocs reads the Europass XML v3 "
            "(root 'SkillsPassport', from the Europass editor 2013-2020)",
            [Problem(Location(display, root.sourceline or 1, 1), f"root element {name!r}")],
        )
    result = ImportResult(display, FORMAT)
    learner = _child(root, "LearnerInfo")
    if learner is None:
        result.notes.append("the file has no LearnerInfo (no CV in it)")
        return result
    _person(learner, result)
    for index, item in enumerate(
        _children(_child(learner, "WorkExperienceList"), "WorkExperience")
    ):
        _position(item, index, result)
    for index, item in enumerate(_children(_child(learner, "EducationList"), "Education")):
        _education(item, index, result)
    _achievements(learner, result)
    _languages(learner, result)
    return result


def _parse(text: str, display: str) -> Any:
    # lazy: lxml loads only when this runs
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        raise ImportFileError(
            f"{display}: not well-formed XML",
            [Problem(Location(display, line, exc.position[1] if exc.position else 0), exc.msg)],
        ) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise ImportFileError(f"{display}: declares a DTD; Europass files have none: not read")
    return root


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: Any, name: str) -> Any:
    if element is None:
        return None
    return next((c for c in element if _local(c.tag) == name), None)


def _children(element: Any, name: str) -> list[Any]:
    return [] if element is None else [c for c in element if _local(c.tag) == name]


def _text(element: Any, *path: str) -> str | None:
    for name in path:
        element = _child(element, name)
    if element is None or element.text is None:
        return None
    return clean(element.text) or None


def _label(element: Any, *path: str) -> str | None:
    """``<X><Code/><Label/></X>``: the label, else the code."""
    for name in path:
        element = _child(element, name)
    return _text(element, "Label") or _text(element, "Code")


def _date(element: Any) -> int | str | None:
    """``<From year="2012" month="--07" day="---04"/>`` -> ``"2012-07-04"``."""
    if element is None:
        return None
    year = (element.get("year") or "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return None
    month = (element.get("month") or "").strip("-").strip()
    day = (element.get("day") or "").strip("-").strip()
    if not re.fullmatch(r"\d{1,2}", month) or not 1 <= int(month) <= 12:
        return int(year)
    if not re.fullmatch(r"\d{1,2}", day) or not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _period(item: Any, warnings: list[str]) -> tuple[int | str | None, int | str | None]:
    period = _child(item, "Period")
    start, end = _date(_child(period, "From")), _date(_child(period, "To"))
    if _text(period, "Current") == "true":
        end = None
    if period_problem(start, end):
        warnings.append(f"end {end} is before start {start}: end left out")
        end = None
    return start, end


def _where(result: ImportResult, element: Any) -> Location:
    return Location(result.display, element.sourceline or 0, 1)


def _person(learner: Any, result: ImportResult) -> None:
    identification = _child(learner, "Identification")
    given = _text(identification, "PersonName", "FirstName") or ""
    family = _text(identification, "PersonName", "Surname") or ""
    email = _text(identification, "ContactInfo", "Email", "Contact")
    if family:
        if family.isupper() and len(family) > 1:  # the editor's 'NORRIS' convention
            family = family.title()
        result.person = PersonHint(given, family, None, email)


def _place(item: Any, holder: str) -> tuple[str | None, str | None, str | None]:
    """Name, city and country of an employer or organisation."""
    body = _child(item, holder)
    contact = _child(_child(_child(body, "ContactInfo"), "Address"), "Contact")
    return _text(body, "Name"), _text(contact, "Municipality"), _label(contact, "Country")


def _position(item: Any, index: int, result: ImportResult) -> None:
    where = _where(result, item)
    label = f"work experience {index + 1}"
    warnings: list[str] = []
    title = _label(item, "Position")
    org, city, country = _place(item, "Employer")
    if result.lacks(where, label, {"position": title, "employer": org}):
        return
    start, end = _period(item, warnings)
    if start is None:
        warnings.append("no start date: add one (funders list positions by date)")
    entry = {
        "title": title,
        "organisation": org,
        "place": city,
        "country": country,
        "start": start,
        "end": end,
        "description": _plain(_text(item, "Activities")),
    }
    result.add_position(entry, where, label, warnings)


def _education(item: Any, index: int, result: ImportResult) -> None:
    where = _where(result, item)
    label = f"education {index + 1}"
    warnings: list[str] = []
    degree = _text(item, "Title")
    org, city, country = _place(item, "Organisation")
    if result.lacks(where, label, {"title": degree, "organisation": org}):
        return
    assert degree is not None
    start, end = _period(item, warnings)
    eqf = _text(item, "Level", "Code")
    entry = {
        "level": degree_level(degree) or _EQF_LEVELS.get(eqf or ""),
        "degree": degree,
        "subject": _label(item, "Field"),
        "institution": org,
        "place": city,
        "country": country,
        "start": start,
        "end": end,
    }
    result.add_education(entry, where, label, warnings)


def _achievements(learner: Any, result: ImportResult) -> None:
    """Publications are free text in Europass: each item is listed as skipped, with its text,
    so the user enters it (or imports it from BibTeX or ORCID)."""
    achievements = _children(_child(learner, "AchievementList"), "Achievement")
    other = []
    for achievement in achievements:
        code = _text(achievement, "Title", "Code")
        if code != "publications":
            other.append(_label(achievement, "Title") or "untitled")
            continue
        description = _text(achievement, "Description") or ""
        items = [
            clean(_plain(part) or "") for part in _ITEM_BREAK.split(html.unescape(description))
        ]
        for number, item in enumerate([i for i in items if i], start=1):
            shown = item if len(item) <= 100 else item[:99] + "…"
            result.skip(
                _where(result, achievement),
                f"publication {number}",
                f"free text, not a citation ('{shown}'): import it from BibTeX, CSL-JSON or "
                "ORCID, or write it into the profile",
            )
    if other:
        result.notes.append(
            "achievements not imported (no place for free text in a profile): " + ", ".join(other)
        )


def _languages(learner: Any, result: ImportResult) -> None:
    """Mother tongues and foreign languages with their CEFR levels: reported, and handed to
    ``init`` (through the person) for ``spoken_languages``."""
    linguistic = _child(_child(learner, "Skills"), "Linguistic")
    spoken: list[tuple[str, str]] = []
    for tongue in _children(_child(linguistic, "MotherTongueList"), "MotherTongue"):
        name = _label(tongue, "Description")
        if name:
            spoken.append((name, "native"))
    for foreign in _children(_child(linguistic, "ForeignLanguageList"), "ForeignLanguage"):
        name = _label(foreign, "Description")
        levels = _child(foreign, "ProficiencyLevel")
        marks = (
            sorted({clean(c.text or "") for c in levels if clean(c.text or "")})
            if levels is not None
            else []
        )
        if name:
            spoken.append((name, "/".join(marks) or "level not given"))
    if spoken:
        result.notes.append(
            "languages (init writes them to spoken_languages; an import does not): "
            + ", ".join(f"{name} ({level})" for name, level in spoken)
        )
        if result.person is not None:
            result.person = msgspec.structs.replace(result.person, languages=tuple(spoken))


def _plain(value: str | None) -> str | None:
    """Text without the HTML the Europass editor stores (``&lt;ul>&lt;li>...``)."""
    if not value:
        return None
    text = html.unescape(html.unescape(value))
    text = _TAG.sub(" ", text)
    return clean(text) or None

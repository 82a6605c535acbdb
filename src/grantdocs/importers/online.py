"""Import from an ORCID iD over the network: the record, its full works, then the DOIs.

The record is read as a downloaded one (``importers.orcid``). Each work then gets its author
list and venue from the full work (``/works/{put-codes}``, in bulk): the contributors ORCID
holds, else the authors of the BibTeX citation the work carries. A work with a DOI is then
completed from the DOI's registration agency (``sources.registry``): authors in order,
venue, volume, issue, pages, publisher and kind replace what ORCID had; title and year stay
ORCID's unless missing. Every work's notes say which source gave which field.
"""

from __future__ import annotations

import re
from typing import Any

from grantdocs.errors import ImportFileError, SourceError
from grantdocs.importers.orcid import AUTHOR_WARNING, read_orcid
from grantdocs.importers.records import ImportResult, Record
from grantdocs.importers.review import PeerReviewMode, apply_peer_review
from grantdocs.importers.sources.http import Client
from grantdocs.importers.sources.orcid import fetch_record, fetch_works, parse_orcid_id
from grantdocs.importers.sources.registry import FIELDS, lookup
from grantdocs.importers.text import clean, short_name, split_plain_name

FORMAT = "ORCID public API"
PREFIX = "orcid:"
_PUT_CODE = re.compile(r"\(put-code (\d+)\)")
_CONTRIBUTOR_ROLES = {"", "author", "AUTHOR"}


def is_online(argument: str) -> bool:
    """True if an import argument names an ORCID iD (``orcid:...``) rather than a file."""
    return argument.strip().lower().startswith(PREFIX)


def import_orcid(
    argument: str,
    *,
    owner: str | None,
    peer_reviewed: PeerReviewMode,
    offline: bool = False,
    contact: str | None = None,
) -> ImportResult:
    """``read_orcid_online`` with a client of its own; ``contact`` goes into the User-Agent.
    A record with nothing to import is an ``ImportFileError``."""
    # lazy: importers.detect loads only when this runs
    from grantdocs.importers.detect import require_entries

    with Client(contact=contact, offline=offline) as client:
        result = read_orcid_online(argument, client, owner=owner, peer_reviewed=peer_reviewed)
    require_entries(result)
    return result


def read_orcid_online(
    orcid_text: str,
    client: Client,
    *,
    owner: str | None = None,
    peer_reviewed: PeerReviewMode = "auto",
) -> ImportResult:
    """Import the public record of an ORCID iD, its works completed as the module says.
    ``owner`` is the profile owner's author form (None: from the record's name)."""
    orcid = parse_orcid_id(
        orcid_text.strip()[len(PREFIX) :] if is_online(orcid_text) else orcid_text
    )
    doc = fetch_record(client, orcid)
    result = read_orcid(doc, owner)
    result.format = FORMAT
    if owner is None and result.person is not None:
        owner = short_name(result.person.family_name, result.person.given_names)
    works = [r for r in result.records if r.section == "publications"]
    codes = [m.group(1) for r in works if (m := _PUT_CODE.search(r.label))]
    full = fetch_works(client, orcid, codes) if codes else {}
    for record in works:
        found = _PUT_CODE.search(record.label)
        work = full.get(found.group(1)) if found else None
        if work is not None:
            _from_work(record, work, orcid, owner)
        if record.entry.get("doi"):
            _from_registry(record, client)
    if codes and not full:
        result.notes.append("ORCID gave no full works: author lists come from the record only")
    apply_peer_review(result, peer_reviewed)
    result.notes.append(
        f"{client.requests} requests, {client.cache_hits} answers from the cache"
        + (" (offline)" if client.offline else "")
    )
    return result


def _from_work(record: Record, work: dict[str, Any], orcid: str, owner: str | None) -> None:
    """Authors and venue from the full work: contributors, else its BibTeX citation."""
    entry = record.entry
    contributors = _contributors(work, orcid, owner)
    cited = _citation(work)
    cited_authors = cited.get("authors", []) if cited else []
    if len(cited_authors) > len(contributors):
        authors, source = cited_authors, "the work's BibTeX citation in ORCID"
    else:
        authors, source = contributors, "the work's contributors in ORCID"
    if authors:
        entry["authors"] = authors
        _drop_author_warning(record)
        record.notes.append(f"authors ({len(authors)}) from {source}")
    venue = _value(work, "journal-title")
    if venue and not entry.get("venue"):
        entry["venue"] = venue
    if cited:
        taken = []
        for key in ("venue", "volume", "issue", "pages", "publisher"):
            if cited.get(key) and not entry.get(key):
                entry[key] = cited[key]
                taken.append(key)
        if taken:
            record.notes.append(f"{', '.join(taken)} from the work's BibTeX citation in ORCID")


def _contributors(work: dict[str, Any], orcid: str, owner: str | None) -> list[str]:
    block = work.get("contributors")
    people = block.get("contributor") if isinstance(block, dict) else None
    out = []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, dict):
            continue
        attributes = person.get("contributor-attributes")
        role = attributes.get("contributor-role") if isinstance(attributes, dict) else None
        if str(role or "").lower() not in _CONTRIBUTOR_ROLES:
            continue
        contributor_orcid = person.get("contributor-orcid")
        path = contributor_orcid.get("path") if isinstance(contributor_orcid, dict) else None
        name = _value(person, "credit-name")
        if path == orcid and owner:
            out.append(owner)
        elif name:
            given, family = split_plain_name(name)
            out.append(short_name(family, given) if family else name)
    return out


def _citation(work: dict[str, Any]) -> dict[str, Any] | None:
    """The first entry of the work's BibTeX citation, read by the BibTeX importer."""
    citation = work.get("citation")
    if not isinstance(citation, dict):
        return None
    if str(citation.get("citation-type") or "").lower() != "bibtex":
        return None
    text = citation.get("citation-value")
    if not isinstance(text, str) or "@" not in text or len(text) > 100_000:
        return None
    # lazy: importers.bibtex loads only when this runs
    from grantdocs.importers.bibtex import read_bibtex

    try:
        read = read_bibtex(text, "citation")
    except ImportFileError:
        return None
    return read.records[0].entry if read.records else None


def _from_registry(record: Record, client: Client) -> None:
    entry = record.entry
    doi = str(entry["doi"])
    try:
        found = lookup(client, doi)
    except SourceError as exc:
        if client.offline:
            record.warnings.append(f"DOI {doi}: not completed ({exc.message})")
            return
        raise
    if found is None:
        record.warnings.append(f"DOI {doi} is known neither to Crossref nor to doi.org")
        return
    given = []
    for key in FIELDS:
        value = found.fields.get(key)
        if value and value != entry.get(key):
            if key == "authors":
                _drop_author_warning(record)
            entry[key] = value
            given.append(f"{key} ({len(value)})" if isinstance(value, list) else key)
    if found.title and not entry.get("title"):
        entry["title"] = found.title
        given.append("title")
    if found.year and found.year != entry.get("year"):
        record.warnings.append(
            f"{found.source} gives the year {found.year}, ORCID {entry.get('year')}: "
            "ORCID's is kept"
        )
    if given:
        record.notes.append(f"from {found.source} (DOI {found.doi}): {', '.join(given)}")
    else:
        record.notes.append(f"{found.source} (DOI {found.doi}) adds nothing to ORCID's fields")


def _drop_author_warning(record: Record) -> None:
    record.warnings = [w for w in record.warnings if not w.startswith(AUTHOR_WARNING[:20])]


def _value(obj: Any, key: str) -> str | None:
    value = obj.get(key) if isinstance(obj, dict) else None
    if isinstance(value, dict):
        value = value.get("value")
    return clean(value) or None if isinstance(value, str) else None

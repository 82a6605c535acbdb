"""Where a working paper or preprint is posted, and which office issued a patent.

A repository is known from the DOI's prefix (each server registers its own) or from the
link's host: OSF Preprints, SocArXiv, PsyArXiv, SSRN, RePEc, NBER, Zenodo. A patent's office
is the two-letter prefix of its number ("EP4296898A1", "US 11,567,510"), else a name such as
"US Patent App." or "European", else a country the entry names; never a city from
``address``.
"""

from __future__ import annotations

import re

_DOI_PREFIXES = (
    ("10.31235/", "SocArXiv"),
    ("10.31234/", "PsyArXiv"),
    ("10.31219/", "OSF Preprints"),
    ("10.2139/ssrn", "SSRN"),
    ("10.3386/w", "NBER"),
    ("10.5281/zenodo", "Zenodo"),
)
_HOSTS = (
    (re.compile(r"osf\.io/preprints/socarxiv|socarxiv\.org", re.I), "SocArXiv"),
    (re.compile(r"osf\.io/preprints/psyarxiv|psyarxiv\.com", re.I), "PsyArXiv"),
    (re.compile(r"osf\.io/preprints", re.I), "OSF Preprints"),
    (re.compile(r"(?:^|[/.])ssrn\.com", re.I), "SSRN"),
    (re.compile(r"(?:ideas|econpapers)\.repec\.org", re.I), "RePEc"),
    (re.compile(r"(?:^|[/.])nber\.org/papers", re.I), "NBER"),
    (re.compile(r"(?:^|[/.])zenodo\.org", re.I), "Zenodo"),
)
_NAMES = (
    (re.compile(r"\bsocarxiv\b", re.I), "SocArXiv"),
    (re.compile(r"\bpsyarxiv\b", re.I), "PsyArXiv"),
    (re.compile(r"\bosf\b", re.I), "OSF Preprints"),
    (re.compile(r"\bssrn\b", re.I), "SSRN"),
    (re.compile(r"\brepec\b", re.I), "RePEc"),
    (re.compile(r"\bnber\b", re.I), "NBER"),
)
WORKING_PAPER_REPOSITORIES = frozenset(
    {"SocArXiv", "OSF Preprints", "SSRN", "RePEc", "NBER", "PsyArXiv"}
)
"""Servers where the social sciences post working papers (a work there is public)."""


def repository(doi: str | None, links: list[str], texts: list[str]) -> str | None:
    """The repository a DOI, a link or a venue text names; None if none does."""
    if doi:
        lowered = doi.lower()
        for prefix, name in _DOI_PREFIXES:
            if lowered.startswith(prefix):
                return name
    for link in links:
        for pattern, name in _HOSTS:
            if pattern.search(link):
                return name
    for text in texts:
        for pattern, name in _NAMES:
            if pattern.search(text):
                return name
    return None


OFFICES = ("WO", "EP", "US", "DE", "GB", "FR", "JP", "CN", "KR", "CA", "AU", "CH", "AT", "IN")
"""Patent offices whose two-letter code starts a number ('WO' is the PCT, 'EP' the EPO)."""

_NUMBER_PREFIX = re.compile(rf"^\s*({'|'.join(OFFICES)})[\s\-]?(?=[\d/])", re.I)
_OFFICE_WORDS = (
    (re.compile(r"\b(?:U\.?\s?S\.?|United\s+States|USPTO|American)\b", re.I), "US"),
    (re.compile(r"\b(?:EP|European|EPO|Europäisch\w*)\b", re.I), "EP"),
    (re.compile(r"\b(?:WO|PCT|WIPO|International)\b", re.I), "WO"),
    (re.compile(r"\b(?:DE|German\w*|Deutsch\w*|DPMA)\b", re.I), "DE"),
    (re.compile(r"\b(?:CN|China|Chinese)\b", re.I), "CN"),
    (re.compile(r"\b(?:JP|Japan\w*)\b", re.I), "JP"),
    (re.compile(r"\b(?:KR|Korea\w*)\b", re.I), "KR"),
    (re.compile(r"\b(?:GB|UK|British|United\s+Kingdom)\b", re.I), "GB"),
    (re.compile(r"\b(?:FR|French|France)\b", re.I), "FR"),
)
PATENT_TEXT = re.compile(
    r"^\s*(?:(?:U\.?\s?S\.?|EP|WO|DE|European|US)\s+)?Patent(?:\s+App(?:lication|l)?\.?)?"
    r"[\s,:]*(?P<number>[A-Z]{0,2}\s?\d[\w/.,-]*(?:\s+[A-Z]\d?)?)?[\s,.]*"
    r"(?P<state>under\s+review|pending|granted|filed|application)?[\s,.]*$",
    re.I,
)
"""A venue or note that is a patent ('EP Patent EP4296898A1', 'EP Patent, EP4528590A1,',
'US Patent App. 19/012,313', 'U.S. Patent', 'US Patent, Under Review,'), with its number
where it follows."""


def patent_office(number: str | None, texts: list[str]) -> str | None:
    """The office code of a patent: its number's prefix, else the first text naming one."""
    if number:
        found = _NUMBER_PREFIX.match(number)
        if found:
            return found.group(1).upper()
    for text in texts:
        for pattern, code in _OFFICE_WORDS:
            if pattern.search(text):
                return code
    return None

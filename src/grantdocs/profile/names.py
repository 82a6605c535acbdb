"""Author names: read one as printed, write it in a style's form, and recognise the owner.

An author is stored as printed in the source ("Lapuschkin S", "Müller K-R", "K.-R. Müller",
"Amos, Brandon", "Brandon Amos$^{\\dagger}$"). ``parse_name`` reads the family name and the
given names (full names or initials) from any of these forms, after removing
equal-contribution and affiliation markers. Two names are the same person when their family
names are equal and their given names agree one by one: a full name against a full name
exactly, an initial against the first letter. Case, dots, hyphens between initials, the
order of the parts and markers do not matter; a different count of given names does ("Müller
K" is not "Müller K-R": list such forms in ``person.name_variants`` if they are yours).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from msgspec import Struct

from grantdocs.profile.records import Person

NameForm = Literal["as_printed", "family_initials", "initials_family", "family_comma_initials"]
"""``as_printed``: as stored; ``family_initials``: "Müller KR"; ``initials_family``:
"K.-R. Müller"; ``family_comma_initials``: "Müller, K.-R."."""

_LATEX_MARKERS = re.compile(
    r"\\(?:textsuperscript|thanks|footnote)\s*\{[^{}]*\}"  # \textsuperscript{*}, \thanks{..}
    r"|\\footnotemark(?:\[[^\]]*\])?"
    r"|\\(?:dagger|ddagger|ast|star|S|P|sharp|natural)\b"
    r"|\\[,;:!]"
)
_MARKER_CHARS = re.compile(r"[*†‡§¶‖#⁎∗✝✻⋆$^{}\d⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁽⁾]")
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "le",
        "la",
        "ten",
        "ter",
        "zu",
        "zum",
        "zur",
        "y",
    ]
)
_GROUP_WORDS = frozenset(
    [
        "consortium",
        "group",
        "team",
        "project",
        "collaboration",
        "initiative",
        "society",
        "association",
        "institute",
        "committee",
        "network",
        "foundation",
        "organization",
        "organisation",
        "alliance",
        "lab",
        "laboratory",
        "university",
        "centre",
        "center",
        "council",
        "agency",
        "board",
    ]
)
"""Words that make an author a group, written as printed and never the owner."""
_ET_AL = frozenset({"et al.", "et al", "others", "u. a.", "u.a."})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-"})


def strip_markers(name: str) -> str:
    """``name`` without equal-contribution and affiliation marks (``*``, ``†``, ``$^{1}$``,
    ``\\footnotemark``, superscript digits), with single spaces."""
    text = unicodedata.normalize("NFC", name).translate(_DASHES)
    text = _MARKER_CHARS.sub("", _LATEX_MARKERS.sub("", text))
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    return re.sub(r"\s+,", ",", text)


_TEX_REMNANTS = re.compile(r"[$^{}]")


@lru_cache(maxsize=16384)
def tidy(name: str) -> str:
    """``name`` as printed, without the remnants of LaTeX superscripts ("Amos^† B" becomes
    "Amos† B"); equal-contribution marks themselves stay."""
    if not _TEX_REMNANTS.search(name):
        return name
    return re.sub(r"\s+", " ", _TEX_REMNANTS.sub("", name)).strip()


def is_et_al(author: str) -> bool:
    """True for an entry that stands for further authors ("et al.", "others")."""
    return author.strip().casefold() in _ET_AL


class ParsedName(Struct, frozen=True):
    """A name read from its printed form.

    ``given`` holds the given names in order; each is a tuple of the parts a hyphen joins
    ("Klaus-Robert" and "K.-R." are one given name of two parts). A part of one letter is an
    initial. ``parsed`` is False where the form was not recognised (one word, a group name):
    then only ``original`` is used.
    """

    original: str
    family: str
    given: tuple[tuple[str, ...], ...]
    parsed: bool

    @property
    def key(self) -> str:
        """The family name, compared: case-folded, without dots, single spaces."""
        return _fold(self.family)

    @property
    def parts(self) -> tuple[str, ...]:
        """Every given-name part, in order."""
        return tuple(part for name in self.given for part in name)

    def same_person(self, other: ParsedName) -> bool:
        """Same family name, and the given names agree part by part (see the module)."""
        if not (self.parsed and other.parsed and self.parts and other.parts):
            return False
        if self.key != other.key or len(self.parts) != len(other.parts):
            return False
        for mine, theirs in zip(self.parts, other.parts, strict=True):
            a, b = _fold(mine), _fold(theirs)
            if len(a) > 1 and len(b) > 1:
                if a != b:
                    return False
            elif a[0] != b[0]:
                return False
        return True

    def written(self, form: NameForm) -> str:
        """The name in ``form``; as printed if it was not recognised."""
        if form == "as_printed" or not self.parsed or not self.given:
            return tidy(self.original)
        if form == "family_initials":
            return f"{self.family} {''.join(p[0].upper() for p in self.parts)}"
        initials = " ".join("-".join(f"{p[0].upper()}." for p in name) for name in self.given)
        if form == "initials_family":
            return f"{initials} {self.family}"
        return f"{self.family}, {initials}"


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).casefold().replace(".", " ")
    return re.sub(r"\s+", " ", folded).strip()


def _is_initials(token: str) -> bool:
    """ "S", "KR", "K-R", "K.-R.", "GÜ": one to three capital letters, maybe hyphenated; or
    one letter in any case ("amos b")."""
    letters = token.replace(".", "").replace("-", "")
    if len(letters) == 1:
        return letters.isalpha()
    return 0 < len(letters) <= 3 and letters.isalpha() and letters.isupper()


def _given(tokens: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    names: list[tuple[str, ...]] = []
    for token in tokens:
        parts = [p for p in re.split(r"[.\-]+", token) if p]
        if not parts:
            continue
        compact = token.replace(".", "")
        if len(parts) == 1 and _is_initials(compact) and len(compact) > 1:
            names += [(letter,) for letter in compact]  # "KR": two initials
        else:
            names.append(tuple(parts))
    return tuple(names)


@lru_cache(maxsize=16384)
def parse_name(printed: str) -> ParsedName:
    """Read ``printed`` (any of the forms in the module docstring)."""
    name = strip_markers(printed)
    if "," in name:
        family, _, given = name.partition(",")
        family, given = family.strip(), given.strip()
        ok = bool(family and given) and "," not in given
        return ParsedName(printed, family, _given(given.split()) if ok else (), ok)
    tokens = name.split()
    if len(tokens) < 2 or any(t.casefold() in _GROUP_WORDS for t in tokens):
        return ParsedName(printed, name, (), False)
    if _is_initials(tokens[-1]):  # "Müller K-R", "Hatefi S M V", "van der Berg J"
        cut = len(tokens)
        while cut > 1 and _is_initials(tokens[cut - 1]):
            cut -= 1
        return ParsedName(printed, " ".join(tokens[:cut]), _given(tokens[cut:]), True)
    cut = len(tokens) - 1  # "Brandon Amos", "K.-R. Müller", "Ludwig van Beethoven"
    while cut > 1 and tokens[cut - 1].casefold() in _PARTICLES:
        cut -= 1
    return ParsedName(printed, " ".join(tokens[cut:]), _given(tokens[:cut]), True)


_SEEN: dict[tuple[ParsedName, ...], dict[str, bool]] = {}
"""``Owners``' answers by their forms, shared by every ``Owners`` of the same forms in the
process: each document makes its own, and most authors recur in the next one."""
_MAX_SEEN = 1024
"""Sets of forms kept at most (then the memo starts again)."""


class Owners:
    """The names whose authors a citation shows in bold: every form of one or more people.

    ``author in owners`` answers from a memo after the first time an author is asked for
    by any ``Owners`` of the same forms.
    """

    __slots__ = ("_seen", "forms")

    def __init__(self, forms: Iterable[ParsedName]) -> None:
        self.forms = tuple(forms)
        if len(_SEEN) >= _MAX_SEEN and self.forms not in _SEEN:
            _SEEN.clear()
        self._seen = _SEEN.setdefault(self.forms, {})

    def __contains__(self, author: object) -> bool:
        if not isinstance(author, str):
            return False
        found = self._seen.get(author)
        if found is None:
            name = parse_name(author)
            found = self._seen[author] = any(name.same_person(f) for f in self.forms)
        return found

    def __repr__(self) -> str:
        return f"Owners({[f.original for f in self.forms]})"


def owner_names(*people: Person) -> Owners:
    """The owners' forms: full name and every former family name with the given names,
    and every ``name_variants`` entry."""
    forms: list[ParsedName] = []
    for person in people:
        for family in (person.family_name, *person.former_names):
            forms.append(ParsedName(family, family, _given(person.given_names.split()), True))
        forms += [parse_name(variant) for variant in person.name_variants]
    return Owners(forms)


def forms_like(people: Iterable[str], given: str, family: str) -> list[str]:
    """The distinct printed names among ``people`` that could be the person ``given family``
    without matching that name as written: the same family name and first initial, other
    given names ("Müller N M" for Nicolas Müller). In file order; a namesake with the same
    first initial is among them, so a person confirms each."""
    me = ParsedName(family, family, _given(given.split()), True)
    owners = Owners([me])
    found: dict[str, None] = {}
    for printed in people:
        if printed in found or printed in owners:
            continue
        name = parse_name(printed)
        same_family = name.parsed and name.key == me.key and name.parts and me.parts
        if same_family and _fold(name.parts[0])[0] == _fold(me.parts[0])[0]:
            found[printed] = None
    return list(found)


def is_owner(author: str, owners: Owners) -> bool:
    """True if ``author`` is one of ``owners`` (see the module docstring)."""
    return author in owners

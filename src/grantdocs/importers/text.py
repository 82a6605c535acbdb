"""Text helpers shared by the importers: cleaning, matching keys, names, ids, identifiers."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u200b\u00ad]"
)
"""Characters a YAML file cannot hold (or that only hide): control codes, lone surrogates,
zero-width spaces and soft hyphens."""
_SPACE = re.compile(r"\s+")
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_EXTRA_ASCII = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ł": "l", "Ł": "L",
     "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"}
)  # fmt: skip
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "zur",
        "zum",
        "und",
        "im",
        "am",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
    ]
)
"""Words skipped when an id takes the first significant word of a title."""

URL = re.compile(r"^https?://\S+$")
_ARXIV_NEW = r"\d{4}\.\d{4,5}(?:v\d+)?"
_ARXIV_OLD = r"[a-z][a-z.-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?"
ARXIV_ID = re.compile(rf"^(?:{_ARXIV_NEW}|{_ARXIV_OLD})$")
_ARXIV_IN_TEXT = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf)/|arxiv\s*:?\s*|\babs/)({_ARXIV_NEW}|{_ARXIV_OLD})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "jänner"),
            ("feb", "february", "februar"),
            ("mar", "march", "mär", "märz", "maerz"),
            ("apr", "april"),
            ("may", "mai"),
            ("jun", "june", "juni"),
            ("jul", "july", "juli"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october", "okt", "oktober"),
            ("nov", "november"),
            ("dec", "december", "dez", "dezember"),
        ),
        start=1,
    )
    for name in names
}


def clean(text: str) -> str:
    """One line of text: NFC, control characters dropped, whitespace runs as one space."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    return _SPACE.sub(" ", text).strip()


def clean_block(text: str) -> str:
    """Like ``clean`` but keeps paragraph breaks (blank lines) of a longer text."""
    paragraphs = re.split(r"\n\s*\n", _CONTROL.sub("", text.replace("\r\n", "\n")))
    return "\n\n".join(p for p in (clean(p) for p in paragraphs) if p)


def to_ascii(text: str) -> str:
    """ASCII transliteration: German umlauts as ae/oe/ue, other accents dropped."""
    text = unicodedata.normalize("NFC", text).translate(_GERMAN).translate(_EXTRA_ASCII)
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def match_key(text: str) -> str:
    """A text reduced for comparison: accents, case, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", to_ascii(text).lower())


def first_significant_word(title: str) -> str:
    """The first word of ``title`` that is not an article or preposition, as a slug."""
    for word in re.split(r"[^\w]+", to_ascii(title).lower()):
        if word and word not in STOPWORDS:
            return slug(word)
    return ""


def make_id(
    first: str,
    year: int | None,
    word: str,
    taken: set[str],
    counters: dict[str, int] | None = None,
) -> str:
    """``family + year + word`` as lowercase ASCII, with b, c, ... appended on collision.

    ``taken`` holds the ids already in use; the new id is added to it. ``counters`` (kept by
    the caller across calls) remembers the last suffix of each base, so that many works with
    one base cost no more than one each.
    """
    base = (slug(first)[:30] + (str(year) if year else "") + slug(word)[:30]) or "entry"
    if not base[0].isalnum():  # pragma: no cover - slugs are alphanumeric
        base = "x" + base
    n = counters.get(base, 1) if counters is not None else 1
    candidate = base if n == 1 else base + _suffix(n)
    while candidate in taken:
        n += 1
        candidate = base + _suffix(n)
    if counters is not None:
        counters[base] = n
    taken.add(candidate)
    return candidate


def _suffix(n: int) -> str:
    """2 -> 'b', 26 -> 'z', 27 -> 'ba' ... (bibliographic style, 'a' is the bare id)."""
    letters = ""
    n -= 1
    while n:
        n, rest = divmod(n, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def initials(given: str) -> str:
    """``"Klaus-Robert"`` -> ``"K-R"``; ``"Andrea M."`` -> ``"A M"``; ``""`` -> ``""``."""
    out = []
    for token in given.replace(".-", "-").replace(".", ". ").split():
        if token[0].islower():
            continue  # a particle misplaced among the given names ('Maaten, L. van der')
        parts = [p for p in token.split("-") if p.strip(".")]
        letters = [next((c for c in p if c.isalpha()), "") for p in parts]
        text = "-".join(c.upper() for c in letters if c)
        if text:
            out.append(text)
    return " ".join(out)


def short_name(family: str, given: str = "", particle: str = "", suffix: str = "") -> str:
    """An author as profiles print them: ``"van der Maaten L"``, ``"Müller K-R"``."""
    parts = [particle.strip(), family.strip(), initials(given), suffix.strip()]
    return clean(" ".join(p for p in parts if p))


def split_plain_name(name: str) -> tuple[str, str]:
    """``"Given Names Family"`` or ``"Family, Given"`` -> ``(given, family)``."""
    name = clean(name)
    if "," in name:
        family, _, given = name.partition(",")
        return clean(given), clean(family)
    given, _, family = name.rpartition(" ")
    return given, family


def owner_author(given: str, family: str) -> str:
    """The author form of the profile owner built from their names."""
    return short_name(family, given)


def parse_url(value: str) -> str | None:
    """An http(s) URL with whitespace removed; None if it is not one."""
    text = clean(value)
    text = re.sub(r"^\\url\{(.*)\}$", r"\1", text).replace("\\_", "_").replace("\\%", "%")
    text = text.replace("\\&", "&").replace("\\#", "#").replace("\\~", "~")
    return text if URL.match(text) else None


def parse_arxiv(value: str) -> str | None:
    """An arXiv identifier found in ``value`` (``arXiv:2106.13200``, an abs URL, ...)."""
    text = clean(value)
    bare = re.sub(r"^arxiv:\s*", "", text, flags=re.IGNORECASE)
    if ARXIV_ID.match(bare):
        return bare
    m = _ARXIV_IN_TEXT.search(text)
    return m.group(1) if m else None


def parse_year(value: object) -> int | None:
    """A four-digit year in 1000-9999 from ``2015``, ``"{2015}"``, ``"2015-07"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1000 <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    m = _YEAR.search(value)
    if m is None:
        return None
    year = int(m.group(1))
    return year if 1000 <= year <= 9999 else None


def parse_month(value: object) -> int | None:
    """A month number from ``7``, ``"07"``, ``"jul"``, ``"July"``, ``"Juli 4"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= 12 else None
    if not isinstance(value, str):
        return None
    text = clean(value).lower().rstrip(".")
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    m = re.match(r"([a-zä]+)", text)
    return MONTHS.get(m.group(1)) if m else None


def normalise_pages(value: str) -> str:
    """``"247--278"``, ``"247 - 278"`` -> ``"247–278"``; anything else cleaned only."""
    text = clean(value)
    m = re.fullmatch(r"(\S+?)\s*(?:-{1,3}|–|—)\s*(\S+)", text)
    return f"{m.group(1)}–{m.group(2)}" if m else text


def acronym_of(title: str) -> tuple[str, bool]:
    """A project acronym found in ``title`` ('XAI-Med: ...', '... (XAI-Med)'), and False;
    else initials of its significant words, and True (made up: the user should check it)."""
    lead = re.match(r"^\s*([A-Z][\w-]{1,19})\s*(?::|–|—|-)\s+\S", title)
    if lead and sum(c.isupper() for c in lead.group(1)) >= 2:
        return lead.group(1), False
    for found in re.findall(r"\(([A-Z][\w-]{1,19})\)", title):
        if sum(c.isupper() for c in found) >= 2:
            return found, False
    words = [w for w in re.split(r"[^\w]+", title) if w and w.lower() not in STOPWORDS]
    made = "".join(w[0].upper() for w in words[:8])
    return made or "PROJECT", True


_LEVELS = (
    ("habilitation", r"habil"),
    ("doctorate", r"\bph\.?\s?d\b|doctor|dr\.|promotion|doktor|dphil"),
    ("master", r"master|\bm\.?\s?sc\b|\bm\.?\s?a\b|\bm\.?\s?eng\b|magister|\bmba\b"),
    ("bachelor", r"bachelor|\bb\.?\s?sc\b|\bb\.?\s?a\b|\bb\.?\s?eng\b"),
    ("diploma", r"diplom"),
    ("school", r"abitur|high school|secondary school|a-levels|matura"),
)


def degree_level(degree: str) -> str | None:
    """The profile's education level for a degree name ('PhD' -> 'doctorate'); None if unsure."""
    text = degree.lower()
    for level, pattern in _LEVELS:
        if re.search(pattern, text):
            return level
    return None


_TRUE = frozenset({"true", "yes", "y", "1", "on", "ja", "x"})
_FALSE = frozenset({"false", "no", "n", "0", "off", "nein", ""})
SELECTED_KEYS = ("selected", "featured")
"""Fields and keys with which exports mark the owner's most important works."""


def selected_value(value: object) -> bool | None:
    """The owner's mark from ``true``, ``{yes}``, ``1``, ``"True"``; None if it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value == 1 if value in (0, 1) else None
    if not isinstance(value, str):
        return None
    text = clean(value).strip("{}\"' ").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"
_MARK = rf"[*∗⋆†‡§¶‖#✝✉{_SUPERSCRIPTS}]"
_NAME_MARKERS = re.compile(rf"\^?{_MARK}+(?:\s*,\s*\^?{_MARK}+)*|\^")


def strip_name_markers(name: str) -> str:
    """A name without equal-contribution and affiliation marks: ``Amos*`` -> ``Amos``,
    ``Amos†``, ``Amos¹,²``, ``Amos^*`` (the text of ``$^{\\dagger}$``, ``\\textsuperscript{1}``
    after LaTeX decoding); a trailing comma they leave goes too."""
    if not _NAME_MARKERS.search(name):
        return name
    return clean(_NAME_MARKERS.sub("", name)).rstrip(",;")

"""What kind of work a venue name stands for: a table of patterns, read top to bottom.

Used where an entry's type does not say it (BibTeX ``@misc``, ``@unpublished``, ``@online``,
or an ``@article`` whose journal is a preprint server) and the venue is in a field such as
``venue``, ``_venue``, ``eventtitle``, ``howpublished`` or a note "In ICML 2021". The first
row whose pattern occurs in the venue decides; a venue no row matches decides nothing.
Preprint servers come first (an arXiv-only entry stays a preprint), workshops before
conferences ("ICML 2021 Workshop on ..."), and a few journals whose names start like
proceedings ("Proceedings of the National Academy of Sciences") before the conference words.
"""

from __future__ import annotations

import re
from typing import Literal

from msgspec import Struct

VenueKind = Literal[
    "talk",
    "book_review",
    "presentation",
    "blog_post",
    "preprint",
    "workshop_paper",
    "conference_paper",
    "journal_article",
]
"""``talk`` marks an interview, podcast or radio piece given as a venue: not a publication."""


class VenuePattern(Struct, frozen=True):
    """One row: the kind a venue stands for if ``pattern`` occurs in it, and an example."""

    kind: VenueKind
    pattern: re.Pattern[str]
    example: str


def _row(kind: VenueKind, pattern: str, example: str, *, case: bool = False) -> VenuePattern:
    return VenuePattern(kind, re.compile(pattern, 0 if case else re.IGNORECASE), example)


_CONFERENCE_ACRONYMS = (
    "NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|WACV|BMVC|ACCV|AAAI|IJCAI|ECAI|ACL|EMNLP|NAACL|"
    "EACL|AACL|COLING|LREC|CoNLL|KDD|WWW|SIGIR|SIGMOD|VLDB|ICDE|CIKM|WSDM|RecSys|ICDM|SDM|"
    "CHI|UIST|IUI|UAI|AISTATS|COLT|ALT|MICCAI|MIDL|ISBI|ICASSP|INTERSPEECH|Interspeech|"
    "EUSIPCO|ICIP|ICPR|ICDAR|RSS|CoRL|ICRA|IROS|ECML|PKDD|ECML-PKDD|FAccT|AIES|ISMB|RECOMB|"
    "CAV|TACAS|POPL|PLDI|LICS|CONCUR|ICSE|FSE|ASE|ISSTA|OSDI|SOSP|NSDI|SIGCOMM|CCS|NDSS|"
    "USENIX|DAC|DATE|ICCAD|IJCNN|ICANN|ESANN|GCPR|DAGM|AAMAS|ICAPS|GECCO|PPSN|L4DC|CLeaR|"
    "MLSys|LoG|EMBC|KR|COLM|ICWSM|SEC|HotMobile|MobiSys|MobiCom|SenSys|UbiComp|CoNEXT|"
    "EuroSys|MMSys|WearSys|IWCMC|SummerSim|RLC|MLCB|ACM\\s+Multimedia|ACM\\s+MM"
)

VENUE_PATTERNS: tuple[VenuePattern, ...] = (
    _row("book_review", r"^\s*(?:rezension|buchbesprechung|book\s+review)\b", "Rezension in ..."),
    _row(
        "presentation",
        r"^\s*(?:vortrag|gastvortrag|talk|invited\s+talk|keynote|filmpr[äa]sentation)\b",
        "Vortrag im Rahmen der Tagung ...",
    ),
    _row("blog_post", r"^\s*blog(?:\s*post|beitrag)?\b", "Blog"),
    _row("talk", r"^\s*(?:interview|podcast|radio\w*)\b", "Interview mit ..."),
    _row(
        "preprint",
        r"\b(?:arxiv|corr|biorxiv|medrxiv|chemrxiv|psyarxiv|socarxiv|techrxiv|ssrn|"
        r"research\s*square|preprints\.org|osf\s*preprints)\b|\bpreprint\b|\bsubmitted\b|"
        r"\bunder\s+review\b|\bin\s+preparation\b",
        "arXiv preprint arXiv:2106.13200",
    ),
    _row(
        "conference_paper",
        r"\bJMLR\s*W\s*(?:&|and)\s*CP\b|\bWorkshop\s+and\s+Conference\s+Proceedings\b|"
        r"\bProceedings\s+of\s+Machine\s+Learning\s+Research\b|\bPMLR\b",
        "Proceedings of Machine Learning Research 139",
    ),
    _row("workshop_paper", r"\bworkshops?\b", "ICML 2021 Workshop on Interpretable ML"),
    _row(
        "journal_article",
        r"\bProceedings\s+of\s+the\s+(?:National\s+Academy|IEEE\b|Royal\s+Society|AMS\b|"
        r"ACM\s+on\b|VLDB\s+Endowment)|\bPNAS\b|\bPVLDB\b|"
        r"\bProc\.\s*(?:Natl\.|IEEE\b|R\.\s*Soc|ACM\s+\w+\.?\s)",
        "Proceedings of the National Academy of Sciences",
    ),
    _row(
        "conference_paper",
        r"\bconference\b|\bconf\.|\bsymposium\b|\bproceedings\b|\bproc\.|\bcongress\b|"
        r"\bkonferenz\b|\btagung\b|\bmeeting\b|\bcolloquium\b|"
        r"\bAdvances\s+in\s+Neural\s+Information\s+Processing\b",
        "Proceedings of the 38th International Conference on Machine Learning",
    ),
    _row(
        "journal_article",
        r"\bjournal\b|\btransactions\b|\bletters\b|\bzeitschrift\b|\bannals\b|\bJ\.\s|"
        r"\bTrans\.\s|\bmagazine\b|\breview\s+(?:of|letters)\b",
        "Journal of Machine Learning Research",
    ),
    _row(
        "journal_article",
        r"\b(?:Nature|Science|Cell|PLoS|PLOS|eLife|Neuron|Neural\s+Computation|JMLR|TMLR|"
        r"TPAMI|IJCV|Bioinformatics|Scientific\s+Reports|Pattern\s+Recognition|"
        r"Information\s+Fusion|Artificial\s+Intelligence|Machine\s+Learning|Neurocomputing|"
        r"Neural\s+Networks|Physical\s+Review|NeuroImage|Frontiers\s+in|Entropy|Sensors|"
        r"Digital\s+Signal\s+Processing|Communications\s+of\s+the\s+ACM|JAIR|TACL|"
        r"Foundations\s+and\s+Trends|Pervasive\s+Computing|Security\s+(?:\\?&|and)\s+Privacy|"
        r"SIGOPS|(?:ACM|IEEE)(?:/(?:ACM|IEEE))?\s+T[A-Z]{2,5})\b",
        "Nature Communications",
        case=True,
    ),
    _row(
        "conference_paper",
        rf"(?<![\w-])(?:{_CONFERENCE_ACRONYMS})(?![\w-])",
        "ICML 2021",
        case=True,
    ),
)
"""The venue table. Each row: kind, pattern (case-insensitive unless noted), an example."""

_INTRODUCED = re.compile(
    r"^\s*(?:(?:accepted|published|presented|appeared|appearing|to\s+appear|"
    r"forthcoming|oral|poster|spotlight)(?:\s+(?:paper|presentation))?\s*(?:at|in|to|by|:)|"
    r"in\s*:?)\s+(?=\S)",
    re.IGNORECASE,
)


def classify(venue: str) -> VenueKind | None:
    """The kind of the first row whose pattern occurs in ``venue``; None if none does."""
    for row in VENUE_PATTERNS:
        if row.pattern.search(venue):
            return row.kind
    return None


def introduced_venue(note: str) -> str | None:
    """The venue of a note that introduces one ("In ICML 2021", "Accepted at NeurIPS 2022");
    None for any other note."""
    match = _INTRODUCED.match(note)
    if match is None:
        return None
    return note[match.end() :].strip().rstrip(".") or None


def strip_introduction(venue: str) -> str:
    """``venue`` without a leading "In ", "Accepted at " and the like."""
    return introduced_venue(venue) or venue

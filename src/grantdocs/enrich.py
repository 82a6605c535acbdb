"""``enrich``: DOIs for the publications that lack one, and a check of those that have one.

A preprint with an arXiv id gets the DOI arXiv registers for it (``10.48550/arXiv.<id>``)
without a request. For any other publication without a DOI, Crossref is searched by title,
first author and year, then OpenAlex by title unless Crossref's best candidate is confident
(``sources.search``); each candidate has a score and names its source. With ``write``, the
DOI of a confident candidate, or of one the user accepted by publication id, is added to the
entry in the user's YAML file as one new ``doi:`` line; nothing else in the file changes.
For a publication with a DOI, the registry's record (``sources.registry``) is compared field
by field; differences are shown, never written.
"""

from __future__ import annotations

import re
from pathlib import Path

from msgspec import Struct, field

from grantdocs.errors import ProfileError
from grantdocs.importers.sources.http import Client
from grantdocs.importers.sources.registry import lookup
from grantdocs.importers.sources.search import Candidate, candidates
from grantdocs.importers.text import match_key
from grantdocs.paths import display_path
from grantdocs.profile.identity import work_arxiv
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.records import Publication
from grantdocs.profile.yamlpos import YamlProblems, load_yaml

ARXIV_PREFIX = "10.48550/arXiv."
"""arXiv's DOI prefix (DataCite): every arXiv paper's DOI is this and its id."""
ANCHOR_KEYS = ("year", "kind", "venue", "title", "authors")
"""Keys of an entry a new ``doi:`` line may be put above (the first one on its own line)."""


class Proposal(Struct):
    """A publication without DOI and what the search found for it."""

    id: str
    where: str
    title: str
    candidates: list[Candidate]
    accepted: Candidate | None = None
    how: str = ""


class Difference(Struct):
    """A field of a publication that its DOI's registry gives otherwise."""

    id: str
    where: str
    field: str
    ours: str
    theirs: str
    source: str


class Outcome(Struct):
    """What ``write_dois`` did: files changed, DOIs added, entries left for the user."""

    changed: list[Path] = field(default_factory=list)
    added: int = 0
    by_hand: list[str] = field(default_factory=list)


def propose(
    loaded: LoadedProfile,
    client: Client,
    *,
    accept: dict[str, str | None] | None = None,
    only: set[str] | None = None,
) -> list[Proposal]:
    """Candidates for every publication without DOI (or those in ``only``).

    ``accept`` maps a publication id to the DOI the user confirms (None: the best
    candidate); otherwise the best candidate is accepted only if confident."""
    accept = accept or {}
    out = []
    for pub in loaded.profile.publications:
        if pub.doi or (only is not None and pub.id not in only):
            continue
        where = str(loaded.where_is(pub))
        derived = arxiv_doi(pub)
        if derived is not None and pub.id not in accept:
            authors = tuple(pub.authors)
            taken = Candidate(derived, pub.title, pub.year, authors, "arXiv", 1.0, 1.0, "arXiv")
            how = f"the DOI arXiv registers for arXiv:{work_arxiv(pub)}, no request"
            out.append(Proposal(pub.id, where, pub.title, [taken], taken, how))
            continue
        found = candidates(client, pub.title, list(pub.authors), pub.year)
        proposal = Proposal(pub.id, where, pub.title, found)
        if pub.id in accept:
            wanted = accept[pub.id]
            chosen = next(
                (c for c in found if wanted is None or c.doi.lower() == wanted.lower()), None
            )
            if chosen is None and wanted:
                chosen = Candidate(wanted, "", None, (), None, 0.0, 0.0, source="you")
            proposal.accepted, proposal.how = chosen, "accepted by you"
        elif found and found[0].confident and not _rival(found):
            proposal.accepted, proposal.how = found[0], "confident match"
        out.append(proposal)
    return out


def arxiv_doi(pub: Publication) -> str | None:
    """The DOI of a preprint with an arXiv id: ``10.48550/arXiv.<id>`` (without version),
    which arXiv registers at DataCite for every paper. None for other kinds: a conference
    paper's arXiv id names its preprint, whose DOI is not the paper's."""
    if pub.kind != "preprint" or not pub.arxiv:
        return None
    ident = work_arxiv(pub)
    return f"{ARXIV_PREFIX}{ident}" if ident else None


def _rival(found: list[Candidate]) -> bool:
    """True if a second confident candidate with another DOI is about as good (a preprint
    and its journal version): then the user chooses."""
    return len(found) > 1 and found[1].confident and found[0].score - found[1].score < 0.05


def compare(loaded: LoadedProfile, client: Client) -> list[Difference]:
    """Fields of publications with a DOI that their registry gives otherwise."""
    out = []
    for pub in loaded.profile.publications:
        if not pub.doi:
            continue
        found = lookup(client, pub.doi)
        where = str(loaded.where_is(pub))
        if found is None:
            out.append(Difference(pub.id, where, "doi", pub.doi, "(unknown)", "Crossref, doi.org"))
            continue
        ours: dict[str, object] = {
            "title": pub.title,
            "year": pub.year,
            "venue": pub.venue,
            "volume": pub.volume,
            "issue": pub.issue,
            "pages": pub.pages,
            "authors": len(pub.authors),
        }
        theirs: dict[str, object] = {
            "title": found.title,
            "year": found.year,
            "venue": found.fields.get("venue"),
            "volume": found.fields.get("volume"),
            "issue": found.fields.get("issue"),
            "pages": found.fields.get("pages"),
            "authors": len(found.fields.get("authors", [])) or None,
        }
        for key, value in theirs.items():
            mine = ours[key]
            if value is None or mine is None:
                continue
            same = (
                match_key(str(mine)) == match_key(str(value))
                if isinstance(value, str)
                else mine == value
            )
            if not same:
                out.append(Difference(pub.id, where, key, str(mine), str(value), found.source))
    return out


def write_dois(loaded: LoadedProfile, proposals: list[Proposal]) -> Outcome:
    """Add the accepted DOIs to the user's files: one ``doi:`` line in each entry, above
    its first key that stands on a line of its own. Every changed file is checked to read
    back with the new DOI before any file is written; written atomically."""
    # lazy: atomic loads only when this runs
    from grantdocs.atomic import write_text

    outcome = Outcome()
    files = {display_path(f): f for f in loaded.files}
    edits: dict[Path, list[tuple[int, str, str]]] = {}
    for proposal in proposals:
        if proposal.accepted is None:
            continue
        pub = next(p for p in loaded.profile.publications if p.id == proposal.id)
        path = loaded.path_of(pub)
        placed = False
        for key in ANCHOR_KEYS:
            location = loaded.positions.nearest((*path, key), key=True)
            if location is None or location.file not in files or not location.line:
                continue
            target = files[location.file]
            line = target.read_text(encoding="utf-8").splitlines()[location.line - 1]
            indent = line[: location.column - 1]
            if indent.strip() or not line[location.column - 1 :].startswith(f"{key}:"):
                continue
            edits.setdefault(target, []).append((location.line, indent, proposal.accepted.doi))
            placed = True
            break
        if not placed:
            outcome.by_hand.append(f'{proposal.id}: add  doi: "{proposal.accepted.doi}"')
    texts = {}
    for target, inserts in edits.items():
        lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
        for number, indent, doi in sorted(inserts, reverse=True):
            lines.insert(number - 1, f'{indent}doi: "{_escape(doi)}"\n')
        text = "".join(lines)
        try:
            load_yaml(text, display_path(target))
        except YamlProblems as exc:  # pragma: no cover - an inserted line breaks nothing
            raise ProfileError(
                f"{display_path(target)}: adding DOIs would break it", exc.problems
            ) from None
        texts[target] = (text, len(inserts))
    for target, (text, count) in texts.items():
        write_text(target, text)
        outcome.changed.append(target)
        outcome.added += count
    return outcome


def _escape(doi: str) -> str:
    return re.sub(r'(["\\])', r"\\\1", doi)

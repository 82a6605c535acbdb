"""The text ``grantdocs validate`` prints about a valid profile."""

from __future__ import annotations

from collections import Counter
from typing import Any

from grantdocs.paths import display_path
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.placeholders import placeholders
from grantdocs.profile.records import LIST_SECTIONS, Profile, dump
from grantdocs.profile.yamlpos import format_path


def summarise(loaded: LoadedProfile) -> str:
    """Counts per section, date range, languages, missing translations and DOIs."""
    p = loaded.profile
    name = f"{p.person.given_names} {p.person.family_name}"
    lines = [f"{display_path(loaded.path)}: valid profile of {name}"]
    if len(loaded.files) > 1:
        lines.append("  files: " + ", ".join(display_path(f) for f in loaded.files))
    for section in LIST_SECTIONS:
        entries = getattr(p, section)
        if entries:
            lines.append(f"  {section.replace('_', ' ')}: {len(entries)}")
    supervision = _supervision(p)
    if supervision:
        lines.append(supervision)
    if p.patents:
        members = sum(len(f.members) for f in p.patents)
        lines.append(f"  patent members (national filings): {members}")
    kinds = Counter(pub.kind for pub in p.publications)
    if kinds:
        lines.append(
            "  publications by kind: "
            + ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in sorted(kinds.items()))
        )
    leading = sum(1 for pr in p.projects if pr.leading_role)
    if p.projects:
        lines.append(f"  projects with a leading role: {leading}")
    years = [pub.year for pub in p.publications if pub.year is not None]
    if years:
        undated = len(p.publications) - len(years)
        without = f" ({undated} without a year)" if undated else ""
        lines.append(f"  publication years: {min(years)}–{max(years)}{without}")
    langs = sorted(_languages(p))
    lines.append("  languages in texts: " + (", ".join(langs) if langs else "plain text only"))
    missing = [
        path
        for path, have in _bilingual_fields(dump(p), ())
        if set(p.languages) - have
    ]
    if missing:
        lines.append(
            f"  texts lacking a declared language ({', '.join(p.languages)}): {len(missing)}"
        )
        lines += [f"    {m}" for m in missing[:10]]
        if len(missing) > 10:
            lines.append(f"    ... and {len(missing) - 10} more")
    no_doi = [pub.id for pub in p.publications if not pub.doi]
    if no_doi:
        lines.append(f"  publications without DOI: {len(no_doi)} of {len(p.publications)}")
    left = placeholders(loaded)
    if left:
        lines.append(
            f"  example values of 'grantdocs init' left: {len(left)} (replace or delete them; "
            "build refuses while one would reach a document)"
        )
        lines += [f"    {item}" for item in left]
    return "\n".join(lines)


def _supervision(p: Profile) -> str:
    """``  supervision: phd 32, master 40+ (since 2017); named cases: 3``, or "" if none."""
    s = p.supervision
    parts = []
    if s.counts:
        counts = ", ".join(
            f"{c.level.replace('_', ' ')} {c.count}{'+' if c.at_least else ''}" for c in s.counts
        )
        parts.append(counts + (f" (since {s.since})" if s.since else ""))
    if s.cases:
        parts.append(f"named cases: {len(s.cases)}")
    if not parts and s.summary:
        parts.append("a summary text only")
    return "  supervision: " + "; ".join(parts) if parts else ""


def _languages(p: Profile) -> set[str]:
    found: set[str] = set()
    for _path, have in _bilingual_fields(dump(p), ()):
        found |= have
    return found


def _bilingual_fields(value: Any, path: tuple[Any, ...]) -> list[tuple[str, set[str]]]:
    """Every ``{lang: text}`` mapping in the dumped profile, with its path and languages."""
    out: list[tuple[str, set[str]]] = []
    if isinstance(value, dict):
        if value and all(
            isinstance(k, str) and len(k) == 2 and isinstance(v, str) for k, v in value.items()
        ):
            out.append((_fmt(path), set(value)))
            return out
        for k, v in value.items():
            out += _bilingual_fields(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _bilingual_fields(v, (*path, i))
    return out


def _fmt(path: tuple[Any, ...]) -> str:
    return format_path(path)

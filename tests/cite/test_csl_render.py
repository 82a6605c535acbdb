"""The marked text of the CSL processor as runs (cite/csl_render.py)."""

from __future__ import annotations

import random
import re

from grantdocs.cite.csl_render import (
    BOLD_END,
    BOLD_START,
    ITALIC_END,
    ITALIC_START,
    OWNER_END,
    OWNER_START,
    SMALL_CAPS_END,
    SMALL_CAPS_START,
    to_segments,
)
from grantdocs.cite.rich import Segment


def test_a_period_after_a_marked_title_ending_in_one_is_folded_as_in_plain_text() -> None:
    """citeproc-py folds 'Title.' + '. ' by the text before it, which the marks hide."""
    from grantdocs.cite.csl_render import ITALIC_END, ITALIC_START, to_segments

    for end in (".", "?", "!"):
        marked = f"Kassung, C. {ITALIC_START}Genese{end}{ITALIC_END}. Vortrag. A.. B"
        text = "".join(s.text for s in to_segments(marked, []))
        assert text == f"Kassung, C. Genese{end} Vortrag. A.. B"


def _per_character(
    marked: str, spans: list[tuple[int, int]], links_for: dict[str, str]
) -> tuple[Segment, ...]:
    """The runs of ``marked`` worked out one character at a time: the plain definition
    ``to_segments`` must agree with (it works on stretches of text between marks)."""
    chars: list[str] = []
    flags: list[tuple[bool, bool, bool]] = []
    italic = bold = caps = span_at = 0
    crossed = False
    for index, char in enumerate(marked):
        mark = "\ue000" <= char <= "\ue01f"
        if mark:
            crossed = True
        elif char == "." and crossed and chars and chars[-1] in ".?!":
            continue
        else:
            crossed = False
        italic += {ITALIC_START: 1, ITALIC_END: -1}.get(char, 0)
        bold += {BOLD_START: 1, BOLD_END: -1}.get(char, 0)
        caps += {SMALL_CAPS_START: 1, SMALL_CAPS_END: -1}.get(char, 0)
        if not mark:
            while span_at < len(spans) and spans[span_at][1] <= index:
                span_at += 1
            owner = span_at < len(spans) and spans[span_at][0] <= index < spans[span_at][1]
            chars.append(char)
            flags.append((bold > 0 or owner, italic > 0, caps > 0))
    text = "".join(chars)
    links: list[str | None] = [None] * len(text)
    for found in re.finditer(r"https?://[^\s<>\"\ue000-\ue01f]*[^\s<>\"\ue000-\ue01f.,;:)\]]", text):
        links[found.start() : found.end()] = [found.group()] * len(found.group())
    doi = r"(?<![/\w.])10\.\d{4,9}/[^\s<>\"\ue000-\ue01f]*[^\s<>\"\ue000-\ue01f.,;:)\]]"
    for found in re.finditer(doi, text):
        if links[found.start()] is None:
            links[found.start() : found.end()] = [f"https://doi.org/{found.group()}"] * len(
                found.group()
            )
    for shown, url in links_for.items():
        at = text.casefold().find(shown.casefold())
        if at >= 0 and links[at] is None:
            links[at : at + len(shown)] = [url] * len(shown)
    segments: list[Segment] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or (flags[index], links[index]) != (flags[start], links[start]):
            (b, i, c), link = flags[start], links[start]
            segments.append(Segment(text[start:index], b, i, link, c))
            start = index
    return tuple(segments)


def test_runs_agree_with_the_per_character_definition_on_random_marked_text() -> None:
    """Stretches of text, marks (small caps too), folded periods, owner spans (overlapping
    too), URLs, DOIs and an arXiv id: the same runs as worked out one character at a time."""
    rng = random.Random(18)
    alphabet = [
        "a", "B", ".", "?", "!", " ", ITALIC_START, ITALIC_END, BOLD_START, BOLD_END,
        SMALL_CAPS_START, SMALL_CAPS_END, OWNER_START, OWNER_END, "\ue005",
        "https://x.org/a ", "10.1234/ab. ", "arXiv:1",
    ]  # fmt: skip
    differing = 0
    for _ in range(2000):
        marked = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        starts = rng.sample(range(40), rng.randint(0, 3))
        spans = sorted((a, a + rng.randint(0, 8)) for a in starts)
        links = {"arxiv:1": "https://arxiv.org/abs/1"} if rng.random() < 0.3 else {}
        mine, plain = to_segments(marked, spans, links), _per_character(marked, spans, links)
        assert "".join(s.text for s in mine) == "".join(s.text for s in plain), marked
        differing += mine != plain
    assert differing == 0



def test_a_period_after_a_marked_title_ending_in_one_is_folded_as_in_plain_text() -> None:
    """citeproc-py folds 'Title.' + '. ' by the text before it, which the marks hide."""
    from grantdocs.render.cite.csl_render import ITALIC_END, ITALIC_START, to_segments

    for end in (".", "?", "!"):
        marked = f"Kassung, C. {ITALIC_START}Genese{end}{ITALIC_END}. Vortrag. A.. B"
        text = "".join(s.text for s in to_segments(marked, []))
        assert text == f"Kassung, C. Genese{end} Vortrag. A.. B"

"""One home for preparing a document: languages, choices, the prepared context."""

from __future__ import annotations

import pytest

from grantdocs.errors import FormatError
from grantdocs.formats.registry import load_format
from grantdocs.l10n.language import Language
from grantdocs.prepare import prepare, select_slots
from grantdocs.profile.load import LoadedProfile
from tests.conftest import AS_OF


@pytest.mark.parametrize(
    ("text", "codes"), [("de", ("de",)), ("de+en", ("de", "en")), (" en + de ", ("en", "de"))]
)
def test_languages_parse(text: str, codes: tuple[str, ...]) -> None:
    assert Language.parse(text).codes == codes


@pytest.mark.parametrize("text", ["de+de", "+", "", "de+", "+en", "de+en+fr"])
def test_malformed_languages_are_user_errors(text: str) -> None:
    with pytest.raises(FormatError):
        Language.parse(text)


def test_prepare_selects_once_and_the_context_agrees(bundled: LoadedProfile) -> None:
    fmt = load_format("dfg-cv")
    prepared = prepare(fmt, Language("de"), bundled, AS_OF)
    selections = select_slots(fmt, bundled, AS_OF)
    assert set(prepared.selections) == set(selections) == set(fmt.spec.slots)
    for name, sel in selections.items():
        assert [e.id for e in prepared.selections[name].kept if getattr(e, "id", None)] == [
            e.id for e in sel.kept if getattr(e, "id", None)
        ]
        assert prepared.context["slots"][name]["count"] == len(sel.kept)
    assert prepared.title.startswith("Lebenslauf (DFG) – ")
    assert prepared.locale == "de_DE"

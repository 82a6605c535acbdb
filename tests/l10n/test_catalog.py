"""The catalogs are complete, compiled and in step with the labels in code and templates."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from grantdocs.l10n import labels
from grantdocs.l10n.catalog import (
    POT_FILE,
    _messages,
    mo_file,
    mo_messages,
    package_languages,
    po_file,
    translations,
)
from grantdocs.profile.model import PatentMember, Project, Publication
from grantdocs.profile.records import PublicationKind, SupervisionLevel
from tests.fresh import loaded_below

ROOT = Path(__file__).resolve().parents[2]
HOW_TO = "see CONTRIBUTING.md, section Translations"

MessageKey = tuple[str | None, Any]


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_mo(f) if path.suffix == ".mo" else read_po(f)


def compiled_messages(catalog: Catalog) -> dict[MessageKey, Any]:
    """What ``pybabel compile`` puts into a .mo: translated, non-fuzzy messages."""
    return {(m.context, m.id): m.string for m in catalog if m.id and m.string and not m.fuzzy}


def pot_ids() -> set[MessageKey]:
    return {(m.context, m.id) for m in read(POT_FILE) if m.id}


def test_every_message_has_a_german_translation() -> None:
    german = read(po_file("de"))
    missing = []
    for context, msgid in sorted(pot_ids(), key=str):
        message = german.get(msgid, context)
        if message is None or not message.string or message.fuzzy:
            missing.append(msgid)
    assert not missing, f"German translation missing or fuzzy ({HOW_TO}): {missing}"


def test_package_languages_are_read_from_the_locale_folder() -> None:
    assert package_languages() == ("de", "en")


@pytest.mark.parametrize("lang", package_languages())
def test_every_catalog_lists_every_message(lang: str) -> None:
    listed = {(m.context, m.id) for m in read(po_file(lang)) if m.id}
    missing = pot_ids() - listed
    assert not missing, f"{po_file(lang).name} ({lang}) needs pybabel update ({HOW_TO})"


@pytest.mark.parametrize("lang", package_languages())
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    source = compiled_messages(read(po_file(lang)))
    compiled = compiled_messages(read(mo_file(lang)))
    assert compiled == source, f"{mo_file(lang)} is stale: run pybabel compile ({HOW_TO})"


def extracted_ids() -> set[MessageKey]:
    """Message ids found by the extraction that CONTRIBUTING.md documents."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, "babel.cfg")  # type: ignore[no-untyped-call]
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS)
    return {(context, msgid) for _file, _line, msgid, _comments, context in found}


def test_template_lists_exactly_the_extracted_messages() -> None:
    extracted, pot = extracted_ids(), pot_ids()
    assert extracted - pot == set(), f"new labels are not in grantdocs.pot ({HOW_TO})"
    assert pot - extracted == set(), f"grantdocs.pot lists labels no longer used ({HOW_TO})"


def literal_values(model: Any, field: str) -> set[str]:
    return set(get_args(model.model_fields[field].annotation))


@pytest.mark.parametrize(
    ("mapping", "values"),
    [
        (labels.PUBLICATION_KIND_HEADINGS, set(get_args(PublicationKind))),
        (labels.SUPERVISION_LEVEL_LABELS, set(get_args(SupervisionLevel))),
        (labels.PUBLICATION_STATUS_LABELS, literal_values(Publication, "status")),
        (labels.PATENT_STATUS_LABELS, literal_values(PatentMember, "status")),
        (labels.PROJECT_STATUS_LABELS, literal_values(Project, "status")),
    ],
    ids=["publication-kind", "supervision-level", "publication-status", "patent", "project"],
)
def test_every_model_value_has_a_label(mapping: Any, values: set[str]) -> None:
    assert set(mapping) == values


def test_catalog_is_loaded_once_per_language() -> None:
    assert translations("de") is translations("de")
    assert translations("de") is not translations("en")


def test_language_without_catalog_is_rejected() -> None:
    with pytest.raises(ValueError):
        translations("fr")


# --- compiled catalogs read without babel --------------------------------------------------


def babel_messages(data: bytes) -> dict[str, str]:
    """What the catalog module kept of a .mo when babel read it."""
    return _messages(read_mo(io.BytesIO(data)))


def mo_bytes(entries: list[tuple[bytes, bytes]], order: str = "<") -> bytes:
    """A .mo of ``entries`` (raw id, raw string) in this order, duplicates and all, in the
    byte order ``order`` (what msgfmt writes, without its hash table)."""
    ids_at, strings_at = 28, 28 + 8 * len(entries)
    data_at = strings_at + 8 * len(entries)
    tables, blob = [b"", b""], b""
    for column, index in ((0, 0), (1, 1)):
        for entry in entries:
            text = entry[index] + b"\0"
            tables[column] += struct.pack(order + "II", len(text) - 1, data_at + len(blob))
            blob += text
    header = struct.pack(order + "Iiiiiii", 0x950412DE, 0, len(entries), ids_at, strings_at, 0, 0)
    return header + tables[0] + tables[1] + blob


@pytest.mark.parametrize("lang", package_languages())
def test_the_package_catalogs_read_without_babel_as_with_it(lang: str) -> None:
    data = mo_file(lang).read_bytes()
    assert mo_messages(data) == babel_messages(data)
    assert len(mo_messages(data)) > 100


_TEXT = st.text(alphabet="aäb é€\n\"'%", max_size=6)
_ENTRY = st.tuples(
    st.one_of(st.none(), st.sampled_from(["", "menu", "Ä"])),  # context
    st.sampled_from(["Doctorate", "Patent", "Ä", "x y", "%s"]) | _TEXT,  # id
    st.one_of(st.none(), _TEXT),  # a plural's second id
    st.lists(_TEXT, min_size=1, max_size=3),  # translation(s)
)


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(_ENTRY, max_size=8),
    charset=st.sampled_from(["utf-8", "UTF-8", "latin-1", "cp1252", None, "CHARSET"]),
    order=st.sampled_from(["<", ">"]),
)
def test_a_compiled_catalog_reads_as_babel_reads_it(
    entries: list[tuple[str | None, str, str | None, list[str]]],
    charset: str | None,
    order: str,
) -> None:
    """Contexts, plurals, duplicates, empty translations, charsets and both byte orders:
    the same messages as babel's reader gives."""
    encoding = "utf-8" if charset in (None, "CHARSET") else charset.lower()
    content = "" if charset is None else f"Content-Type: text/plain; charset={charset}\n"
    header = f"Project-Id-Version: x 1\n{content}Plural-Forms: nplurals=2; plural=(n != 1);\n"
    raw = [(b"", header.encode())]
    for context, msgid, plural, strings in entries:
        text = msgid if plural is None else f"{msgid}\0{plural}"
        if context is not None:
            text = f"{context}\x04{text}"
        translation = strings[0] if plural is None else "\0".join(strings)
        try:
            raw.append((text.encode(encoding), translation.encode(encoding)))
        except UnicodeEncodeError:
            continue
    data = mo_bytes(raw, order)
    assert mo_messages(data) == babel_messages(data)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"\x00" * 40, ValueError),  # no magic number
        (mo_bytes([(b"", b"Content-Type: text/plain; charset=utf-8\n")])[:30], struct.error),
        (mo_bytes([(b"", b"Content-Type: text/plain; charset=bogus-xyz\n")]), LookupError),
        (mo_bytes([(b"", b""), (b"\xff", b"x")]), UnicodeDecodeError),
    ],
)
def test_a_damaged_compiled_catalog_is_an_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        mo_messages(data)
    with pytest.raises(Exception):  # noqa: B017 - babel's reader refuses it too
        babel_messages(data)


def test_the_labels_are_read_without_loading_babels_catalogs() -> None:
    """A document's labels come from the package's compiled catalog without babel.messages
    (which loads the email parser); a format's .po still reads through it."""
    code = (
        "from grantdocs.l10n.formatting import Localizer\n"
        "assert Localizer('de').gettext('Personal Data') == 'Persönliche Daten'\n"
    )
    assert loaded_below(code, "babel.messages", "email") == []


def test_a_formats_po_is_read_once_then_from_the_cache(tmp_path: Path) -> None:
    """A format's .po is parsed by babel once; later processes read the same strings from the
    user cache without babel.messages; an edit to the .po is read anew."""
    locale = tmp_path / "locale"
    po = po_file("fr", locale)
    po.parent.mkdir(parents=True)
    source = (ROOT / "templates" / "publication-list" / "locale" / "fr" / "LC_MESSAGES").joinpath(
        "grantdocs.po"
    )
    po.write_bytes(source.read_bytes())
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from grantdocs.l10n.catalog import translations\n"
        f"strings = dict(translations('fr', [Path({str(locale)!r})]).strings)\n"
        "loaded = any(m.startswith('babel.messages') for m in sys.modules)\n"
        "print(json.dumps([loaded, strings]))\n"
    )
    env = {**os.environ, "GRANTDOCS_CACHE": str(tmp_path / "cache")}

    def run() -> tuple[bool, dict[str, str]]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        loaded, strings = json.loads(done.stdout)
        return loaded, strings

    first_loaded, first = run()
    again_loaded, again = run()
    assert first_loaded and not again_loaded
    assert again == first == _messages(read(po))
    assert first  # the format has French labels
    po.write_bytes(po.read_bytes().replace(b'msgstr "Titre"', 'msgstr "Intitulé"'.encode(), 1))
    edited_loaded, edited = run()
    assert edited_loaded and edited == _messages(read(po)) != first

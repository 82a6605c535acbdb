"""``grantdocs serve`` in a real browser (Debian's chromium, driven by Playwright): the
overview, the DFG CV's page images, a pin that changes the document, German alone, a saved
edit that refreshes the page, an invalid edit shown on it, and a hostile title shown as text.

Screenshots of every step go to ``test-artifacts/serve/`` (``GRANTDOCS_SCREENSHOTS`` names
another folder); CI keeps that folder.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from grantdocs.profile.load import load_profile
from grantdocs.render.pdf import find_soffice
from tests.docx_read import open_docx, texts
from tests.serve.conftest import HOSTILE, WAIT, Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(
    os.environ.get("GRANTDOCS_SCREENSHOTS")
    or Path(__file__).parents[2] / "test-artifacts" / "serve"
)
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.libreoffice,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="chromium is not installed"),
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
]


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(WAIT * 1000)
            yield context.new_page()
        finally:
            browser.close()


def shot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def document_text(server: Server, lang: str) -> str:
    (path,) = (server.out / "dfg-cv" / lang).glob("*.docx")
    return " ".join(texts(open_docx(path)))


def title_of(server: Server, entry: str) -> str:
    pubs = load_profile(server.profile).profile.publications
    (found,) = (p for p in pubs if p.id == entry)
    title: Any = found.title
    return str(title if isinstance(title, str) else next(iter(title.values())))


def saved(server: Server) -> Any:
    """The choices file the page wrote, as YAML data."""
    return yaml.safe_load((server.profile.parent / "choices.yaml").read_text(encoding="utf-8"))


def images_loaded(page: Page, pane: str) -> list[int]:
    """Natural widths of a pane's page images (0: not loaded)."""
    widths: list[int] = page.eval_on_selector_all(
        f'section.pane[data-lang="{pane}"] img.page', "els => els.map(e => e.naturalWidth)"
    )
    return widths


def test_the_page_in_a_browser(server: Server, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append("dialog: " + dialog.message))

    # the overview: who, every document with its pages against the limit, what to fix
    page.goto(server.url)
    assert page.inner_text("h1") == "Sebastian Lapuschkin"
    rows = page.locator("table.documents tr").all_inner_texts()
    assert len([r for r in rows if "dfg-cv" in r]) == 2
    assert all(re.search(r"\b\d+ of at most 4\b", r) for r in rows if "dfg-cv" in r)
    assert "have no DOI" in page.inner_text("ul.fixes")
    shot(page, "1-overview")

    # the DFG CV: German and English side by side, every page as an image
    page.click("text=Curriculum Vitae (DFG)")
    page.wait_for_selector("section.pane[data-lang=en] img.page")
    for lang in ("de", "en"):
        pages = int(page.inner_text(f'section.pane[data-lang="{lang}"] p.pages').split()[0])
        widths = images_loaded(page, lang)
        assert len(widths) == pages and all(w >= 500 for w in widths), (lang, widths)
    downloads = page.locator("section.pane[data-lang=en] p.downloads a").all_inner_texts()
    assert downloads == ["Download DOCX", "Download PDF"]
    shot(page, "2-document")
    SHOTS.joinpath("readme.png").unlink(missing_ok=True)
    page.screenshot(path=str(SHOTS / "readme.png"))  # the README's picture: the first screen

    # a hostile title is text on the page, and ran nothing
    row = page.locator('#slot-category_b tr[data-entry="hostile2024script"]')
    assert HOSTILE in row.inner_text()
    assert page.evaluate("typeof window.grantdocsPwned") == "undefined"

    # pin a work that was left out: the page, the choices file and the document change
    entry = "alber2019innvestigate"
    title = title_of(server, entry)
    assert title not in document_text(server, "en")
    before = page.get_attribute("section.pane[data-lang=en] img.page", "src")
    page.click(f'#slot-category_a tr[data-entry="{entry}"] button.pin')
    page.wait_for_selector(f'#slot-category_a tr.kept[data-entry="{entry}"]')
    page.wait_for_function(
        "src => document.querySelector('section.pane[data-lang=en] img.page')"
        ".getAttribute('src') !== src",
        arg=before,
    )
    assert saved(server)["formats"]["dfg-cv"]["pin"] == {"category_a": [entry]}
    assert title in document_text(server, "en")
    assert title in document_text(server, "de")
    shot(page, "3-pinned")

    # German alone
    page.click('#langs button:text-is("Deutsch")')
    page.wait_for_load_state()
    page.wait_for_selector("section.pane[data-lang=de] img.page")
    assert page.locator("section.pane").count() == 1
    assert page.inner_text("section.pane h2") == "Deutsch"
    assert saved(server)["formats"]["dfg-cv"]["lang"] == "de"
    shot(page, "4-german")

    # an edit saved in an editor rebuilds and refreshes the open page
    journals = server.profile.parent / "publications-journals.yaml"
    old = title_of(server, "bach2015pixel")
    new = old + " (edited in the editor)"
    text = journals.read_text(encoding="utf-8")
    assert text.count(old) == 1
    journals.write_text(text.replace(old, new), encoding="utf-8")
    page.wait_for_selector("text=(edited in the editor)")
    assert new in document_text(server, "de")
    shot(page, "5-edited")

    # an invalid edit: the problem with its file and line, the last good document stays
    profile_text = server.profile.read_text(encoding="utf-8")
    line = profile_text.splitlines().index("person:") + 1
    server.profile.write_text(profile_text.replace("\nperson:\n", "\npersn:\n"), "utf-8")
    page.wait_for_selector("#problem")
    problem = page.inner_text("#problem")
    assert f"profile.yaml:{line}:1" in problem and "persn" in problem
    assert images_loaded(page, "de") and all(w > 0 for w in images_loaded(page, "de"))
    assert new in document_text(server, "de")
    shot(page, "6-invalid-edit")
    server.profile.write_text(profile_text, "utf-8")
    page.wait_for_selector("#problem", state="detached")

    assert errors == []

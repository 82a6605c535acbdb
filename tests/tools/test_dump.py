"""The committed text dumps of the bundled templates: current, complete enough to review a
change, and blind to what Word rewrites on every save."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.shared import Cm
from tools.dump import (
    REGENERATE,
    bundled_templates,
    dump_path,
    dump_template,
    main,
    orphaned_dumps,
    stale_dumps,
    write_dumps,
)

from grantdocs.formats.registry import bundled_ids, load_format
from grantdocs.resources import templates_dir

TEMPLATES = bundled_templates()


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_every_bundled_formats_template_is_found() -> None:
    for name in bundled_ids():
        fmt = load_format(name)
        for lang in fmt.spec.languages:
            assert fmt.template_path(lang) in TEMPLATES, (name, lang)
    assert {p.suffix for p in TEMPLATES} == {".docx", ".xlsx"}


@pytest.mark.parametrize("template", TEMPLATES, ids=_id)
def test_the_committed_dump_is_the_templates(template: Path) -> None:
    shown = f"templates/{template.parent.name}/{template.name}"
    target = dump_path(template)
    assert target.is_file(), f"{target.name} is missing beside {shown}: run {REGENERATE}"
    committed = target.read_text(encoding="utf-8")
    assert committed == dump_template(template, shown), (
        f"{shown} changed since its dump was written: run {REGENERATE} and commit both"
    )


def test_every_dump_has_its_template() -> None:
    assert orphaned_dumps() == [], f"delete them or run {REGENERATE}"


def test_a_word_dump_shows_styles_page_tags_tables_and_footer() -> None:
    text = dump_template(templates_dir() / "dfg-cv" / "template.docx")
    assert "page 21.00 cm x 29.70 cm, portrait" in text
    assert "margins top 2.00 cm, right 2.00 cm, bottom 2.00 cm, left 2.00 cm" in text
    assert "\nNormal (paragraph): spacing before 0 pt, after 3 pt, line 1.2; font Arial; size 11 pt" in text
    assert '\np [Title] {{ _("Curriculum Vitae") }}\n' in text
    assert "table [Form Table]: columns 5.70 cm | 11.30 cm; width 17.00 cm" in text
    assert "      p [Table Text] {%tr if slots.studies.entries %}\n" in text
    assert "          <Strong> {{ e.period }}\n" in text
    assert "«PAGE»" in text and "«NUMPAGES»" in text
    assert "\nHyperlink (character): colour 0563C1; underline single\n" in text


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t.suffix == ".docx"], ids=_id)
def test_every_word_template_has_the_link_style(template: Path) -> None:
    text = dump_template(template)
    assert "\nHyperlink (character): " in text and "MISSING" not in text


def test_a_missing_link_style_is_named_in_the_dump(tmp_path: Path) -> None:
    path = _copy("erc-cv", tmp_path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    styles = parts["word/styles.xml"].decode("utf-8")
    assert 'w:styleId="Hyperlink"' in styles
    parts["word/styles.xml"] = styles.replace(
        'w:styleId="Hyperlink"', 'w:styleId="InternetLink"').encode("utf-8")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert "\nHyperlink: MISSING, no style has this id" in dump_template(path)


def test_an_excel_dump_shows_names_headers_formats_widths_and_lists() -> None:
    text = dump_template(templates_dir() / "horizon-europe-tables" / "template.xlsx")
    assert "name researchers = 'Researchers'!$A$3" in text
    assert '\nB2 "First name" | font (default) b; fill solid 00D9E1F2' in text
    assert "column F width 32" in text
    assert 'validation H3: list "\\"Leading,Team member\\""' in text
    assert "freeze panes at A3" in text
    grants = dump_template(templates_dir() / "erc-grants" / "template.xlsx")
    assert 'C4 "=SUM(C3:C3)"' in grants and 'format "#,##0.00 \\"€\\""' in grants


def _copy(name: str, tmp_path: Path) -> Path:
    source = templates_dir() / name / "template.docx"
    target = tmp_path / "template.docx"
    shutil.copy(source, target)
    return target


def test_a_changed_margin_or_text_changes_the_word_dump(tmp_path: Path) -> None:
    path = _copy("erc-cv", tmp_path)
    before = dump_template(path)
    doc = Document(str(path))
    doc.sections[0].left_margin = Cm(2.5)
    doc.paragraphs[0].runs[0].text = "{{ _('CV') }}"
    doc.save(str(path))
    after = dump_template(path)
    changed = set(after.splitlines()) - set(before.splitlines())
    assert any("left 2.50 cm" in line for line in changed), changed
    assert "p [Title] {{ _('CV') }}" in changed, changed


def test_what_word_rewrites_on_save_does_not_change_the_dump(tmp_path: Path) -> None:
    """Word splits runs, adds revision ids and reorders the package; none of it shows."""
    path = _copy("dfg-cv", tmp_path)
    before = dump_template(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    old = '<w:r><w:t>{{ _("Personal Data") }}</w:t></w:r>'
    assert old in xml
    split = ('<w:r w:rsidR="00A1B2C3"><w:rPr><w:lang w:val="de-DE"/></w:rPr>'
             '<w:t>{{ _("Personal</w:t></w:r>'
             '<w:bookmarkStart w:id="0" w:name="x"/><w:proofErr w:type="spellStart"/>'
             '<w:r w:rsidR="00D4E5F6"><w:rPr><w:rFonts w:hint="eastAsia"/><w:noProof/></w:rPr>'
             '<w:lastRenderedPageBreak/><w:t xml:space="preserve"> Data") }}</w:t></w:r>'
             '<w:proofErr w:type="spellEnd"/>')
    parts["word/document.xml"] = xml.replace(old, split, 1).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in reversed(list(parts)):
            package.writestr(name, parts[name])
    path.write_bytes(buffer.getvalue())
    assert dump_template(path) == before


def test_a_changed_width_or_header_changes_the_excel_dump(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    shutil.copy(templates_dir() / "erc-grants" / "template.xlsx", path)
    before = dump_template(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Grants"]
    sheet.column_dimensions["B"].width = 30
    sheet["B2"] = "Funder"
    workbook.save(path)
    changed = set(dump_template(path).splitlines()) - set(before.splitlines())
    assert "column B width 30" in changed, changed
    assert any(line.startswith('B2 "Funder" |') for line in changed), changed


def test_the_command_writes_stale_dumps_and_check_reports_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "templates"
    (root / "erc-grants").mkdir(parents=True)
    shutil.copy(templates_dir() / "erc-grants" / "template.xlsx", root / "erc-grants")
    monkeypatch.setenv("GRANTDOCS_HOME", str(tmp_path))
    from grantdocs.resources import project_root

    project_root.cache_clear()
    try:
        (root / "erc-grants" / "~$mplate.xlsx").write_bytes(b"Word's owner file")
        assert stale_dumps(root) == [root / "erc-grants" / "template.xlsx"]
        assert main(["--check"]) == 1
        assert REGENERATE in capsys.readouterr().err
        assert main([]) == 0
        assert "templates/erc-grants/template.dump.txt" in capsys.readouterr().out
        assert main(["--check"]) == 0
        assert write_dumps(root) == []
        orphan = root / "erc-grants" / "old.dump.txt"
        orphan.write_text("# a template renamed away\n", encoding="utf-8")
        assert orphaned_dumps(root) == [orphan]
        assert main(["--check"]) == 1
        assert "without a template: templates/erc-grants/old.dump.txt" in capsys.readouterr().out
        assert main([]) == 0 and not orphan.exists()
        assert "deleted templates/erc-grants/old.dump.txt" in capsys.readouterr().out
        written = (root / "erc-grants" / "template.dump.txt").read_text(encoding="utf-8")
        assert written.startswith("# templates/erc-grants/template.xlsx: ")
        assert main(["--bogus"]) == 2
        capsys.readouterr()
        assert main([str(root / "erc-grants" / "template.xlsx")]) == 0
        assert capsys.readouterr().out == dump_template(root / "erc-grants" / "template.xlsx")
        (root / "broken.docx").write_bytes(b"not a zip")
        assert main([str(root / "broken.docx")]) == 1
        assert "broken.docx: cannot dump this file" in capsys.readouterr().err
    finally:
        project_root.cache_clear()

"""``grantdocs serve --team``: the members with their status and documents, and the team
documents, over a copy of the bundled example team with one member's profile broken."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest

from grantdocs.render.pdf import find_soffice
from grantdocs.resources import default_profile
from tests.serve.conftest import start_server


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_team_overview(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(default_profile().parents[1], profiles)
    broken = profiles / "example-team" / "beispiel" / "profile.yaml"
    text = broken.read_text(encoding="utf-8")
    line = text.splitlines().index("person:") + 1
    broken.write_text(text.replace("\nperson:\n", "\npersn:\n", 1), encoding="utf-8")
    team = profiles / "example-team" / "team.yaml"
    server = start_server(
        tmp_path, hostile=False, target=("dfg-cv", "team-publication-list", "--team", str(team))
    )
    try:
        server.wait_built()
        status, page = server.get("/")
        assert status == 200
        members = re.findall(r'<tr class="(built|failed)"><td>([^<]+)</td>', page)
        assert [name for _status, name in members][:2] == [
            "Sebastian Lapuschkin",
            "Erika Musterfrau",
        ]
        assert [s for s, _n in members] == ["built", "built", "failed", "built"]
        assert f"beispiel/profile.yaml:{line}:1" in page
        for who in ("Lapuschkin", "Musterfrau", "Exempel"):
            assert f'href="/doc/dfg-cv?member={who}"' in page
        assert "Beispiel</td>" not in page  # the failed member has no documents
        assert page.count('href="/doc/team-publication-list"') == 2  # de and en
        assert "whole team" in page
        status, member_page = server.get("/doc/dfg-cv?member=Musterfrau")
        assert status == 200 and 'img class="page"' in member_page
        assert "read-only" not in member_page  # a copy, not the bundled example: editable
        assert 'class="pin"' in member_page
        kept = re.search(r'<tr class="kept" data-entry="([^"]+)">', member_page)
        assert kept is not None
        form = {
            "token": server.token("/doc/dfg-cv?member=Musterfrau"),
            "action": "exclude",
            "format": "dfg-cv",
            "member": "Musterfrau",
            "entry": kept.group(1),
        }
        assert server.post("/decide", urlencode(form).encode()) == 200
        choices = (profiles / "example-team" / "musterfrau" / "choices.yaml").read_text()
        assert f"- {kept.group(1)}" in choices
        # the team file's exclude for a member holds on the page as in the build
        exempel = server.get("/doc/dfg-cv?member=Exempel")[1]
        assert '<tr class="left" data-entry="exempel2019thesis">' in exempel
        assert '<tr class="kept" data-entry="exempel2019thesis">' not in exempel
        status, team_page = server.get("/doc/team-publication-list")
        assert status == 200 and 'img class="page"' in team_page
    finally:
        assert server.stop() == 0

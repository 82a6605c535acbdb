"""Rebuild when a file of the profile (or team), a format or a template is saved.

The files are those ``build --watch`` follows (``grantdocs.watch.watched``), plus the
team file; ``choices.yaml`` is one of them (a YAML file beside the profile), so a hand edit
of the decisions rebuilds too, but the server's own writes of it do not rebuild twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from grantdocs.serve.workspace import Workspace
from grantdocs.watch import Watched, watched

if TYPE_CHECKING:
    from watchfiles import Change

STEP_MS = 400
"""How often the watcher looks at its stop flag."""


class Watcher:
    """A thread that calls ``workspace.rebuild()`` after a relevant change."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.ignored: dict[Path, bytes] = {}
        """A file -> the bytes the server wrote there itself (not a change to rebuild for)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="grantdocs-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)

    def written(self, path: Path) -> None:
        """The server wrote ``path`` itself: a change to exactly these bytes is no edit."""
        try:
            self.ignored[path.resolve()] = path.read_bytes()
        except OSError:
            self.ignored.pop(path.resolve(), None)

    def files(self, previous: Watched | None) -> Watched:
        """The files the documents depend on now."""
        t = self.workspace.target
        profiles: list[Path] = []
        team_file: Path | None = None
        if t.team is not None:
            # lazy: team.load loads only when this runs
            from grantdocs.errors import GrantdocsError
            from grantdocs.team.load import load_team

            try:
                team = load_team(t.team)
                team_file = team.path
                profiles = [m.profile for m in team.members]
            except GrantdocsError:
                team_file = t.team if t.team.is_file() else None
                profiles = sorted(previous.profile_files) if previous else []
        elif t.profile is not None:
            profiles = [t.profile]
        names = list(t.formats) or self.workspace.search.ids()
        found = watched(profiles, names, previous, self.workspace.search)
        if team_file is not None:
            found.profile_files.add(team_file.resolve())
        return found

    def _relevant(self, files: Watched, changed: set[Path]) -> bool:
        fresh = set()
        for path in changed:
            mine = self.ignored.get(path.resolve())
            try:
                now = path.read_bytes() if mine is not None else None
            except OSError:
                now = None
            if mine is None or now != mine:
                fresh.add(path)
        every, formats = files.affected(fresh)
        return every or bool(formats)

    def _loop(self) -> None:
        # lazy: watchfiles loads only when this runs
        import watchfiles

        files = self.files(None)
        while not self._stop.is_set():
            folders = sorted(str(f) for f in files.folders() if f.is_dir())
            if not folders:
                self._stop.wait(1)
                continue
            for changes in watchfiles.watch(
                *folders,
                watch_filter=_filter(files),
                recursive=False,
                stop_event=self._stop,
                rust_timeout=STEP_MS,
                yield_on_timeout=True,
            ):
                if not changes:
                    continue
                if self._relevant(files, {Path(p) for _kind, p in changes}):
                    self.workspace.rebuild()
                    files = self.files(files)  # an include added by the edit is followed
                    break


def _filter(files: Watched) -> Callable[[Change, str], bool]:
    """A watchfiles filter passing only the files the documents depend on."""

    def relevant(_change: Change, path: str) -> bool:
        every, formats = files.affected([Path(path)])
        return every or bool(formats)

    return relevant

"""What the server shows: the last good build of a profile (or team), rebuilt in one
background thread when a decision is saved or a watched file changes.

The build is ``grantdocs.build.build_all`` (with PDFs and page counts where LibreOffice is
installed); the page images come from ``images``. A build that fails on a user's mistake
keeps the last good documents and records the message, so the page can show both.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import msgspec
from msgspec import Struct, field

from grantdocs.build import BuildOptions, BuildResult, DocumentReport, build_all
from grantdocs.errors import GrantdocsError
from grantdocs.formats.registry import FormatSearchPath, default_search_path
from grantdocs.profile.records import today
from grantdocs.render import pdf
from grantdocs.select.choices_file import saved_as_of
from grantdocs.serve import images

PAGES_FOLDER = ".pages"
"""Below the output folder: the page images, one folder a document."""


class Target(Struct, frozen=True):
    """What the server was started on: one profile, or a team file."""

    profile: Path | None = None
    team: Path | None = None
    formats: tuple[str, ...] = ()
    out: Path = Path("output")
    search: FormatSearchPath | None = None


class Snapshot(Struct):
    """One finished build, as the pages show it."""

    result: BuildResult
    as_of: dt.date
    images: dict[Path, list[Path]] = field(default_factory=dict)
    """A document's path -> its page images."""
    seconds: float = 0.0


class Workspace:
    """The server's state: the last good build, the last error, and the builder thread."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.out = target.out.resolve()
        self.snapshot: Snapshot | None = None
        self.error: str | None = None
        self.generation = 0
        """Counts finished builds (good or failed): the page reloads when it changes."""
        self.building = False
        self._lock = threading.Lock()
        self._wanted = threading.Event()
        self._formats: set[str] | None = None
        """The formats a person's next build may be limited to (None: every one)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="grantdocs-build", daemon=True)
        self.pdf = pdf.find_soffice() is not None
        self.page_images = images.find_pdftoppm() is not None

    @property
    def search(self) -> FormatSearchPath:
        return self.target.search or default_search_path()

    def start(self) -> None:
        """Start the builder; the first build begins at once."""
        self._wanted.set()
        self._thread.start()

    def rebuild(self, format_id: str | None = None) -> None:
        """Ask for a new build (several requests while one runs make one more build); with
        ``format_id``, of that format's documents only, where the others cannot change
        (one profile, a decision about that format)."""
        with self._lock:
            if format_id is None:
                self._formats = None
            elif self._formats is not None or not self._wanted.is_set():
                self._formats = {*(self._formats or ()), format_id}
        self._wanted.set()

    def stop(self, wait: float = 10.0) -> None:
        """End the builder and every LibreOffice and pdftoppm it runs."""
        self._stop.set()
        self._wanted.set()
        pdf.stop_all()  # LibreOffice and pdftoppm
        if self._thread.is_alive():
            self._thread.join(wait)
        pdf.stop_all()  # LibreOffice and pdftoppm

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def wait_idle(self, generation: int, timeout: float) -> bool:
        """Wait until a build after ``generation`` has finished (for tests and benchmarks)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.generation > generation and not self.building:
                return True
            time.sleep(0.05)
        return False

    def options(self) -> BuildOptions:
        """The build the server runs."""
        t = self.target
        return BuildOptions(
            formats=t.formats,
            profiles=[t.profile] if t.profile is not None and t.team is None else [],
            team=t.team,
            out=self.out,
            search=t.search,
            pdf=self.pdf,
            details=True,
            allow_examples=True,  # the page lists example texts left, as things to fix
            workers=1,  # the server's own threads stay responsive
        )

    def as_of(self) -> dt.date:
        """The date the build counts from: the team's, the saved one, or today."""
        if self.target.team is not None:
            # lazy: team.load loads only when this runs
            from grantdocs.team.load import load_team

            return load_team(self.target.team).team.as_of or today()
        assert self.target.profile is not None
        return saved_as_of(self.target.profile) or today()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wanted.wait()
            if self._stop.is_set():
                return
            with self._lock:
                self._wanted.clear()
                formats, self._formats = self._formats, None
            self.building = True
            try:
                self._build(formats)
            finally:
                self.building = False

    def _build(self, formats: set[str] | None = None) -> None:
        """Build, and keep the result with its page images; ``formats``: only those
        formats' documents are rebuilt, the others' kept from the last good build."""
        started = time.monotonic()
        previous = self.snapshot
        if previous is None or self.error is not None or self.target.team is not None:
            formats = None
        options = self.options()
        if formats is not None:
            options = msgspec.structs.replace(options, formats=sorted(formats))
        try:
            as_of = self.as_of()
            result = build_all(options)
        except GrantdocsError as exc:
            with self._lock:
                self.error = exc.render()
                self.generation += 1
            return
        except Exception as exc:  # a bug: shown on the page instead of ending the server
            # lazy: traceback loads only when this runs
            import traceback

            with self._lock:
                self.error = "internal error: this is a bug in grantdocs\n" + "".join(
                    traceback.format_exception(exc)
                )
                self.generation += 1
            return
        shots: dict[Path, list[Path]] = {}
        if formats is not None and previous is not None:
            result, shots = _merged(previous, result, formats)
        for report in result.reports:
            if report.path in shots:
                continue
            if self._stop.is_set():
                return
            if report.error is None and report.pages is not None:
                shots[report.path] = images.page_images(
                    report.path.with_suffix(".pdf"), self.images_folder(report)
                )
        with self._lock:
            self.snapshot = Snapshot(result, as_of, shots, time.monotonic() - started)
            self.error = None
            self.generation += 1

    def images_folder(self, report: DocumentReport) -> Path:
        """Where a document's page images go: below ``out/.pages``, as the document."""
        relative = report.path.resolve().relative_to(self.out)
        return self.out / PAGES_FOLDER / relative.with_suffix("")


def _merged(
    previous: Snapshot, fresh: BuildResult, formats: set[str]
) -> tuple[BuildResult, dict[Path, list[Path]]]:
    """The last good build with ``formats``' documents replaced by ``fresh``'s; the page
    images of the documents kept."""
    new = {(r.format_id, r.lang): r for r in fresh.reports}
    reports = [
        new.pop((r.format_id, r.lang), r) if r.format_id in formats else r
        for r in previous.result.reports
    ]
    reports += new.values()  # a language the last build did not have
    kept = {
        path: images
        for path, images in previous.images.items()
        if any(r.path == path and r.format_id not in formats for r in reports)
    }
    merged = msgspec.structs.replace(previous.result, reports=reports)
    return merged, kept

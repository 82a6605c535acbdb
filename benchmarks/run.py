"""Print grantdocs' figures: selection vs loading, build vs a bare docxtpl/openpyxl baseline,
growth with profile size, start-up time, and watch mode's edit-to-document latency.
Run: ``python benchmarks/run.py`` (or name parts: ``python benchmarks/run.py watch``).

Every figure is printed as a ratio to its floor measured in the same run (the import floor
of the libraries a build needs, a bare docxtpl/openpyxl render, LibreOffice converting alone,
the smallest size of a series, ...), with its target where an issue set one: on a shared
machine the seconds drift, the ratios much less. Fresh processes run with Python's bytecode
caches present (``PYTHONDONTWRITEBYTECODE`` is dropped, each command runs once first). The
first line is the machine's load. ``team`` (or ``--team-only``) prints the team figure alone
(100 generated profiles x every format, at -j 1 and -j 2, with the peak memory).
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

AS_OF = dt.date(2025, 9, 20)


def machine_load() -> str:
    """The machine's load before the run: load averages, cores, and Python."""
    import os

    one, five, fifteen = os.getloadavg()
    return (
        f"machine: load {one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} cores; "
        f"Python {sys.version.split()[0]}; figures are ratios to a floor measured in the same run"
    )


def ratio(figure: float, floor: float, target: str | None = None) -> str:
    """``ratio 1.23  (target 1.6)``: ``figure`` over its ``floor`` from the same run."""
    return f"ratio {figure / floor:6.2f}  ({'target ' + target if target else 'no target set'})"


FROZEN_AT_EXIT = "; import atexit, gc; atexit.register(gc.freeze)"
"""Ends a floor as the grantdocs command ends: what is alive at exit frozen, out of the
reach of the collections of Python's shutdown (``gcpause.end_with_command``)."""


def floor_seconds(imports: str, runs: int = 5, *, frozen: bool = False) -> float:
    """Median wall seconds of a fresh Python importing ``imports`` (run once first). With
    ``frozen`` it ends as the grantdocs command does (``FROZEN_AT_EXIT``): the floor without
    the part of its shutdown that grantdocs skips."""
    code = f"import {imports}" + (FROZEN_AT_EXIT if frozen else "")
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def floor_lines(imports: str, target: str) -> Callable[[float], str]:
    """Print the import floor of ``imports`` both ways (as the issue measures it, and frozen
    at exit as grantdocs ends); return what prints a figure's ratio to each."""
    floor = floor_seconds(imports)
    bare = floor_seconds(imports, frozen=True)
    print(f"  import floor {imports}: {floor * 1000:.1f} ms ({bare * 1000:.1f} ms frozen at exit)")

    def both(figure: float) -> str:
        return (
            f"{ratio(figure, floor, target)} to the import floor, "
            f"{figure / bare:5.2f} to it frozen at exit"
        )

    return both


def best(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_wall_and_cpu(fn: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """The least wall time and the least CPU time of this process over ``runs`` runs: on a
    shared machine the CPU time of a one-process build is the steadier of the two."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def generated_profile(folder: Path, n: int) -> Path:
    """A valid profile with ``n`` publications (mixed kinds, years, ranks)."""
    kinds = ["journal_article", "conference_paper", "workshop_paper", "preprint", "book_chapter"]
    lines = [
        "person: {given_names: Ada, family_name: Lovelace, name_variants: [Lovelace A]}",
        "projects:",
    ]
    for i in range(20):
        lines.append(
            f"  - {{id: pr{i}, acronym: P{i}, title: Project {i}, start: {2005 + i}-01, "
            f"end: {2008 + i}-12, leading_role: {str(i % 2 == 0).lower()}}}"
        )
    lines.append("publications:")
    for i in range(n):
        rank = f", rank: {i + 1}" if i < 5 else ""
        lines.append(
            f"  - {{id: pub{i}, kind: {kinds[i % len(kinds)]}, authors: [Lovelace A, Babbage C, "
            f'Somerville M], title: "Study number {i} of engines & <tables>", venue: Journal '
            f'{i % 40}, year: {1990 + i % 36}, volume: "{i % 90}", pages: "1–{i % 300 + 2}"'
            f"{rank}, peer_reviewed: {str(i % 4 != 3).lower()}}}"
        )
    path = folder / f"profile-{n}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def selection_vs_loading(tmp: Path) -> None:
    from grantdocs.formats.registry import load_format
    from grantdocs.prepare import select_slots
    from grantdocs.profile.load import load_profile

    path = generated_profile(tmp, 10_000)
    fmt = load_format("dfg-cv")
    load_t = best(lambda: load_profile(path), runs=2)
    loaded = load_profile(path)
    sel_t = best(lambda: select_slots(fmt, loaded, AS_OF))
    print("selection (issue 3): profile of 10,000 publications, all DFG slots")
    print(f"  load + validate  {load_t * 1000:8.1f} ms")
    print(f"  select           {sel_t * 1000:8.1f} ms   {ratio(sel_t, load_t)} to loading")


def bundled_build_vs_baseline(tmp: Path) -> None:
    from grantdocs.build import BuildOptions, build, plan
    from grantdocs.prepare import prepare
    from grantdocs.profile.load import load_profile
    from grantdocs.render.jinja import environment
    from grantdocs.resources import default_profile

    options = BuildOptions(as_of=AS_OF, out=tmp / "out")

    def cold_build() -> None:
        environment.cache_clear()  # as in one command-line run: no template compiled yet
        build(options)

    full = best(cold_build)
    jobs, _skipped = plan(options)
    loaded = load_profile(default_profile())
    prepared = []
    for fmt, lang in jobs:
        prepared.append((fmt, prepare(fmt, lang, loaded, AS_OF).context))

    def baseline() -> None:
        for fmt, ctx in prepared:
            _bare_render(fmt, ctx, tmp / "bare")

    base = best(baseline)
    cli = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "grantdocs",
                "build",
                "--as-of",
                AS_OF.isoformat(),
                "--out",
                str(tmp / "cli"),
                "-q",
            ],
            check=True,
            capture_output=True,
        )
        cli.append(time.perf_counter() - start)
    print(f"bundled build (issue 8): {len(jobs)} documents, every format and language")
    print(f"  grantdocs build  {full * 1000:8.1f} ms")
    print(f"  bare baseline    {base * 1000:8.1f} ms   (docxtpl/openpyxl from a prepared context)")
    print(f"  build / bare     {ratio(full, base)}")
    print(
        f"  whole command    {statistics.median(cli) * 1000:8.1f} ms   "
        "(grantdocs build -q in a fresh interpreter, default -j, median of 3)"
    )
    to_floor = floor_lines(FLOOR_LIBRARIES + ", openpyxl", "2.5")
    print(f"  whole command    {to_floor(statistics.median(cli))}")


def _bare_render(fmt: object, ctx: dict[str, object], out: Path) -> None:
    """Render with docxtpl / openpyxl directly: no loading, selecting, or localising; rows
    are written as plain values, without grantdocs' checks, styles and shifted formulas."""
    from docxtpl import DocxTemplate, RichText
    from jinja2.sandbox import SandboxedEnvironment

    from grantdocs.cite.rich import Rich

    spec = fmt.spec  # type: ignore[attr-defined]
    out.mkdir(parents=True, exist_ok=True)
    if spec.kind == "docx":
        tpl = DocxTemplate(str(fmt.template_path()))  # type: ignore[attr-defined]

        def conv(v: object) -> object:
            if isinstance(v, Rich):
                r = RichText()
                for s in v.segments:
                    r.add(s.text, bold=s.bold)
                return r
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            if isinstance(v, list):
                return [conv(x) for x in v]
            return v

        tpl.render(conv(ctx), jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
        tpl.save(str(out / f"{spec.id}-{ctx['lang']}.docx"))
    else:
        import openpyxl
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        from grantdocs.render.xlsx import table_rows

        lang = str(ctx.get("lang") or spec.languages[0])
        wb = openpyxl.load_workbook(fmt.template_path(lang))  # type: ignore[attr-defined]
        for table in spec.tables:
            (sheet_name, ref), *_ = wb.defined_names[table.anchor].destinations
            ws = wb[sheet_name]
            letter, first = coordinate_from_string(ref.replace("$", ""))
            col = column_index_from_string(letter)
            for i, row in enumerate(table_rows(table, ctx)):
                for j, column in enumerate(table.columns):
                    value = row.get(column.value) if column.value else None
                    ws.cell(
                        first + i, col + j, value if not isinstance(value, Rich) else str(value)
                    )
        wb.save(out / f"{spec.id}-{lang}.xlsx")


def growth(tmp: Path) -> None:
    from grantdocs.build import BuildOptions, build

    print(
        "growth (issue 8): publication-list (en) + dfg-cv (de), generated profiles; "
        "ratio to 100 publications"
    )
    smallest = 0.0
    for n in (100, 1_000, 10_000):
        path = generated_profile(tmp, n)
        options = BuildOptions(
            formats=["publication-list", "dfg-cv"],
            langs=["en"],
            as_of=AS_OF,
            profiles=[path],
            out=tmp / f"g{n}",
        )
        try:
            t = best(lambda options=options: build(options), runs=1 if n >= 10_000 else 2)
        except Exception as exc:  # a format may be missing while formats are added
            print(f"  {n:>6} publications: failed ({exc})")
            continue
        smallest = smallest or t
        growth = ratio(t, smallest, f"below {n // 100}x, the publications' growth")
        print(f"  {n:>6} publications  {t * 1000:9.1f} ms   {growth}")


FAMILIES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"]
GIVEN = [
    "Anna",
    "Bernd",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hans",
    "Ida",
    "Jonas",
    "Karla",
    "Lukas",
    "Mia",
]


def generated_team(folder: Path, members: int, publications: int = 20) -> Path:
    """A team file of ``members`` generated profiles: shared family names (so that output
    names must be told apart), ``publications`` works each, one co-authored by all."""
    roles = ["applicant", "co_applicant", "work_package_lead", "key_person", "team_member"]
    lines = ["title: Generated team", "acronym: GEN", "members:"]
    for m in range(members):
        family, given = FAMILIES[m % len(FAMILIES)], GIVEN[m % len(GIVEN)]
        variant = f"{family} {given[0]}"
        pubs = [
            f"  - {{id: m{m}p{i}, kind: journal_article, authors: [{variant}, Babbage C], "
            f'title: "Study {i} of member {m}", venue: Journal {i}, year: {1995 + i % 30}, '
            f"peer_reviewed: true}}"
            for i in range(publications)
        ]
        pubs.append(
            f"  - {{id: m{m}joint, kind: journal_article, authors: [Lovelace A, {variant}], "
            'title: "The joint work", venue: Joint, year: 2024, doi: "10.1000/joint"}'
        )
        text = (
            f"person: {{given_names: {given}, family_name: {family}, "
            f"name_variants: [{variant}], career_stage: B}}\n"
            "positions:\n  - {title: Researcher, organisation: Example, start: 2020}\n"
            "publications:\n" + "\n".join(pubs) + "\n"
        )
        (folder / f"m{m:03d}").mkdir(parents=True)
        (folder / f"m{m:03d}" / "profile.yaml").write_text(text, encoding="utf-8")
        lines.append(f"  - {{profile: m{m:03d}, role: {roles[m % len(roles)]}}}")
    lines.append("cited: {keys: [m0p1, m1p2, m2joint]}")
    path = folder / "team.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def team_build(tmp: Path, members: int = 100) -> None:
    """Issues 12 and 22: a whole team, every bundled format, at -j 1 and -j 2 (one fresh
    ``grantdocs build --team`` process each): documents per second, the speed-up of -j 2
    over -j 1, and the peak memory of the largest process (the build or a worker)."""
    import os

    team = generated_team(tmp / "team", members)
    print(f"team (issues 12, 22): {members} generated profiles x every bundled format")
    rates = []
    for jobs in (1, 2):
        out = tmp / f"team-j{jobs}"
        args = ["--team", str(team), "--out", str(out), "-j", str(jobs), "-q"]
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "grantdocs", "build", "--as-of", AS_OF.isoformat(), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        n = sum(1 for p in out.rglob("*.*") if p.suffix in (".docx", ".xlsx"))
        rates.append(n / wall)
        peak = usage.ru_maxrss / 1024  # KiB on Linux: the largest process of the build
        print(
            f"  -j {jobs}  {n} documents  {wall:7.1f} s  {n / wall:6.1f} documents/s"
            f"  peak {peak:6.0f} MiB  {ratio(peak, 400, 'below 1.00 of 400 MiB')} to 400 MiB"
            f"  (exit {proc.returncode})"
        )
    print(f"  speed-up -j 2 / -j 1     {ratio(rates[1], rates[0], 'near 2 on 2 free cores')}")


def startup() -> None:
    print("start-up (issue 8): median of 5 runs, a fresh interpreter each; floor: its imports")
    floors = {"--help": "click", "validate": "click, pydantic, yaml"}
    for args in (["--help"], ["validate"]):
        imports = floor_seconds(floors[args[0]])
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "grantdocs", *args], check=True, capture_output=True
            )
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"  grantdocs {' '.join(args):10} {median * 1000:8.1f} ms   import "
            f"{floors[args[0]]:22} {imports * 1000:6.1f} ms   {ratio(median, imports)}"
        )


def generated_bibtex(megabytes: float) -> str:
    """BibTeX like a real export: @string macros, LaTeX accents and math, braces, abstracts."""
    words = [
        "relevance",
        "propagation",
        "{CNN}",
        'M{\\"u}ller',
        "Stra{\\ss}e",
        "$\\alpha$-rule",
        "{\\'e}cole",
        "1--12",
        "\\&",
        "model",
    ]
    parts = ['@string{nips = "Advances in Neural Information Processing Systems"}\n']
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        i += 1
        title = " ".join(words[(i + k) % len(words)] for k in range(9))
        abstract = " ".join(words[(i * k) % len(words)] for k in range(160))
        entry = (
            f'@inproceedings{{key{i},\n  author = {{M{{\\"u}}ller, Klaus-Robert and Doe, Jane '
            f"and Amos*, Brandon and others}},\n  title = {{{{{title}}}}},\n"
            f"  booktitle = nips # {{ {i % 40}}},\n  year = {2000 + i % 25},\n  month = jul,\n"
            f"  pages = {{1--{i}}},\n  doi = {{10.1000/x{i}\\_a}},\n  selected = {{true}},\n"
            f"  abstract = {{{abstract}}},\n  keywords = {{a, b}},\n}}\n\n"
        )
        parts.append(entry)
        size += len(entry)
    return "".join(parts)


def bibtex_import() -> None:
    from bibtexparser.entrypoint import parse_string

    from grantdocs.importers.bibtex import read_bibtex
    from grantdocs.importers.merge import plan_merge
    from grantdocs.importers.review import apply_peer_review
    from grantdocs.importers.writer import append_entries

    def whole_import(text: str) -> str:
        """Read, set the peer-review flags, merge into an empty profile, render the YAML."""
        result = read_bibtex(text, "refs.bib")
        apply_peer_review(result, "auto")
        return append_entries(None, plan_merge(result, [], set()), "imported.yaml")

    print("BibTeX import (issue 14): seconds per MB; baseline: bibtexparser's splitter alone")
    for megabytes in (0.5, 2, 8):
        text = generated_bibtex(megabytes)
        mb = len(text.encode("utf-8")) / 1_000_000
        full = best(lambda text=text: whole_import(text), runs=2)
        split = best(lambda text=text: parse_string(text, parse_stack=[]), runs=2)
        print(
            f"  {mb:5.1f} MB  import {full / mb:6.2f} s/MB   splitter {split / mb:6.2f} s/MB   "
            f"{ratio(full, split)}"
        )
    chain = '@string{a0 = "xxxxxxxxxx"}\n' + "".join(
        f"@string{{a{i} = a{i - 1} # a{i - 1} # a{i - 1}}}\n" for i in range(1, 30)
    )
    chain += "@article{k, author = {Doe, J}, title = a29, year = 2020}\n"
    t = best(lambda: read_bibtex(chain, "chain.bib"))
    print(f"  {len(chain)} bytes of @string chain (10 * 3**29 characters): {t * 1000:.1f} ms")


def watch_latency(tmp: Path) -> None:
    """Seconds from saving a profile edit to the rebuilt DFG CV on disk, with
    ``grantdocs build dfg-cv --lang de --watch`` running on a copy of the bundled profile."""
    import os
    import shutil

    root = Path(__file__).parents[1]
    folder = tmp / "watched"
    shutil.copytree(root / "profiles" / "lapuschkin", folder)
    profile = folder / "profile.yaml"
    out = tmp / "watch-out"
    document = out / "dfg-cv" / "de" / "CV_PubList_Lapuschkin.docx"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grantdocs",
            "build",
            "dfg-cv",
            "--lang",
            "de",
            "-q",
            "--profile",
            str(profile),
            "--out",
            str(out),
            "--as-of",
            AS_OF.isoformat(),
            "--watch",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    times = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # the first build is done when it starts watching
            if line.startswith("watching"):
                break
        for n in range(5):
            time.sleep(0.5)
            before = document.stat().st_mtime_ns
            text = profile.read_text(encoding="utf-8")
            start = time.perf_counter()
            profile.write_text(text + f"# edit {n}\n", encoding="utf-8")
            deadline = start + 60
            while document.stat().st_mtime_ns == before and time.perf_counter() < deadline:
                time.sleep(0.005)
            times.append(time.perf_counter() - start)
            for line in proc.stdout:
                if line.startswith("watching"):
                    break
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()
        os.sync()
    print("watch mode (issue 15): profile edit saved -> rebuilt DFG CV (de) on disk")
    median = statistics.median(times)
    bare = _bare_dfg_cv(tmp)
    print(f"  median of 5      {median * 1000:8.1f} ms   (min {min(times) * 1000:.1f})")
    print(f"  bare render      {bare * 1000:8.1f} ms   {ratio(median, bare)}")


def _bare_dfg_cv(tmp: Path) -> float:
    """Best wall seconds of the bare docxtpl render of the DFG CV (de) from its prepared
    context, in this process (the floor of a rebuild in a warm process)."""
    from grantdocs.formats.registry import load_format
    from grantdocs.l10n.language import Language
    from grantdocs.prepare import prepare
    from grantdocs.profile.load import load_profile
    from grantdocs.resources import default_profile

    fmt = load_format("dfg-cv")
    context = prepare(fmt, Language("de"), load_profile(default_profile()), AS_OF).context
    return best(lambda: _bare_render(fmt, context, tmp / "bare-watch"))


def cold_start(tmp: Path) -> None:
    """A fresh ``grantdocs build`` process: every bundled document, and one, with the
    compiled-template cache warm, against the same code with ``GRANTDOCS_CACHE=off``.
    Runs alternate; wall time is the median, CPU time (user + system of the process) the
    figure to read on a busy machine."""
    import os
    import resource

    cache = tmp / "jinja-cache"

    def run(args: list[str], cache_setting: str) -> tuple[float, float]:
        env = {**os.environ, "GRANTDOCS_CACHE": cache_setting}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: Python's own .pyc files kept
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "grantdocs",
                "build",
                *args,
                "-q",
                "--as-of",
                AS_OF.isoformat(),
                "--out",
                str(tmp / "cold"),
                "--ignore",
                "no-doi,missing-value",
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu

    from grantdocs.build import BuildOptions, plan

    print("cold start (issue 15): a fresh process each, median of 7 (CPU: user + system)")
    for label, args, extra, floor_target in (
        (f"all {len(plan(BuildOptions())[0])} documents", [], ", openpyxl", "2.5"),
        ("dfg-cv (de) only", ["dfg-cv", "--lang", "de"], "", "1.6"),
    ):
        to_floor = floor_lines(FLOOR_LIBRARIES + extra, floor_target)
        run(args, str(cache))  # fills the caches (compiled templates, .pyc files)
        off, on = [], []
        for _ in range(7):
            off.append(run(args, "off"))
            on.append(run(args, str(cache)))
        for name, runs in (("cache off (baseline)", off), ("cache on", on)):
            wall = statistics.median(w for w, _c in runs)
            cpu = statistics.median(c for _w, c in runs)
            print(
                f"  {label:18} {name:21} wall {wall * 1000:7.1f} ms   CPU {cpu * 1000:7.1f} ms"
                f"   {to_floor(wall)}"
            )
    _where_one_document_goes(tmp, run)


def _where_one_document_goes(
    tmp: Path, build: Callable[[list[str], str], tuple[float, float]]
) -> None:
    """The one-document build (dfg-cv, de, caches warm) in steps, each a fresh process,
    measured in turn (median of 9): the issue's import floor; the same frozen at exit, as the
    command ends (this and every later step); the libraries as
    grantdocs uses them (pydantic's models, click); grantdocs' own modules as a one-document
    build imports them; the build. Each step's share of the build's time says what a
    faster start can win where."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    as_used = f"{FLOOR_LIBRARIES}, click; from pydantic import BaseModel"
    own = (
        f"{as_used}; import grantdocs.cli.main, grantdocs.build, grantdocs.formats.registry,"
        " grantdocs.render.docx"
    )
    end = FROZEN_AT_EXIT  # as the command ends
    steps = {
        "issue floor": f"import {FLOOR_LIBRARIES}",
        "no teardown": f"import {FLOOR_LIBRARIES}{end}",
        "as used": f"import {as_used}{end}",
        "own modules": f"import {own}{end}",
    }
    times: dict[str, list[float]] = {name: [] for name in (*steps, "build")}
    cache = str(tmp / "jinja-cache")
    for _ in range(9):
        for name, code in steps.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            times[name].append(time.perf_counter() - start)
        times["build"].append(build(["dfg-cv", "--lang", "de"], cache)[0])
    median = {name: statistics.median(values) for name, values in times.items()}
    floor = median["issue floor"]
    print("  where one document's start goes (fresh processes in turn, median of 9):")
    labels = {
        "issue floor": f"import {FLOOR_LIBRARIES}",
        "no teardown": "the same, frozen at exit (as grantdocs ends)",
        "as used": "+ click, pydantic.BaseModel (the libraries as used)",
        "own modules": "+ grantdocs' modules a one-document build imports",
        "build": "the build (dfg-cv, de)",
    }
    previous = 0.0
    for name, label in labels.items():
        step = median[name] - previous
        previous = median[name]
        print(
            f"    {label:52} {median[name] * 1000:7.1f} ms  (+{step * 1000:6.1f})"
            f"  {median[name] / floor:5.2f}x the issue floor"
        )


def overlapping_records(members: int, own: int = 40) -> list[object]:
    """Work-identity records of a team: each member ``own`` works of their own, and every
    group of five members one shared work per member, recorded by each of the five the way
    real co-authors differ (the DOI with a version suffix or missing, braces and capitals
    in the title, a qualifier added, the working paper years before the article)."""
    from grantdocs.profile.identity import Record
    from grantdocs.profile.model import Publication

    def word(n: int) -> str:  # a made-up word per number: generated titles hold no digits
        letters = ""
        n = (n * 2654435761 + 12345) % 26**6  # spread: neighbouring numbers look unalike
        for _ in range(6):
            n, rest = divmod(n, 26)
            letters += chr(ord("a") + rest)
        return letters

    records: list[object] = []
    for m in range(members):
        name = f"{word(m).title()}son A"
        for i in range(own):
            n = m * own + i
            pub = Publication(
                id=f"m{m}p{i}",
                kind="journal_article",
                authors=[name, "Babbage C"],
                title=f"{word(n)}ing {word(i * 7 + 3)}s with {word(400_000 + n)}",
                year=1995 + i % 30,
            )
            records.append(Record(pub, m, f"m{m}.yaml:{i}"))
        group = m - m % 5
        authors = [f"{word(g).title()}son A" for g in range(group, min(group + 5, members))]
        for s in range(5):
            topic = word(100_000 + group * 5 + s)
            variant = (m - group + s) % 4
            what = f"{word(200_000 + group * 5 + s)} {word(300_000 + group * 5 + s)}"
            title = [
                f"The {{{topic.upper()}}} Database of {what.title()}",
                f"The {topic} database of {what}",
                f"The {topic} database of {what} in Europe",
                f"The {topic}  Database of {what.title()}",
            ][variant]
            osf = f"10.31219/osf.io/{topic}"
            pub = Publication(
                id=f"m{m}s{s}",
                kind="preprint" if variant >= 2 else "journal_article",
                authors=authors,
                title=title,
                year=2022 if variant >= 2 else 2025,
                doi=[f"10.1000/{topic}", None, osf + "_v2", osf][variant],
            )
            records.append(Record(pub, m, f"m{m}.yaml:{own + s}"))
    return records


def dedup(tmp: Path) -> None:
    """Issue 19: work identity over a team with overlapping publications, time per record,
    next to comparing every pair of titles (the baseline it avoids) at the smaller sizes."""
    from rapidfuzz import fuzz

    from grantdocs.profile.identity import identify, title_key

    print("dedup (issue 19): work identity, teams with overlapping publications")
    for members in (10, 100, 1000):
        records = overlapping_records(members)
        seconds = best(lambda records=records: identify(records), runs=3)  # type: ignore[misc]
        works = identify(records)  # type: ignore[arg-type]
        line = (
            f"  {members:5} members  {len(records):6} records -> {len(works.groups):6} works"
            f"  {seconds:7.3f} s  {seconds / len(records) * 1e6:6.1f} us/record"
        )
        if members <= 100:
            titles = [title_key(r.pub.title) for r in records]  # type: ignore[attr-defined]

            def all_pairs(titles: list[str] = titles) -> None:
                for i, a in enumerate(titles):
                    for b in titles[i + 1 :]:
                        fuzz.ratio(a, b)

            pairs = best(all_pairs, runs=1)
            per = pairs / len(records) * 1e6
            line += f"   all pairs of titles: {pairs:7.3f} s  {per:7.1f} us/record  "
            line += ratio(seconds, pairs)
        print(line)


def serve_startup(tmp: Path) -> None:
    """``grantdocs serve dfg-cv`` in a fresh process: until its address is printed, until the
    overview answers, and until the DFG CV's page has its page images (the first build with
    LibreOffice done); baseline: ``grantdocs build dfg-cv --pdf``, the same documents
    without a server, and ``grantdocs --help``. Median of 3, each alternating."""
    import json
    import re
    import shutil
    import signal
    import urllib.request

    from grantdocs.resources import default_profile

    profile = tmp / "serve-cv"
    if not profile.exists():
        shutil.copytree(default_profile().parent, profile)

    def get(url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=30) as answer:
            data: bytes = answer.read()
            return data

    def one_serve(n: int) -> tuple[float, float, float]:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "grantdocs",
                "serve",
                "dfg-cv",
                "--profile",
                str(profile),
                "--out",
                str(tmp / f"serve-out-{n}"),
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert proc.stdout is not None
            found = re.search(r"http://\S+/", proc.stdout.readline())
            assert found, "serve printed no address"
            url = found.group(0)
            printed = time.perf_counter() - start
            while b"<h1>" not in get(url):
                time.sleep(0.01)
            first = time.perf_counter() - start
            while json.loads(get(url + "state"))["generation"] < 1:
                time.sleep(0.05)
            assert b'img class="page"' in get(url + "doc/dfg-cv"), "no page images"
            images = time.perf_counter() - start
            return printed, first, images
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(60)
            proc.stdout.close() if proc.stdout else None

    def timed(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "grantdocs", *args], check=True, capture_output=True)
        return time.perf_counter() - start

    build_args = [
        "build",
        "dfg-cv",
        "--pdf",
        "-q",
        "--profile",
        str(profile),
        "--out",
        str(tmp / "serve-build"),
    ]
    serves, builds, helps = [], [], []
    for n in range(3):
        serves.append(one_serve(n))
        builds.append(timed(build_args))
        helps.append(timed(["--help"]))
    print("serve (issue 23): grantdocs serve dfg-cv, a fresh process each, median of 3")
    for index, label in enumerate(("address printed", "overview answered", "page images")):
        figure = statistics.median(s[index] for s in serves) * 1000
        print(f"  {label:24} {figure:9.1f} ms")
    base = statistics.median(builds)
    print(f"  baseline: build --pdf    {base * 1000:9.1f} ms")
    print(f"  baseline: --help         {statistics.median(helps) * 1000:9.1f} ms")
    images = statistics.median(s[2] for s in serves)
    print(f"  page images / build --pdf  {ratio(images, base)}")


def citations(tmp: Path) -> None:
    """Citation time per entry (bundled profile, de and en): today's YAML style against each
    bundled CSL style, cold (fresh process state, no disk cache), warm (rendered before in
    this process) and from the disk cache; then the bundled build and a 1,000-publication
    build (one process: ``workers`` 1) with the YAML style (``--style author-year``) and with
    the formats' own styles, in wall time and in the CPU time of this process."""
    import os

    from grantdocs.build import BuildOptions, build
    from grantdocs.cite import cite, csl_cite, owner_names
    from grantdocs.cite.csl_render import forget
    from grantdocs.formats.citation_styles import csl_style_ids
    from grantdocs.formats.registry import FormatSearchPath
    from grantdocs.formats.spec import CitationStyle
    from grantdocs.l10n.formatting import Localizer
    from grantdocs.profile.load import load_profile
    from grantdocs.render.jinja import environment
    from grantdocs.resources import default_profile

    profile = load_profile(default_profile()).profile
    owners = owner_names(profile.person)
    pubs = profile.publications
    words = {lang: Localizer(lang).word for lang in ("de", "en")}
    cache = tmp / "csl-cache"

    def cite_all(style: str) -> None:
        options = CitationStyle(style=style)
        for lang, word in words.items():
            for pub in pubs:
                cite(pub, options, owners, word, lang=lang)

    def reset(disk: bool) -> None:
        csl_cite._RENDERED.clear()
        forget()  # the parsed styles and citeproc-py's memos: as in a new process
        os.environ["GRANTDOCS_CACHE"] = str(cache) if disk else "off"

    n = 2 * len(pubs)
    print(f"citations (issue 18): bundled profile, {len(pubs)} publications x de, en; ms/entry")
    yaml_t = best(lambda: cite_all("author-year")) / n
    print(f"  author-year (YAML, today)  {yaml_t * 1000:7.2f}")
    for style in csl_style_ids():
        reset(disk=False)
        start = time.perf_counter()
        cite_all(style)
        cold = (time.perf_counter() - start) / n
        warm = best(lambda style=style: cite_all(style)) / n
        reset(disk=True)
        cite_all(style)  # fills the disk cache

        def from_disk(style: str = style) -> None:
            reset(disk=True)
            cite_all(style)

        disk = best(from_disk) / n
        print(
            f"  {style:12} (CSL)  cold {cold * 1000:7.2f}   warm {warm * 1000:7.2f}   "
            f"disk cache {disk * 1000:7.2f}   (cold {cold / yaml_t:.0f}x the YAML style)"
        )
    out = tmp / "cite-build"
    big = generated_profile(tmp, 1_000)
    for label, profiles, formats in (
        ("bundled build, every document", (), ()),
        (
            "1,000 publications: publication-list + dfg-cv (en)",
            (big,),
            ("publication-list", "dfg-cv"),
        ),
    ):
        figures = {}
        for name, style, disk in (
            ("YAML author-year (today)", "author-year", False),
            ("formats' styles, no cache", None, False),
            ("formats' styles, disk cache", None, True),
        ):
            search = FormatSearchPath(style=style)
            options = BuildOptions(
                as_of=AS_OF,
                out=out,
                search=search,
                profiles=profiles,
                formats=formats,
                langs=["en"] if profiles else [],
            )

            def one(disk: bool = disk, options: BuildOptions = options) -> None:
                reset(disk)
                environment.cache_clear()
                build(options)

            if disk:
                one()
            figures[name] = best_wall_and_cpu(one, runs=3)
        print(f"  {label}: wall (best of 3), CPU of this process (best of 3)")
        wall_base, cpu_base = figures["YAML author-year (today)"]
        for name, (wall, cpu) in figures.items():
            print(
                f"    {name:30} {wall * 1000:9.1f} ms ({wall / wall_base:.2f}x)   "
                f"CPU {cpu * 1000:9.1f} ms ({cpu / cpu_base:.2f}x)"
            )
    os.environ.pop("GRANTDOCS_CACHE", None)


def _grantdocs(args: list[str], out: Path) -> float:
    """Wall seconds of one fresh ``grantdocs build`` process (its exit code not checked:
    a document over its page limit exits 1)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "grantdocs", "build", *args, "-q", "--out", str(out)],
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def _paired(
    a: Callable[[], float], b: Callable[[], float], runs: int = 3
) -> tuple[float, float, float]:
    """Medians of ``a``, ``b`` and of the ratio a/b, the two run in turn (A B A B ...)."""
    a_median, b_median, ratios = _pair_ratios(a, b, runs)
    return a_median, b_median, statistics.median(ratios)


def _pair_ratios(
    a: Callable[[], float], b: Callable[[], float], runs: int
) -> tuple[float, float, list[float]]:
    """Medians of ``a`` and ``b`` run in turn (A B A B ...), and every pair's ratio a/b,
    sorted."""
    pairs = [(a(), b()) for _ in range(runs)]
    return (
        statistics.median(x for x, _ in pairs),
        statistics.median(y for _, y in pairs),
        sorted(x / y for x, y in pairs),
    )


def middle_half(values: list[float]) -> str:
    """The range of the middle half of sorted ``values`` (first to third quartile): how far
    a figure moved on the shared machine while it was measured."""
    low, _median, high = statistics.quantiles(values, n=4)
    return f"middle half {low:4.2f}-{high:4.2f}"


def pdf_pages(tmp: Path) -> None:
    """``--pdf``, ``--fit`` and watch with ``--pdf`` against LibreOffice alone (issue 22):
    each figure a ratio to its floor measured in turn with it."""
    import os
    import shutil

    sys.path.insert(0, str(Path(__file__).parents[1]))  # the tests' over-long profile
    from tests.build.test_pages import long_profile

    from grantdocs.render import pdf

    if pdf.find_soffice() is None:
        print("pdf (issue 22): skipped, LibreOffice is not installed")
        return
    day = ["--as-of", AS_OF.isoformat()]
    one = ["dfg-cv", "--lang", "de", *day]
    _grantdocs(day, tmp / "docs")  # the documents LibreOffice alone converts
    every = sorted(p for p in (tmp / "docs").rglob("*.*") if p.suffix in (".docx", ".xlsx"))
    dfg = next(p for p in every if p.parts[-3:-1] == ("dfg-cv", "de"))
    print("pdf (issue 22): fresh processes, medians of 3 pairs run in turn; ratio = A / floor")

    def row(label: str, a: float, b: float, ratio: float, floor: str, target: str) -> None:
        print(f"  {label:34} {a:6.2f} s  {floor:30} {b:6.2f} s  ratio {ratio:4.2f}  ({target})")

    a, b, r = _paired(lambda: _grantdocs([*one, "--pdf"], tmp / "one"), _timed(pdf.convert, [dfg]))
    row("one DFG CV --pdf", a, b, r, "LibreOffice alone, 1 file", "issue: LibreOffice 67%")
    a, b, r = _paired(lambda: _grantdocs([*day, "--pdf"], tmp / "all"), _timed(pdf.convert, every))
    alone = f"LibreOffice alone, {len(every)} files"
    row(f"{len(every)} documents --pdf", a, b, r, alone, "target 1.5")
    profile = long_profile(tmp, words=110)
    long_one = ["dfg-cv", "--lang", "en", "--profile", str(profile), *day]
    a, b, r = _paired(
        lambda: _grantdocs([*long_one, "--fit"], tmp / "fit"),
        lambda: _grantdocs([*long_one, "--pdf"], tmp / "long"),
    )
    row("--fit, over-long DFG CV (limit 4)", a, b, r, "one --pdf build of it", "target 2.5")

    folder = tmp / "watched-pdf"
    shutil.copytree(Path(__file__).parents[1] / "profiles" / "lapuschkin", folder)
    edited = folder / "profile.yaml"
    out = tmp / "watch-pdf"
    target = out / "dfg-cv" / "de" / "CV_PubList_Lapuschkin.pdf"
    cmd = [sys.executable, "-m", "grantdocs", "build", *one, "--pdf", "--watch"]
    proc = subprocess.Popen(
        [*cmd, "-q", "--profile", str(edited), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    times = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("watching"):
                break
        for n in range(3):
            before = target.stat().st_mtime_ns
            start = time.perf_counter()
            text = edited.read_text(encoding="utf-8") + f"# edit {n}\n"
            edited.write_text(text, encoding="utf-8")
            for line in proc.stdout:  # the report with the new page count is printed
                if line.startswith("watching"):
                    break
            assert target.stat().st_mtime_ns != before
            times.append(time.perf_counter() - start)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        if proc.stdout:
            proc.stdout.close()
        os.sync()
    print(
        f"  {'watch --pdf: save -> page count':34} {statistics.median(times):6.2f} s  "
        f"(median of 3; target 1 s)"
    )


def _timed(fn: Callable[[list[Path]], object], files: list[Path]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        fn(files)
        return time.perf_counter() - start

    return run


FLOOR_LIBRARIES = "docxtpl, docx, pydantic, babel.dates, yaml, jinja2"
FLOOR = "import " + FLOOR_LIBRARIES
"""The libraries a one-document build needs, imported and nothing done (issue 22's floor)."""


def import_floor(tmp: Path) -> None:
    """Fresh ``grantdocs build`` processes against a fresh Python importing the libraries
    they need (bytecode caches present: each command runs once before), run in turn."""

    def floor(extra: str, end: str = "") -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", FLOOR + extra + end], check=True)
            return time.perf_counter() - start

        return run

    day = ["--as-of", AS_OF.isoformat(), "--ignore", "no-doi,missing-value"]
    pairs = 15
    print(
        f"cold start against the import floor (issue 22): medians of {pairs} pairs run in turn,"
        " with the middle half of the pairs' ratios; the floor as the issue measures it, and"
        " frozen at exit as grantdocs ends"
    )
    for label, args, extra, target in (
        ("one DFG CV (de)", ["dfg-cv", "--lang", "de", *day], "", "1.6"),
        ("13 bundled documents", day, ", openpyxl", "2.5"),
    ):
        _grantdocs(args, tmp / "floor")  # bytecode and template caches filled
        build = partial(_grantdocs, args, tmp / "floor")
        for name, end in (("import floor", ""), ("floor, frozen", FROZEN_AT_EXIT)):
            floor(extra, end)()
            a, b, ratios = _pair_ratios(build, floor(extra, end), runs=pairs)
            print(
                f"  {label:22} {a:6.2f} s   {name:16} {b:6.2f} s   ratio"
                f" {statistics.median(ratios):4.2f}  ({middle_half(ratios)}; target {target})"
            )


PARTS = {
    "selection": selection_vs_loading,
    "build": bundled_build_vs_baseline,
    "growth": growth,
    "startup": lambda _tmp: startup(),
    "watch": watch_latency,
    "cold": cold_start,
    "bibtex": lambda _tmp: bibtex_import(),
    "team": team_build,
    "dedup": dedup,
    "serve": serve_startup,
    "citations": citations,
    "pdf": pdf_pages,
    "floor": import_floor,
}


def main() -> None:
    """Every part, or the parts named on the command line (e.g. ``run.py watch startup``)."""
    import os

    wanted = ["team" if a == "--team-only" else a for a in sys.argv[1:]] or list(PARTS)
    print(machine_load())
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # fresh processes keep their .pyc files
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for name in wanted:
            PARTS[name](tmp)


if __name__ == "__main__":
    main()

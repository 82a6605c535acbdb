"""Print the package's figures: the wheel's build time, size and file count, and the cost of
``import grantdocs`` (the public API loads lazily) next to a bare interpreter's start-up and to
importing the internal build module directly, all measured in this run.

Run from the repository root: ``python benchmarks/package.py`` (needs ``build`` and
``hatchling``: ``pip install -e ".[test]"``). Every figure is the best of a few runs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best(args: list[str], runs: int = 5) -> float:
    """The shortest wall time of ``runs`` runs of a command."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", out, "."],
            cwd=ROOT, check=True, capture_output=True,
        )
        seconds = time.perf_counter() - start
        (wheel,) = Path(out).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
        data = [n for n in names if n.startswith("grantdocs/_data/")]
        print(f"wheel: built in {seconds:.1f} s, {wheel.stat().st_size / 1e6:.2f} MB, "
              f"{len(names)} files ({len(data)} of them bundled data under grantdocs/_data/)")
    python = sys.executable
    bare = best([python, "-c", "pass"])
    api = best([python, "-c", "import grantdocs"])
    names = best([python, "-c", "import grantdocs; grantdocs.build_documents"])
    build = best([python, "-c", "import grantdocs.build"])
    print(f"start-up: bare interpreter {bare * 1000:.0f} ms; import grantdocs {api * 1000:.0f} ms; "
          f"+ first use of the API {names * 1000:.0f} ms; "
          f"import grantdocs.build directly {build * 1000:.0f} ms")


if __name__ == "__main__":
    main()

"""Online import figures: ``import orcid:ID`` against the recorded answers on a local server.

Run from the repository root: ``python benchmarks/online.py``. Prints, best of five runs:
the ORCID import of Antonin Delpeuch's record (record, bulk works, three DOI look-ups)
with an empty cache, with a warm cache, and ``--offline``; next to the baseline of the same
HTTP requests made with a bare ``httpx.Client`` (no retries, cache, parsing or import), in
the same process. Then ``enrich``'s scoring of 20 real Crossref candidates, per publication,
and ``enrich`` over the bundled profile's 95 works (Crossref and OpenAlex asked for each
of the 81 that have no arXiv id).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    import httpx
    from tests.http_server import DELPEUCH, Reply, add_delpeuch, serve
    from tests.test_enrich import recorded_search

    from grantdocs.importers.online import read_orcid_online
    from grantdocs.importers.sources import cache
    from grantdocs.importers.sources.http import ENDPOINTS, Client
    from grantdocs.importers.sources.search import candidates

    server_gen = serve()
    server = next(server_gen)
    add_delpeuch(server)
    for name, (variable, _) in ENDPOINTS.items():
        os.environ[variable] = f"{server.url}/{name}"
    folder = Path(tempfile.mkdtemp(prefix="grantdocs-bench-"))
    os.environ[cache.ENV_VAR] = str(folder)

    def cold() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        with Client() as client:
            read_orcid_online(DELPEUCH, client, owner="Delpeuch A")

    def warm(offline: bool = False) -> None:
        with Client(offline=offline) as client:
            read_orcid_online(DELPEUCH, client, owner="Delpeuch A")

    cold()
    targets = [hit.target for hit in server.hits[-7:]]

    def bare() -> None:
        with httpx.Client() as client:
            for target in targets:
                client.get(server.url + target)

    t_bare, t_cold = best(bare), best(cold)
    cold()
    t_warm, t_offline = best(warm), best(lambda: warm(True))
    print(f"ORCID import, {len(targets)} requests to a local server (best of 5):")
    print(f"  bare httpx GETs (baseline)     {t_bare * 1000:7.1f} ms")
    print(f"  import, empty cache            {t_cold * 1000:7.1f} ms")
    print(f"  import, warm cache             {t_warm * 1000:7.1f} ms")
    print(f"  import --offline               {t_offline * 1000:7.1f} ms")

    body = recorded_search()
    server.add_handler("/crossref/works?", lambda target: Reply(200, body))
    title = "Early warning signals: the charted and uncharted territories"
    shutil.rmtree(folder, ignore_errors=True)
    os.environ[cache.ENV_VAR] = "off"
    with Client() as client:
        t_search = best(lambda: candidates(client, title, ["Boettiger C"], 2013))
    print(f"enrich: one search and the scoring of 20 real candidates: {t_search * 1000:.1f} ms")
    bundled_enrich(server, folder, best)
    shutil.rmtree(folder, ignore_errors=True)
    next(server_gen, None)


def bundled_enrich(server: Any, folder: Path, best: Callable[..., float]) -> None:
    """``enrich`` over the bundled profile's 95 works, every search answered by the recorded
    Crossref and OpenAlex answers (none about these works: both sources are asked for each of
    the 81 without an arXiv id): empty cache, then ``--offline``; baseline: the same GETs
    with bare httpx."""
    import httpx
    from tests.http_server import REAL, Reply
    from tests.test_enrich import recorded_search

    from grantdocs.enrich import propose
    from grantdocs.importers.sources import cache
    from grantdocs.importers.sources.http import Client
    from grantdocs.profile.load import load_profile

    crossref, alex = recorded_search(), (REAL / "peneira" / "works.json").read_bytes()
    server.add_handler("/crossref/works?", lambda target: Reply(200, crossref))
    server.add_handler("/openalex/works?", lambda target: Reply(200, alex))
    loaded = load_profile(ROOT / "profiles" / "lapuschkin" / "profile.yaml")
    os.environ[cache.ENV_VAR] = str(folder)

    def cold() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        with Client() as client:
            propose(loaded, client)

    def offline() -> None:
        with Client(offline=True) as client:
            propose(loaded, client)

    start = len(server.hits)
    cold()
    targets = [hit.target for hit in server.hits[start:]]

    def bare() -> None:
        with httpx.Client() as client:
            for target in targets:
                client.get(server.url + target)

    t_bare, t_cold = best(bare, 2), best(cold, 2)
    cold()
    t_offline = best(offline, 2)
    print(f"enrich on the bundled profile, {len(targets)} requests (best of 2):")
    print(f"  bare httpx GETs (baseline)     {t_bare:7.2f} s")
    print(f"  enrich, empty cache            {t_cold:7.2f} s")
    print(f"  enrich --offline (cache)       {t_offline:7.2f} s")


if __name__ == "__main__":
    main()

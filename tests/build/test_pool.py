"""The -j pool (``build/pool.py``): forked workers inherit what they run (nothing is pickled
but numbers and results), results come in task order, errors and dead workers reach the
caller, and nothing of a run is left behind."""

from __future__ import annotations

import multiprocessing
import os
import types
from pathlib import Path

import pytest

from grantdocs.build import pool
from grantdocs.build.pool import (
    MIN_PARALLEL,
    ForkPool,
    WorkerDied,
    grouped,
    heaviest_first,
    run_in_order,
)

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


def test_results_come_in_task_order_from_other_processes() -> None:
    unpicklable = types.SimpleNamespace(offset=100, lock=multiprocessing.Lock())

    def run(n: int) -> tuple[int, int]:  # a closure: only a forked worker can run it
        return n + unpicklable.offset, os.getpid()

    results = list(ForkPool(run, list(range(12)), 2).results())
    assert [value for value, _pid in results] == [n + 100 for n in range(12)]
    assert os.getpid() not in {pid for _value, pid in results}
    assert multiprocessing.active_children() == []


def test_the_heaviest_tasks_are_handed_out_first() -> None:
    weights = {"a": 1, "b": 5, "c": 2, "d": 9, "e": 5, "f": 7}
    assert heaviest_first(list(weights), weights.__getitem__) == [3, 5, 1, 4, 2, 0]


def test_tasks_are_grouped_in_the_order_given() -> None:
    keys = ["docx", "xlsx", "docx", "xlsx", "docx"]
    assert grouped([4, 3, 1, 0, 2], keys) == [[4, 0, 2], [3, 1]]
    assert grouped([1, 0], keys) == [[1], [0]]  # the group of the first task first


def test_a_group_goes_to_one_worker_the_others_help_when_theirs_are_done(
    tmp_path: Path,
) -> None:
    """Two workers, two groups: the small group's tasks all run in one worker (the library
    they need is loaded once), which then helps with the large group."""
    import time

    def run(n: int) -> tuple[int, int]:
        time.sleep(0.05 if n < 8 else 0.0)  # 0-7: the large group, slow; 8-9: small, fast
        return n, os.getpid()

    queues = [list(range(8)), [8, 9]]
    results = list(ForkPool(run, list(range(10)), 2, queues).results())
    assert [n for n, _pid in results] == list(range(10))
    pids = {n: pid for n, pid in results}
    assert pids[8] == pids[9]
    assert pids[0] != pids[8]  # each worker started with its own queue
    assert pids[8] in {pids[n] for n in range(8)}  # and then helped with the other


def test_a_worker_takes_the_tasks_in_the_order_given_results_in_task_order(
    tmp_path: Path,
) -> None:
    """One worker: the order it starts the tasks in is the order they were handed out."""
    started = tmp_path / "started"

    def run(n: int) -> int:
        with started.open("a") as log:
            log.write(f"{n}\n")
        return n * 10

    order = [3, 5, 1, 4, 2, 0]
    results = list(ForkPool(run, list(range(6)), 1, [order]).results())
    assert results == [n * 10 for n in range(6)]
    assert [int(line) for line in started.read_text().split()] == order


def test_workers_find_what_they_inherit_frozen_and_the_caller_unfrozen_after() -> None:
    """The collections of a worker leave the inherited objects alone (frozen before the
    fork); the caller's objects are collectable again once the pool is done."""
    import gc

    counts = list(ForkPool(lambda _n: gc.get_freeze_count(), list(range(4)), 2).results())
    assert min(counts) > 1000  # the test process's objects, frozen for the workers
    assert gc.get_freeze_count() == 0


def test_few_tasks_run_in_this_process() -> None:
    results = list(run_in_order(lambda n: os.getpid(), list(range(MIN_PARALLEL - 1)), 2))
    assert results == [os.getpid()] * (MIN_PARALLEL - 1)


def test_a_tasks_error_is_raised_in_the_caller() -> None:
    def run(n: int) -> int:
        if n == 5:
            raise ValueError(f"task {n} failed")
        return n

    seen = []
    with pytest.raises(ValueError, match="task 5 failed"):
        for value in ForkPool(run, list(range(10)), 2).results():
            seen.append(value)
    assert seen == [0, 1, 2, 3, 4]
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    def run(n: int) -> int:
        if n == 3:
            os._exit(9)
        return n

    with pytest.raises(WorkerDied):
        list(ForkPool(run, list(range(8)), 2).results())
    assert multiprocessing.active_children() == []


def test_stopping_early_stops_the_workers() -> None:
    results = ForkPool(lambda n: n, list(range(50)), 2).results()
    assert next(results) == 0
    results.close()
    assert multiprocessing.active_children() == []


def test_the_pool_keeps_no_state_in_its_module() -> None:
    list(ForkPool(lambda n: n, list(range(8)), 2).results())
    mutable = {
        name
        for name, value in vars(pool).items()
        if not name.startswith("__") and isinstance(value, list | dict | set | bytearray)
    }
    assert mutable == set()

"""Run a build's tasks in forked worker processes, results in task order (``build -j N``).

Workers are forked from the build, so they inherit the tasks and the function that runs them:
they claim task numbers from counters in shared memory, and results (or the error a task
raised) come back. A worker ends as soon as the process that forked it is gone, so a killed
build leaves none behind. A pool keeps nothing between two runs: each ``run_in_order`` call
has its own workers.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 4
"""Fewer tasks than this run in this process: a worker costs more than it saves."""


class WorkerDied(RuntimeError):
    """A worker process ended before it returned the result of every task it took."""


def run_in_order(
    run: Callable[[T], R],
    tasks: Sequence[T],
    workers: int,
    before_fork: Callable[[], object] | None = None,
    weight: Callable[[T], int] | None = None,
    group: Callable[[T], Hashable] | None = None,
) -> Iterator[R]:
    """``map(run, tasks)``, in ``workers`` forked processes when that is worth it and possible.

    ``before_fork`` is called once before the first worker is forked (what the workers
    should inherit checked, not done again in each). Workers take the tasks heaviest first
    by ``weight`` (in task order without it): a long task taken last would keep one worker
    busy after the others are done. Tasks of one ``group`` (what they need loaded: a Word
    or an Excel library) go to one worker first, the others' only once its own are done,
    so a library is loaded in as few workers as the load allows. Results come in task
    order either way."""
    workers = min(workers, os.cpu_count() or 1, len(tasks))
    if (
        workers < 2
        or len(tasks) < MIN_PARALLEL
        or not hasattr(os, "fork")  # the "fork" start method: POSIX only
    ):
        yield from map(run, tasks)
        return
    if before_fork is not None:
        before_fork()
    order = range(len(tasks)) if weight is None else heaviest_first(tasks, weight)
    queues = [list(order)] if group is None else grouped(order, [group(t) for t in tasks])
    yield from ForkPool(run, tasks, workers, queues).results()


def heaviest_first(tasks: Sequence[T], weight: Callable[[T], int]) -> list[int]:
    """The numbers of ``tasks``, heaviest first; equal weights in task order."""
    weights = [weight(task) for task in tasks]
    return sorted(range(len(tasks)), key=lambda index: -weights[index])


def grouped(order: Sequence[int], keys: Sequence[Hashable]) -> list[list[int]]:
    """The task numbers of ``order`` by their ``keys``, each group in ``order``; the groups
    in the order their first task comes in."""
    groups: dict[Hashable, list[int]] = {}
    for index in order:
        groups.setdefault(keys[index], []).append(index)
    return list(groups.values())


class ForkPool(Generic[T, R]):
    """``workers`` forked processes that run ``run`` over ``tasks``; one use.

    ``queues`` hold the task numbers (each task in one queue), in the order they are taken:
    worker ``w`` takes from queue ``w`` (modulo their number) first, then from the next
    ones in turn; without ``queues``, every worker takes the tasks in order."""

    def __init__(
        self,
        run: Callable[[T], R],
        tasks: Sequence[T],
        workers: int,
        queues: Sequence[Sequence[int]] | None = None,
    ) -> None:
        self._run = run
        self._tasks = tasks
        self._workers = workers
        self._queues = [range(len(tasks))] if queues is None else queues

    def results(self) -> Iterator[R]:
        """Each task's result in task order; a task's error is raised here. The workers are
        stopped when this ends, also early (an error, Ctrl-C, the caller stops reading)."""
        # lazy: multiprocessing loads only when workers are forked (not for one document)
        import multiprocessing
        from multiprocessing.connection import Connection, wait

        context = multiprocessing.get_context("fork")
        taken: Any = context.Array("i", len(self._queues))  # how many each queue gave out
        readers: list[Connection] = []
        processes = []
        parent = os.getpid()
        # What the workers inherit is frozen while they run: their collections then leave it
        # alone instead of writing to every inherited object, which copied the build's pages
        # into each worker (Python's advice for fork without exec, ``gc.freeze``).
        gc.freeze()
        try:
            for number in range(self._workers):
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(
                    target=self._work,
                    args=(taken, number, writer, parent),
                    name=f"grantdocs-worker-{number}",
                    daemon=True,
                )
                process.start()
                writer.close()  # the worker's end: its close (the worker ended) ends ``reader``
                readers.append(reader)
                processes.append(process)
            arrived: dict[int, tuple[bool, Any]] = {}
            for index in range(len(self._tasks)):
                while index not in arrived:
                    if not readers:
                        raise WorkerDied(
                            f"a worker process ended before it finished task {index + 1} "
                            f"of {len(self._tasks)}"
                        )
                    for ready in wait(readers):
                        assert isinstance(ready, Connection)
                        try:
                            number, ok, value = ready.recv()
                        except EOFError:
                            readers.remove(ready)
                            continue
                        arrived[number] = (ok, value)
                ok, value = arrived.pop(index)
                if not ok:
                    raise value
                yield value
        finally:
            for process in processes:
                if process.is_alive():
                    process.terminate()
            for process in processes:
                process.join()
            for reader in readers:
                reader.close()
            gc.unfreeze()  # collectable again in this process (a watch builds again)

    def _claim(self, taken: Any, worker: int) -> int | None:
        """The number of the next task for ``worker``, taken out of the queues shared with
        the other workers; None when every task is taken."""
        count = len(self._queues)
        with taken.get_lock():
            for step in range(count):
                queue = (worker + step) % count
                given: int = taken[queue]
                if given < len(self._queues[queue]):
                    taken[queue] = given + 1
                    return self._queues[queue][given]
        return None

    def _work(self, taken: Any, worker: int, results: Connection, parent: int) -> None:
        """In a worker: run the tasks it claims until none is left; send each result."""
        _end_with_parent(parent)
        while (index := self._claim(taken, worker)) is not None:
            try:
                outcome: tuple[int, bool, Any] = (index, True, self._run(self._tasks[index]))
            except BaseException as exc:  # raised again in the parent
                outcome = (index, False, exc)
            try:
                results.send(outcome)
            except Exception as exc:  # a result or error that cannot be pickled
                results.send((index, False, RuntimeError(f"task {index + 1}: {exc!r}")))
        results.close()


def _end_with_parent(parent: int) -> None:
    """End this worker once the process that forked it is gone (killed): the tasks already
    queued would otherwise be built for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="grantdocs-parent-watch", daemon=True).start()

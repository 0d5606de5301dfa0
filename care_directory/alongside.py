"""Run one stage of the build in a second process while this one does another: a build machine has two cores
or more, and a rebuild spends most of its time in work that needs only one.

The second process is a fork of this one, so it starts with the checked
directory already in memory (sending tens of thousands of providers to
another process costs more than the work saved). Its memory is shared with
this process until either changes it; freeze what the stage reads out of
the garbage collector's passes first (gc.freeze(), as the pipeline does), or
the collector's passes in the fork touch, and so copy, all of it. Where fork is not
available, the machine has one core, or other threads are running (a fork
copies only the thread that calls it), the stage simply runs here first.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable
from contextlib import contextmanager


@contextmanager
def alongside(stage: Callable[[], object], fork: bool = True):
    """Run `stage` in a forked process while the body of the `with` runs here; yield a callable that
    returns what `stage` returned, waiting for it (and raising what it raised).

    What `stage` returns must pickle: only that comes back. If the body
    fails, the stage is stopped before the exception goes on. With fork
    False, or where this process cannot fork, the stage runs here first.
    """
    process = None
    if fork and _can_fork():
        receiving, sending = multiprocessing.Pipe(duplex=False)
        process = multiprocessing.get_context("fork").Process(target=_run, args=(stage, sending), daemon=True)
        try:
            process.start()
        except OSError:  # no memory or process left for a fork: the stage runs here, as on one core
            process = None
            receiving.close()
        finally:
            sending.close()
    if process is None:
        result = stage()
        yield lambda: result
        return
    # What the stage returns is taken as soon as it is sent: until then the stage process, and all the memory
    # it holds, would wait for this one to ask.
    outcome: list[tuple] = []
    receiver = threading.Thread(target=_receive, args=(receiving, outcome, process), daemon=True)
    receiver.start()

    def finished():
        receiver.join()
        process.join()
        kind, value = outcome[0]
        if kind == "failed":
            raise value
        return value

    try:
        yield finished
        finished()
    finally:
        if process.is_alive() and not outcome:
            process.kill()
        receiver.join()
        process.join()
        receiving.close()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and usable_cores() > 1 and threading.active_count() == 1


def usable_cores() -> int:
    """The cores this process may run on (all the machine's where the system cannot say)."""
    allowed = getattr(os, "sched_getaffinity", None)  # Linux
    return len(allowed(0)) if allowed else os.cpu_count() or 1


def _receive(receiving, outcome: list[tuple], process) -> None:
    try:
        outcome.append(receiving.recv())
    except BaseException:  # ended without sending, or part way through (killed by the system, say)
        receiving.close()  # a stage still sending now fails to, rather than wait for ever
        outcome.append(("failed", RuntimeError(f"a build process stopped unexpectedly ({_ended(process)})")))


def _run(stage: Callable[[], object], sending) -> None:
    try:
        outcome = ("done", stage())
    except BaseException as error:  # whatever it was, the build reports it
        outcome = ("failed", _portable(error))
    sending.send(outcome)


def _portable(error: BaseException) -> BaseException:
    """The exception as one that arrives whole in the other process: itself where it survives pickling (a
    full disk's OSError, a missing tool's AssetError, an interruption, which the command line explains),
    else a RuntimeError naming it. With CARE_DIRECTORY_DEBUG set, its traceback is printed here."""
    if os.environ.get("CARE_DIRECTORY_DEBUG"):
        traceback.print_exception(error)
    try:
        return pickle.loads(pickle.dumps(error))
    except Exception:  # an exception that cannot be sent as it is
        return RuntimeError(f"{type(error).__name__}: {error}")


def _ended(process) -> str:
    process.join()
    code = process.exitcode
    return f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"

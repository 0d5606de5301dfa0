"""A stage of the build runs in a second process while this one goes on; what it returns or raises comes back."""

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from care_directory import alongside as module
from care_directory.alongside import alongside
from care_directory.paths import PROJECT_ROOT
from conftest import TWO_CORES

# For the tests that need a second process (CI has two cores).
forks = pytest.mark.skipif(not TWO_CORES, reason="a build forks only with two cores")


def wait_for(path: Path) -> None:
    """Wait until `path` exists: what the other process announces (a stuck test fails after a minute)."""
    deadline = time.monotonic() + 60
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.01)


def announce_pid(folder: Path) -> None:
    """Write this process's id to folder/pid in one step, for announced_pid()."""
    (folder / "pid.writing").write_text(str(os.getpid()))
    (folder / "pid.writing").rename(folder / "pid")


def announced_pid(folder: Path) -> int:
    """The process id announce_pid() wrote, once it is there."""
    wait_for(folder / "pid")
    return int((folder / "pid").read_text())


def test_a_build_command_forks_on_two_cores():
    code = "from care_directory.alongside import _can_fork; print(_can_fork())"
    answer = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert answer.stdout.strip() == str(TWO_CORES)


def test_a_process_with_other_threads_running_does_not_fork():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not module._can_fork()  # a fork would copy only this thread, and any lock the other holds
    finally:
        stop.set()
        other.join()


@forks
def test_the_stage_runs_in_a_second_process_at_the_same_time_as_the_body(forking, tmp_path):
    body_started = tmp_path / "body started"

    def stage():
        wait_for(body_started)  # run first, not alongside, this would wait for ever
        return os.getpid()

    with alongside(stage) as result:
        body_started.touch()
        assert result() != os.getpid()


def test_where_it_cannot_fork_the_stage_runs_here_first(monkeypatch):
    monkeypatch.setattr(module, "_can_fork", lambda: False)
    ran = []
    with alongside(lambda: ran.append("stage") or os.getpid()) as result:
        ran.append("body")
        assert result() == os.getpid()
    assert ran == ["stage", "body"]


@pytest.mark.parametrize("fork", [pytest.param(True, marks=forks), False], ids=["forked", "here"])
def test_a_full_disk_in_the_stage_arrives_as_the_same_error(request, monkeypatch, fork, tmp_path):
    if fork:
        request.getfixturevalue("forking")
    else:
        monkeypatch.setattr(module, "_can_fork", lambda: False)

    def stage():
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "search"))

    with pytest.raises(OSError) as raised, alongside(stage) as result:
        result()
    assert (raised.value.errno, raised.value.filename) == (errno.ENOSPC, str(tmp_path / "search"))


class TwoArgumentError(Exception):
    def __init__(self, first, second):
        super().__init__(f"{first} and {second}")


@forks
def test_a_fault_in_the_stage_comes_back_named_even_if_it_cannot_be_sent_as_it_is(forking):
    def stage():
        raise TwoArgumentError("this", "that")

    with pytest.raises(RuntimeError, match="TwoArgumentError: this and that"), alongside(stage) as result:
        result()


@forks
def test_a_stage_process_that_is_killed_is_reported_not_waited_for(forking):
    tests = os.getpid()

    def stage():
        if os.getpid() != tests:  # never the tests' own process
            os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(RuntimeError, match="stopped unexpectedly .killed by signal 9"), alongside(stage) as result:
        result()


@forks
def test_when_the_body_fails_the_stage_is_stopped(forking, tmp_path):
    def stage():
        announce_pid(tmp_path)
        time.sleep(600)

    with pytest.raises(ValueError, match="the pages failed"), alongside(stage):
        pid = announced_pid(tmp_path)
        raise ValueError("the pages failed")
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped


def running(pid: int) -> bool:
    """Whether the process is alive: not gone, and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@forks
def test_the_stage_process_ends_once_done_rather_than_wait_for_the_body_with_its_memory(forking, tmp_path):
    def stage():
        announce_pid(tmp_path)
        return b"x" * 1_000_000  # more than a pipe holds: the stage cannot just leave it there and go

    with alongside(stage) as result:
        pid = announced_pid(tmp_path)
        deadline = time.monotonic() + 60
        while running(pid):
            assert time.monotonic() < deadline, "the stage process is still there, holding its memory"
            time.sleep(0.01)
        assert len(result()) == 1_000_000

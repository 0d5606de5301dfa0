"""A stage of the build runs in a second process while this one goes on; what it returns or raises comes back."""

import errno
import multiprocessing
import multiprocessing.connection
import os
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from care_directory import alongside as module
from care_directory.alongside import alongside
from care_directory.outputs.theme_assets import AssetError
from care_directory.paths import PROJECT_ROOT
from conftest import SAMPLE_SITE, TWO_CORES

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


# A build command in a process of its own, loading the sample site on several cores (a process pool, whose
# threads must be gone before the build forks), that says which process wrote the search files.
BUILD_SAYING_WHO_WROTE_THE_SEARCH_FILES = """
import os, sys
from care_directory import pipeline
from care_directory.cli import main
from care_directory.listings import loader

loader.PARALLEL_FROM = 2
write_search_files = pipeline.write_search_files

def saying_who(*args):
    print("search files written by", "the build" if os.getpid() == build else "another process", file=sys.stderr)
    return write_search_files(*args)

build, pipeline.write_search_files = os.getpid(), saying_who
sys.exit(main(["build", "--root", sys.argv[1], "--output", sys.argv[2], "--today", "2026-12-01", "--no-cache"]))
"""


def test_a_build_command_writes_the_search_files_in_another_process_on_two_cores(tmp_path):
    built = subprocess.run(
        [sys.executable, "-c", BUILD_SAYING_WHO_WROTE_THE_SEARCH_FILES, str(SAMPLE_SITE), str(tmp_path / "output")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CARE_DIRECTORY_CACHE": str(tmp_path / "cache")},
    )
    assert built.returncode == 0, built.stderr
    who = "another process" if TWO_CORES else "the build"
    assert f"search files written by {who}" in built.stderr


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


@pytest.mark.parametrize("fork", [pytest.param(True, marks=forks), False], ids=["forked", "here"])
def test_a_missing_tool_in_the_stage_arrives_as_the_same_error(request, monkeypatch, fork):
    if fork:
        request.getfixturevalue("forking")
    else:
        monkeypatch.setattr(module, "_can_fork", lambda: False)

    def stage():
        raise AssetError("Node.js is not installed")  # the command line explains this one

    with pytest.raises(AssetError, match="Node.js is not installed"), alongside(stage) as result:
        result()


@forks
def test_where_no_process_can_be_forked_the_stage_runs_here(forking, monkeypatch):
    def no_memory(process):
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", no_memory)
    with alongside(os.getpid) as result:
        assert result() == os.getpid()


@forks
def test_a_stage_process_killed_part_way_through_sending_is_reported(forking, monkeypatch):
    tests = os.getpid()

    def half_then_killed(connection, outcome):
        if os.getpid() != tests:  # never the tests' own process
            os.write(connection.fileno(), struct.pack("!i", 1000) + b"only ten b")  # 1,000 bytes promised
            os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(multiprocessing.connection.Connection, "send", half_then_killed)
    with pytest.raises(RuntimeError, match="stopped unexpectedly .killed by signal 9"), alongside(lambda: 1) as result:
        result()


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

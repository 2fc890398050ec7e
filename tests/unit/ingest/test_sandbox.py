"""The extraction sandbox: a forked child within limits, and the parent unharmed.

These run small functions in the sandbox, so that each limit is met on
purpose and quickly; the hostile files themselves are in
``tests/integration/ingest/test_hostile_files.py``.
"""

from __future__ import annotations

import atexit
import os
import resource
import signal
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from ingest import forkserver
from ingest.extractors import ExtractionError
from ingest.sandbox import extract_contained, run_contained
from portal.demo.pdf import make_pdf
from tests.support import hostile_pdfs

MB = 1024 * 1024
LIMITS = dict(timeout=20, memory_bytes=256 * MB, cpu_seconds=10)


def contained(function, *args, **limits):
    return run_contained(function, *args, **{**LIMITS, **limits})


def failure(function, *args, **limits) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        contained(function, *args, **limits)
    return caught.value


def child_processes() -> list[int]:
    """The children this process has now, zombies included (/proc/self/task/*/children).

    The warm fork server (:mod:`ingest.forkserver`) is a child by design and
    lives as long as this process: it is not counted.
    """
    children = []
    for task in Path("/proc/self/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return [pid for pid in children if pid != forkserver.pid()]


# --- functions run in the child (module level, like real extractors) -------------------


def add(a, b):
    return a + b


def report(text):
    return {"pages": [text, ""], "ocr_pages": [1], "title": "Zinnoxid"}


def refuse():
    raise ExtractionError("encrypted", "The PDF is protected by a password.")


def hog_memory():
    hoard = []
    while True:
        hoard.append(bytearray(16 * MB))


def inflate(data):
    return len(zlib.decompress(data))


def sleep_long():
    time.sleep(60)


def spin():
    while True:
        pass


def segfault():
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(5)


def exit_quietly():
    os._exit(7)


def recurse(depth=0):
    return recurse(depth + 1) + 1


def fail_like_a_bug():
    raise ValueError("unexpected None in /Kids")


def talk_too_much():
    return "x" * (2 * MB)


def start_a_tool_and_hang(pid_file):
    tool = subprocess.Popen(["sleep", "60"])
    Path(pid_file).write_text(str(tool.pid))
    time.sleep(60)


def describe_limits():
    return {
        "cpu": resource.getrlimit(resource.RLIMIT_CPU),
        "core": resource.getrlimit(resource.RLIMIT_CORE),
        "address_space": resource.getrlimit(resource.RLIMIT_AS),
        "own_group": os.getpgid(0) == os.getpid(),
        "pid": os.getpid(),
    }


def register_exit_handler(marker):
    atexit.register(Path(marker).write_text, "exit handlers ran in the child")
    return "done"


# --- what comes back ---------------------------------------------------------------------


def test_the_result_comes_back_from_the_child():
    assert contained(add, 2, 3) == 5
    assert contained(report, "Rückgewinnung von Indium ✓") == {
        "pages": ["Rückgewinnung von Indium ✓", ""],
        "ocr_pages": [1],
        "title": "Zinnoxid",
    }


def test_an_extraction_error_arrives_with_its_code_and_message():
    error = failure(refuse)
    assert (error.code, error.message) == ("encrypted", "The PDF is protected by a password.")


def test_the_child_runs_in_its_own_process_group_with_limits():
    limits = contained(describe_limits, cpu_seconds=7, memory_bytes=300 * MB)
    assert limits["pid"] != os.getpid()
    assert limits["own_group"]
    assert limits["cpu"] == [7, 9]  # SIGXCPU at 7 s, SIGKILL at 9 s
    assert limits["core"] == [0, 0]
    assert limits["address_space"][0] >= 300 * MB


def test_the_child_leaves_without_running_exit_handlers(tmp_path):
    marker = tmp_path / "atexit-ran"
    assert contained(register_exit_handler, str(marker)) == "done"
    assert not marker.exists()


# --- every bad end becomes a reason ------------------------------------------------------


def test_a_child_that_needs_too_much_memory_fails_with_memory():
    error = failure(hog_memory, memory_bytes=128 * MB)
    assert error.code == "memory"
    assert "more than 128 MB of memory" in error.message
    assert "PORTAL_EXTRACTION_MEMORY_MB" in error.message


def test_a_decompression_bomb_inflated_naively_hits_the_memory_limit():
    data = hostile_pdfs.bomb_stream()  # 3 MB that inflate to 3 GiB
    error = failure(inflate, data, memory_bytes=256 * MB)
    assert error.code == "memory"


def test_a_child_that_takes_too_long_is_killed_with_timeout():
    started = time.monotonic()
    error = failure(sleep_long, timeout=0.5)
    assert time.monotonic() - started < 30  # killed, not waited for (sleep_long would take far longer)
    assert error.code == "timeout"
    assert "longer than 0.5 seconds" in error.message


def test_a_child_that_uses_too_much_processor_time_fails_with_timeout():
    error = failure(spin, cpu_seconds=1, timeout=20)
    assert error.code == "timeout"
    assert "more than 1 seconds of processor time" in error.message


def test_a_child_killed_by_a_signal_is_reported_as_crashed_with_the_signal():
    error = failure(segfault)
    assert error.code == "crashed"
    assert "SIGSEGV" in error.message
    assert "segmentation fault" in error.message


def test_a_child_that_exits_without_a_result_is_reported_as_crashed():
    error = failure(exit_quietly)
    assert error.code == "crashed"
    assert "without a result (exit status 7)" in error.message


def test_runaway_recursion_is_reported_as_a_corrupt_file():
    error = failure(recurse)
    assert error.code == "corrupt"
    assert "nested too deeply" in error.message


def test_an_unexpected_exception_is_reported_as_crashed_with_its_type():
    error = failure(fail_like_a_bug)
    assert error.code == "crashed"
    assert "ValueError" in error.message


def test_output_beyond_the_cap_is_refused():
    error = failure(talk_too_much, max_output_bytes=1 * MB)
    assert error.code == "too_much_text"
    assert "more than 1 MB of text" in error.message


def test_a_timeout_also_kills_the_tools_the_child_started(tmp_path):
    pid_file = tmp_path / "tool.pid"
    error = failure(start_a_tool_and_hang, str(pid_file), timeout=1)
    assert error.code == "timeout"
    tool = int(pid_file.read_text())
    for _ in range(100):  # killed at once; init reaps the orphan shortly after
        if not _alive(tool):
            break
        time.sleep(0.02)
    assert not _alive(tool)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


# --- the parent is unharmed --------------------------------------------------------------


def test_the_parent_keeps_working_and_keeps_no_children_after_every_kind_of_failure():
    before = child_processes()
    for function, limits in [
        (hog_memory, {"memory_bytes": 64 * MB}),
        (sleep_long, {"timeout": 0.2}),
        (segfault, {}),
        (exit_quietly, {}),
        (recurse, {}),
    ]:
        failure(function, **limits)
    assert child_processes() == before  # every child reaped: no zombies
    assert contained(add, 40, 2) == 42
    assert sum(range(10)) == 45  # the parent's own interpreter is fine too


def test_extraction_of_a_real_pdf_runs_contained_and_in_process(tmp_path, settings):
    path = tmp_path / "bericht.pdf"
    path.write_bytes(make_pdf(["Rückgewinnung von Gallium aus LED-Abfällen."]))
    contained_result = extract_contained(path)
    settings.PORTAL_EXTRACTION_CONTAINED = False  # the debugging switch
    in_process = extract_contained(path)
    assert contained_result == in_process
    assert contained_result.pages == ("Rückgewinnung von Gallium aus LED-Abfällen.",)


def test_the_result_arrives_even_when_the_worker_ignores_sigchld():
    # A parent that ignores SIGCHLD has its children reaped by the kernel:
    # their exit status is lost, but their answer is not.
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert contained(add, 1, 2) == 3
        assert failure(refuse).code == "encrypted"
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_limits_never_exceed_those_the_worker_already_runs_under():
    # A worker started under `ulimit -t 5` cannot grant its child 10 seconds.
    previous = resource.getrlimit(resource.RLIMIT_CPU)
    pid = os.fork()
    if pid == 0:  # a stand-in worker with a hard CPU limit of its own
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (5, 5))
            limits = contained(describe_limits, cpu_seconds=10)
            os._exit(0 if limits["cpu"] == [5, 5] else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert resource.getrlimit(resource.RLIMIT_CPU) == previous


# --- the warm fork server -----------------------------------------------------------------


def test_children_are_forked_from_the_warm_server_not_from_the_worker():
    first = contained(describe_limits)
    server = forkserver.pid()
    assert server is not None and first["pid"] not in child_processes()
    assert Path(f"/proc/{first['pid']}").exists() is False  # reaped by the server
    assert contained(describe_limits)["pid"] != first["pid"]  # a fresh child per call
    assert forkserver.pid() == server  # one server, reused


def test_the_warm_server_contains_a_decompression_bomb_in_a_real_pdf_and_survives_it(tmp_path, settings):
    settings.PORTAL_EXTRACTION_MEMORY_MB = 256
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile_pdfs.decompression_bomb())
    with pytest.raises(ExtractionError) as caught:
        extract_contained(bomb)
    assert caught.value.code == "memory"
    server = forkserver.pid()
    assert server is not None
    good = tmp_path / "bericht.pdf"
    good.write_bytes(make_pdf(["Rückgewinnung von Gallium aus LED-Abfällen."]))
    assert extract_contained(good).pages == ("Rückgewinnung von Gallium aus LED-Abfällen.",)
    assert forkserver.pid() == server  # the bomb did not take the server down


def test_a_killed_server_is_replaced_and_the_next_extraction_works():
    assert contained(add, 1, 1) == 2
    os.kill(forkserver.pid(), signal.SIGKILL)
    time.sleep(0.2)
    assert contained(add, 2, 2) == 4
    assert contained(add, 3, 3) == 6


def test_a_function_the_server_cannot_name_runs_forked_from_the_caller_under_the_same_limits():
    assert contained(lambda: 41 + 1) == 42
    assert failure(lambda: hog_memory(), memory_bytes=64 * MB).code == "memory"

"""``python -m tests.services run [--only a,b] -- CMD ARGS...``

Starts the services (concurrently: Elasticsearch alone takes ~10-40 s),
exports their URLs into CMD's environment, runs CMD, stops everything (also on
Ctrl-C, SIGTERM, SIGHUP or an error) and exits with CMD's exit code; 3 if a
service failed to start.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from types import FrameType

from . import SERVICES
from .common import Cancelled, Service

EXIT_SERVICE_FAILED = 3


class Terminated(Exception):
    """Raised in the main thread when SIGTERM/SIGHUP arrives while services start."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def say(message: str) -> None:
    """Progress line on stderr, so CMD's stdout stays clean."""
    print(f"services: {message}", file=sys.stderr, flush=True)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def start_all(services: dict[str, Service]) -> list[str]:
    """Start all services in threads; return error messages (empty if all are up).

    The first failure cancels the others, so we do not wait 40 s for
    Elasticsearch only to throw it away.  Ctrl-C/SIGTERM cancels everything
    and re-raises once the threads are done (nothing is left half-started).
    """
    errors: dict[str, str] = {}
    failed = threading.Event()

    def worker(name: str, service: Service) -> None:
        began = time.monotonic()
        try:
            service.start()
        except Cancelled:
            return
        except BaseException as exc:  # noqa: BLE001 - reported, never swallowed silently
            errors[name] = str(exc)
            failed.set()
            return
        say(f"{name} {service.version} ready at {service.url} ({time.monotonic() - began:.1f} s)")

    threads = [threading.Thread(target=worker, args=item, name=f"start-{item[0]}", daemon=True)
               for item in services.items()]
    for thread in threads:
        thread.start()
    try:
        # join() with a timeout keeps the main thread responsive to signals.
        while any(t.is_alive() for t in threads):
            if failed.is_set():
                for service in services.values():
                    service.cancel()
            for thread in threads:
                thread.join(0.2)
    except BaseException:
        for service in services.values():
            service.cancel()
        for thread in threads:
            thread.join()
        raise
    return [errors[name] for name in services if name in errors]


def stop_all(services: dict[str, Service]) -> None:
    """Stop every service concurrently (each is idempotent)."""
    began = time.monotonic()
    threads = [threading.Thread(target=s.stop, name=f"stop-{n}") for n, s in services.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    say(f"stopped {', '.join(services)} ({time.monotonic() - began:.1f} s)")


def run_command(command: Sequence[str], env: dict[str, str]) -> int:
    """Run CMD in the foreground and return its exit status (128+N if killed by signal N)."""
    try:
        proc = subprocess.Popen(list(command), env=env)
    except OSError as exc:
        say(f"cannot run {command[0]!r}: {exc}")
        return 127

    def forward(signum: int, frame: FrameType | None) -> None:
        proc.send_signal(signum)

    # Ctrl-C reaches CMD directly (same foreground process group); we just
    # keep waiting for it, like a shell does.  A no-op handler rather than
    # SIG_IGN, because an ignored signal would be inherited by later children.
    signal.signal(signal.SIGINT, lambda signum, frame: None)
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)
    code = proc.wait()
    return 128 - code if code < 0 else code


def run(names: Sequence[str], command: Sequence[str]) -> int:
    """Start ``names``, run ``command`` with their URLs exported, stop them; return exit code."""
    services = {name: SERVICES[name][0]() for name in names}
    signal.signal(signal.SIGTERM, _raise_terminated)
    signal.signal(signal.SIGHUP, _raise_terminated)
    try:
        say(f"starting {', '.join(names)}")
        errors = start_all(services)
        if errors:
            for error in errors:
                say(error)
            return EXIT_SERVICE_FAILED
        env = dict(os.environ)
        for name, service in services.items():
            env[SERVICES[name][1]] = service.url
        return run_command(command, env)
    except KeyboardInterrupt:
        say("interrupted")
        return 128 + signal.SIGINT
    except Terminated as exc:
        say(f"terminated by {exc}")
        return 128 + exc.signum
    finally:
        # A second Ctrl-C or SIGTERM must not cut the cleanup short.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        stop_all(services)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m tests.services",
                                     description="Run a command with real test services.")
    actions = parser.add_subparsers(dest="action", required=True)
    run_parser = actions.add_parser("run", help="start services, run CMD, stop services")
    run_parser.add_argument("--only", default=",".join(SERVICES),
                            help=f"comma-separated subset of {','.join(SERVICES)} (default: all)")
    run_parser.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ARGS...")
    args = parser.parse_args(argv)

    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        run_parser.error("no command given: python -m tests.services run -- CMD ARGS...")
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in names if name not in SERVICES]
    if unknown or not names:
        run_parser.error(f"unknown service(s) {unknown}; choose from {', '.join(SERVICES)}")
    return run(names, command)


if __name__ == "__main__":
    sys.exit(main())

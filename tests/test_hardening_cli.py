"""Hardening of the command line (issue 14, rows 5, 11, 12, 16): every bad flag, variable, port or
file ends in one clear line and exit code 2; Ctrl+C stops cleanly; a reachable host is warned of."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from mockbsale.net import is_loopback

DEADLINE = 60


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mockbsale", *args], capture_output=True, text=True,
                          timeout=DEADLINE, env={**os.environ, **(env or {})})


@contextmanager
def taken_port() -> Iterator[int]:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        yield sock.getsockname()[1]


BAD = [
    (["serve", "--port", "70000"], {}, "--port: '70000' is not a port number"),
    (["serve"], {"MOCKBSALE_PORT": "abc"}, "--port: 'abc' is not a port number"),
    (["serve", "--rate-window", "inf"], {}, "--rate-window: 'inf'"),
    (["serve", "--rate-window", "nan"], {}, "--rate-window: 'nan'"),
    (["serve", "--rate-window", "1e308"], {}, "--rate-window: '1e308'"),
    (["serve", "--rate-window", "0"], {}, "--rate-window: '0' is not a number of seconds (more than 0"),
    (["serve", "--rate-window", "-5"], {}, "--rate-window: '-5'"),
    (["serve"], {"MOCKBSALE_RATE_WINDOW": "soon"}, "--rate-window: 'soon'"),
    (["serve", "--rate-limit", "-1"], {}, "--rate-limit: '-1'"),
    (["serve", "--webhook-timeout", "0"], {}, "--webhook-timeout: '0'"),
    (["serve"], {"MOCKBSALE_WEBHOOK_RETRIES": "many"}, "--webhook-retries: 'many'"),
    (["serve"], {"MOCKBSALE_SEED": "1e400"}, "--seed: '1e400'"),
    (["serve", "--fault", "429:retry_after=1e300"], {}, "retry_after must be between 0 and 86400"),
    (["listen", "--port", "70000"], {}, "--port: '70000' is not a port number"),
    (["listen", "--status", "1000"], {}, "--status: '1000'"),
    (["dump", "-o", "/missing/dir/x.json"], {}, "mockbsale dump: cannot write /missing/dir/x.json: No such file"),
    (["serve", "--port", "1", "--host", "256.1.1.1"], {}, "mockbsale: cannot listen on 256.1.1.1:1"),
    (["serve", "--port", "0"], {"MOCKBSALE_HOST": "no-such-host.invalid"}, "cannot listen on no-such-host.invalid:0: "),
    (["serve"], {"MOCKBSALE_LOG_LEVEL": "bogus"}, "--log-level: 'bogus' is not one of debug, info, warning, error"),
    (["serve", "--log-level", "loud"], {}, "--log-level: 'loud' is not one of"),
]


@pytest.mark.parametrize(("args", "env", "says"), BAD, ids=[" ".join(a) + str(e) for a, e, _ in BAD])
def test_a_bad_command_line_ends_in_one_line_and_exit_2(args: list[str], env: dict[str, str], says: str) -> None:
    done = run(*args, env=env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert says in line, done.stderr


@pytest.mark.parametrize("command", ["serve", "listen"])
def test_a_port_in_use_is_one_line_and_exit_2(command: str) -> None:
    with taken_port() as port:
        done = run(command, "--port", str(port))
    assert done.returncode == 2, done.stderr
    name = "mockbsale listen" if command == "listen" else "mockbsale"
    assert done.stderr.strip().splitlines() == [f"{name}: cannot listen on 127.0.0.1:{port}: Address already in use"]


URL = re.compile(r"(http://[0-9.]+:[0-9]+)")


def answering(url: str) -> None:
    """Wait until the server at `url` answers HTTP (its event loop runs), with a deadline."""
    deadline = time.monotonic() + DEADLINE
    while True:
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline, f"{url} never answered"
            time.sleep(0.05)


@contextmanager
def started(*args: str, ready: str) -> Iterator[subprocess.Popen[str]]:
    """Run `python -m mockbsale ARGS` until a line of standard output contains `ready` and its URL
    answers."""
    process = subprocess.Popen([sys.executable, "-m", "mockbsale", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if ready in line:
                answering(URL.findall(line)[0].replace("0.0.0.0", "127.0.0.1"))
                break
        else:
            raise AssertionError(f"`mockbsale {' '.join(args)}` never printed {ready!r}: {process.stderr.read()}")
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(DEADLINE)


@pytest.mark.parametrize(("args", "ready"), [
    (["serve", "--port", "0", "--log-level", "info"], "listening on"),
    (["listen", "--port", "0"], "receiving webhooks"),
])
def test_ctrl_c_stops_cleanly_with_the_shutdown_report(args: list[str], ready: str) -> None:
    with started(*args, ready=ready) as process:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0, errors
    assert "Traceback" not in errors and "KeyboardInterrupt" not in errors, errors
    assert errors.strip().splitlines()[-1] == f"mockbsale {args[0]}: stopped"
    if args[0] == "serve":
        assert "Finished server process" in errors


def test_a_host_reachable_from_the_network_is_warned_of() -> None:
    reachable = ("serve", "--host", "0.0.0.0", "--port", "0", "--log-level", "warning")
    with started(*reachable, ready="listening on") as process:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=DEADLINE)
    assert "WARNING: listening on 0.0.0.0, not on loopback: the unauthenticated admin API" in errors
    with started("serve", "--port", "0", "--log-level", "warning", ready="listening on") as process:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=DEADLINE)
    assert "WARNING" not in errors


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.8.0.1", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("mock.example", False),
])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback

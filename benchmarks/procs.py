"""Child processes of a benchmark: the servers (`benchmarks.servers`) and the load generator
(`wrk` where it is installed, else `benchmarks.loadgen`)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import httpx

from benchmarks import wrk

PYTHON = sys.executable


class Process:
    """`python -m benchmarks.servers ARGS` for the time of a `with` block; stopped by its own id."""

    def __init__(self, *args: str) -> None:
        self.args = [PYTHON, "-m", "benchmarks.servers", *args]
        self.popen: subprocess.Popen[str] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def __enter__(self) -> Process:
        self.popen = subprocess.Popen(self.args, stdout=subprocess.PIPE, text=True)
        assert self.popen.stdout is not None
        line = self.popen.stdout.readline()
        if not line.startswith("PORT "):
            self.__exit__()
            raise RuntimeError(f"{' '.join(self.args)} did not start: {line!r}")
        self.port = int(line.split()[1])
        wait_until_up(self.url)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.popen is not None:
            self.popen.terminate()
            self.popen.wait(15)
            self.popen = None


def wait_until_up(url: str) -> None:
    for _ in range(600):
        try:
            httpx.get(f"{url}/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} never answered")


LOAD_TOOL = "wrk" if wrk.WRK else "the Python load generator (wrk is not installed)"


def loadgen(url: str, *, method: str = "GET", seconds: float = 3.0, connections: int = 8,
            headers: list[str] | None = None, body: str = "") -> dict[str, Any]:
    """One closed-loop load run in its own process (`LOAD_TOOL`); its figures, with `ok` the 2xx answers."""
    if wrk.WRK:
        return wrk.run(url, method=method, seconds=seconds, connections=connections, headers=headers or [], body=body)
    args = [PYTHON, "-m", "benchmarks.loadgen", url, "--method", method, "--seconds", str(seconds),
            "--connections", str(connections), "--body", body]
    for header in headers or []:
        args += ["--header", header]
    done = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return json.loads(done.stdout)

"""Session start, per-test reset and session stop of the mock as the pytest plugin runs it (a
`MockServer` in a thread, default data seeded), beside pytest-httpserver's start and moto's
`ThreadedMotoServer` stop, measured in this one process. Prints one JSON line (milliseconds, medians).
"""

from __future__ import annotations

import json
import socket
import statistics
import time
from collections.abc import Callable

from mockbsale import MockServer, Settings

ROUNDS = 5
RESETS = 200


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mock_figures() -> dict[str, float]:
    starts, stops, resets = [], [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        server = MockServer(Settings(port=0)).start()
        starts.append((time.perf_counter() - started) * 1000)
        reset = server.engine.reset
        resets.extend(timed(lambda call=server.call, reset=reset: call(reset)) for _ in range(RESETS // ROUNDS))
        stops.append(timed(server.stop))
    return {
        "mock_start_ms": statistics.median(starts),
        "mock_reset_ms": statistics.median(resets),
        "mock_stop_ms": statistics.median(stops),
    }


def httpserver_start() -> float:
    from pytest_httpserver import HTTPServer

    times = []
    for _ in range(ROUNDS):
        server = HTTPServer(host="127.0.0.1", port=0)
        times.append(timed(server.start))
        server.stop()
    return statistics.median(times)


def moto_stop() -> float:
    from moto.server import ThreadedMotoServer

    times = []
    for _ in range(ROUNDS):
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
        server.start()
        times.append(timed(server.stop))
    return statistics.median(times)


def main() -> None:
    figures = mock_figures()
    figures["httpserver_start_ms"] = httpserver_start()
    figures["moto_stop_ms"] = moto_stop()
    print(json.dumps({key: round(value, 3) for key, value in figures.items()}), flush=True)


if __name__ == "__main__":
    main()

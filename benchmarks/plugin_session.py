"""What the pytest plugin costs: session start (server up, data seeded), reset before each test,
session stop; against a bare Starlette app in the same in-thread uvicorn, measured in the same run.

    .venv/bin/python benchmarks/plugin_session.py

The cold figures run in a fresh interpreter each (imports and Faker's locale load included), as
the first `bsale` fixture of a test session pays them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

COLD = """
import time
t0 = time.perf_counter()
from mockbsale_pytest.options import DataSpec
from mockbsale_pytest.servers import LocalBackend
t1 = time.perf_counter()
backend = LocalBackend(DataSpec())
t2 = time.perf_counter()
backend.stop()
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    import threading

    import httpx
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from mockbsale_pytest.options import DataSpec
    from mockbsale_pytest.servers import LocalBackend

    cold = [[float(x) for x in subprocess.check_output([sys.executable, "-c", COLD], text=True).split()]
            for _ in range(3)]

    def bare() -> tuple[uvicorn.Server, threading.Thread]:
        app = Starlette(routes=[Route("/", lambda request: JSONResponse({}))])
        server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.0005)
        return server, thread

    def bare_stop(pair: tuple[uvicorn.Server, threading.Thread]) -> None:
        pair[0].should_exit = True
        pair[1].join()

    bare_starts, bare_stops, starts, stops = [], [], [], []
    for _ in range(5):
        start = time.perf_counter()
        pair = bare()
        bare_starts.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare_stop(pair)
        bare_stops.append(time.perf_counter() - start)
        start = time.perf_counter()
        backend = LocalBackend(DataSpec())
        starts.append(time.perf_counter() - start)
        start = time.perf_counter()
        backend.stop()
        stops.append(time.perf_counter() - start)

    backend = LocalBackend(DataSpec())
    clean = timed(backend.reset, 200)
    token = backend.companies()[0][1]
    client = httpx.Client(base_url=backend.url, headers={"access_token": token})
    dirty = []
    for _ in range(30):
        client.post("/v1/documents.json", json={"documentTypeId": 1, "details": [{"variantId": 1, "quantity": 1}]})
        client.post("/v1/products.json", json={"name": "x", "productTypeId": 1})
        dirty.extend(timed(backend.reset, 1))
    rows = backend.call(lambda engine: sum(len(t) for c in engine.store.companies.values() for t in c.tables.values()))
    client.close()
    backend.stop()

    print(f"default data set: {rows} rows")
    print(f"cold (fresh interpreter): import {median_ms([c[0] for c in cold]):.0f} ms, "
          f"first start {median_ms([c[1] for c in cold]):.0f} ms, stop {median_ms([c[2] for c in cold]):.0f} ms")
    print(f"warm start {median_ms(starts):.1f} ms vs bare uvicorn {median_ms(bare_starts):.1f} ms "
          f"(ratio {median_ms(starts) / median_ms(bare_starts):.1f})")
    print(f"stop {median_ms(stops):.0f} ms vs bare uvicorn {median_ms(bare_stops):.0f} ms "
          f"(ratio {median_ms(stops) / median_ms(bare_stops):.2f})")
    print(f"reset (through the thread-safe door): clean {median_ms(clean):.2f} ms, "
          f"after writes {median_ms(dirty):.2f} ms")


if __name__ == "__main__":
    main()

"""Webhook delivery, end to end: a change on the mock (another process) until its notification
reaches a receiver in this process; beside a raw httpx POST between two local processes.

- latency: `PUT /v1/variants/{id}.json` at 100 changes/s; from the request's start to the arrival;
- sustained: a closed-loop load of changes for a few seconds; deliveries/s until the backlog drains.

Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time
from collections import defaultdict, deque
from typing import Any

import httpx
import orjson
import uvicorn

from benchmarks.procs import Process, loadgen
from benchmarks.servers import TOKEN, listen, plain_config, resident_mb

CHANGES = 300
RATE = 100.0
LOAD_SECONDS = 4.0
DRAIN_SECONDS = 40.0


class Receiver:
    """Records (arrival time, payload) of every POST, answering 200 at once."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[float, dict[str, Any]]] = []
        sock = listen()
        self.port = sock.getsockname()[1]
        self.server = uvicorn.Server(plain_config(self.app))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)

    async def app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.arrivals.append((time.monotonic(), orjson.loads(body) if body else {}))
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)


def percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    p99 = values[int(len(values) * 0.99)]
    return {"p50_ms": round(statistics.median(values) * 1000, 3), "p99_ms": round(p99 * 1000, 3)}


def paced(send: Any) -> list[float]:
    """Call `send(i)` CHANGES times at RATE per second; the start times."""
    started: list[float] = []
    begin = time.monotonic()
    for number in range(CHANGES):
        wait = begin + number / RATE - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        started.append(time.monotonic())
        send(number)
    return started


def wait_for(receiver: Receiver, count: int) -> None:
    deadline = time.monotonic() + DRAIN_SECONDS
    while len(receiver.arrivals) < count and time.monotonic() < deadline:
        time.sleep(0.01)


def mock_latency(receiver: Receiver, url: str, variant_ids: list[int]) -> dict[str, float]:
    receiver.arrivals.clear()
    sent: dict[int, deque[float]] = defaultdict(deque)
    with httpx.Client(base_url=url, headers={"access_token": TOKEN}) as client:

        def change(number: int) -> None:
            variant_id = variant_ids[number % len(variant_ids)]
            sent[variant_id].append(time.monotonic())
            client.put(f"/v1/variants/{variant_id}.json", json={"description": f"cambio {number}"}).raise_for_status()

        paced(change)
    wait_for(receiver, CHANGES)
    latencies = []
    for arrived, payload in sorted(receiver.arrivals, key=lambda item: item[0]):
        if payload.get("topic") == "variant" and sent[int(payload["resourceId"])]:
            latencies.append(arrived - sent[int(payload["resourceId"])].popleft())
    return {**percentiles(latencies), "delivered": len(latencies)}


def mock_sustained(receiver: Receiver, mock: Process, variant_id: int) -> dict[str, float]:
    """Also the mock's RSS before the load and after the drain: what the delivery log grew by."""
    receiver.arrivals.clear()
    url = mock.url
    rss_before = resident_mb(mock.pid)
    load = loadgen(f"{url}/v1/variants/{variant_id}.json", method="PUT", seconds=LOAD_SECONDS, connections=8,
                   headers=[f"access_token: {TOKEN}", "Content-Type: application/json"], body='{"description": "x"}')
    changes = load["ok"]
    wait_for(receiver, changes)
    rss_after = resident_mb(mock.pid)
    times = [arrived for arrived, payload in receiver.arrivals if payload.get("topic") == "variant"]
    span = max(times) - min(times) if len(times) > 1 else float("inf")
    third = span / 3
    first = sum(1 for t in times if t < min(times) + third)
    last = sum(1 for t in times if t >= max(times) - third)
    return {
        "changes": changes,
        "delivered": len(times),
        "deliveries_per_s": round(len(times) / span, 1),
        "last_third_vs_first": round(last / first, 3) if first else 0.0,
        "api_rps_while_delivering": load["rps"],
        "rss_before_mb": rss_before,
        "rss_after_mb": rss_after,
    }


def raw_figures(port: int) -> dict[str, float]:
    """A raw httpx POST from this process to a receiver in another: awaited latency, and 4 in flight."""
    url = f"http://127.0.0.1:{port}/hook"
    with httpx.Client() as client:
        durations: list[float] = []

        def post(number: int) -> None:
            started = time.monotonic()
            client.post(url, json={"topic": "variant", "resourceId": number})
            durations.append(time.monotonic() - started)

        paced(post)

    async def sustained() -> int:
        done = 0
        deadline = time.monotonic() + LOAD_SECONDS

        async def worker(client: httpx.AsyncClient) -> None:
            nonlocal done
            while time.monotonic() < deadline:
                await client.post(url, json={"topic": "variant", "resourceId": done})
                done += 1

        async with httpx.AsyncClient() as client:
            await asyncio.gather(*(worker(client) for _ in range(4)))
        return done

    posted = asyncio.run(sustained())
    return {**percentiles(durations), "posts_per_s": round(posted / LOAD_SECONDS, 1)}


def main() -> None:
    receiver = Receiver()
    try:
        with Process("mock", "--webhook-url", f"http://127.0.0.1:{receiver.port}/hook") as mock:
            variant_ids = [item["id"] for item in httpx.get(
                f"{mock.url}/v1/variants.json", params={"limit": 50}, headers={"access_token": TOKEN}).json()["items"]]
            figures: dict[str, Any] = {"mock_latency": mock_latency(receiver, mock.url, variant_ids)}
            figures["mock_sustained"] = mock_sustained(receiver, mock, variant_ids[0])
    finally:
        receiver.stop()
    with Process("receiver") as raw:
        figures["raw"] = raw_figures(raw.port)
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()

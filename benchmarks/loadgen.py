"""A closed-loop HTTP/1.1 load generator: N keep-alive connections, each sending the next request as
soon as the previous answer is read, for a fixed time. Runs as its own process (`python -m
benchmarks.loadgen`) so that it never shares an interpreter with the server it measures.

Prints one JSON line: {"requests", "seconds", "rps", "ok" (2xx answers), "statuses", "p50_ms", "p99_ms"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter
from urllib.parse import urlsplit


def build_request(method: str, url: str, headers: list[str], body: bytes) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", f"Content-Length: {len(body)}"]
    lines += headers
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return parts.hostname or "127.0.0.1", parts.port or 80, head + body


async def connection(host: str, port: int, request: bytes, deadline: float, latencies: list[float],
                     statuses: Counter[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    clock = time.perf_counter
    try:
        while clock() < deadline:
            started = clock()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            latencies.append(clock() - started)
            statuses[int(head[9:12])] += 1
    finally:
        writer.close()


async def run(url: str, method: str, headers: list[str], body: bytes, connections: int, seconds: float) -> dict:
    host, port, request = build_request(method, url, headers, body)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(connection(host, port, request, deadline, latencies, statuses) for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count,
        "seconds": round(elapsed, 3),
        "rps": round(count / elapsed, 1),
        "ok": sum(n for status, n in statuses.items() if 200 <= status < 300),
        "statuses": {str(status): n for status, n in statuses.items()},
        "p50_ms": round(latencies[count // 2] * 1000, 3) if count else None,
        "p99_ms": round(latencies[int(count * 0.99)] * 1000, 3) if count else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--method", default="GET")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', repeatable")
    parser.add_argument("--body", default="", help="request body (sent verbatim)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    try:
        from uvloop import run as run_loop
    except ImportError:
        run_loop = asyncio.run
    result = run_loop(run(args.url, args.method, args.header, args.body.encode(), args.connections, args.seconds))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

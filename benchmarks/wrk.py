"""Load with `wrk` (a C load generator, Debian's `wrk` package): one thread, keep-alive connections,
a fixed time. Its Lua `done` hook prints one JSON line, read back as the same figures
`benchmarks.loadgen` gives: {"requests", "seconds", "rps", "statuses", "p50_ms", "p99_ms"}
(`statuses` splits "2xx" from "other": wrk counts answers outside 2xx/3xx, not each status).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from typing import Any

WRK = shutil.which("wrk")

SCRIPT = """
wrk.method = "{method}"
wrk.body = [==[{body}]==]
{headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{{"requests": %d, "us": %d, "other": %d, "socket_errors": %d, "p50_us": %d, "p99_us": %d}}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def lua_script(method: str, headers: list[str], body: str) -> str:
    lines = []
    for header in headers:
        name, _, value = header.partition(":")
        lines.append(f'wrk.headers["{name.strip()}"] = [==[{value.strip()}]==]')
    return SCRIPT.format(method=method, body=body, headers="\n".join(lines))


def run(url: str, *, method: str, seconds: float, connections: int, headers: list[str], body: str) -> dict[str, Any]:
    """One wrk run; raises if wrk is missing or its output cannot be read."""
    if WRK is None:
        raise RuntimeError("wrk is not installed")
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(lua_script(method, headers, body))
        script.flush()
        args = [WRK, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "-s", script.name, url]
        done = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60, check=True)
    line = next(line for line in reversed(done.stdout.splitlines()) if line.startswith("{"))
    figures = json.loads(line)
    elapsed = figures["us"] / 1e6
    ok = figures["requests"] - figures["other"]
    return {
        "requests": figures["requests"],
        "seconds": round(elapsed, 3),
        "rps": round(figures["requests"] / elapsed, 1) if elapsed else 0.0,
        "ok": ok,
        "statuses": {"2xx": ok, "other": figures["other"], "socket_errors": figures["socket_errors"]},
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
    }

"""Every benchmark figure in one run, each printed as a ratio to a baseline measured in the same run:

    .venv/bin/python -m benchmarks.run [--seconds 3] [--only http,catalog,lifecycle,webhooks]

- http: requests/s of the mock against a bare Starlette route answering the same JSON body;
- catalog: the same list and filters on 1,000 and on 100,000 variants, and the RSS of the latter;
- lifecycle: plugin session start / reset / stop beside pytest-httpserver and moto;
- webhooks: end-to-end latency and sustained deliveries/s beside a raw httpx POST.

Servers and the load generator each run in their own process on 127.0.0.1; every run stops by itself.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from benchmarks.procs import PYTHON, Process, loadgen
from benchmarks.servers import TOKEN

HEADERS = [f"access_token: {TOKEN}", "Content-Type: application/json"]
SMALL, LARGE = 1_000, 100_000
ROUNDS = 3


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    method: str = "GET"
    body: str = ""
    target: float | None = None


def http_scenarios(mock_url: str) -> list[Scenario]:
    scenarios = [
        Scenario("GET one variant", "/v1/variants/1.json", target=0.7),
        Scenario("GET 25-item list", "/v1/variants.json", target=0.5),
        Scenario("GET list with expand", "/v1/variants.json?expand=[product,attribute_values]"),
    ]
    paths = httpx.get(f"{mock_url}/openapi.json").json()["paths"]
    if "post" in paths.get("/v1/documents.json", {}):
        body = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "declareSii": 0,
                "details": [{"variantId": 1, "quantity": 1, "netUnitValue": 1000}]}
        scenarios.append(Scenario("POST document with dispatch", "/v1/documents.json", "POST", json.dumps(body)))
    return scenarios


def capture(mock_url: str, scenarios: list[Scenario]) -> dict[str, Any]:
    """The body the mock answers for each scenario, keyed by path and query (what the baseline serves)."""
    bodies = {}
    with httpx.Client(base_url=mock_url, headers={"access_token": TOKEN, "Content-Type": "application/json"}) as c:
        for scenario in scenarios:
            answer = c.request(scenario.method, scenario.path, content=scenario.body or None)
            answer.raise_for_status()
            bodies[scenario.path] = answer.json()
    return bodies


def measure(url: str, scenario: Scenario, seconds: float) -> dict[str, Any]:
    return loadgen(url + scenario.path, method=scenario.method, seconds=seconds, headers=HEADERS, body=scenario.body)


def paired(ours: str, base: str, scenario: Scenario, seconds: float) -> tuple[float, float]:
    """Median req/s of each side over ROUNDS interleaved runs (the machine's noise hits both)."""
    runs: dict[str, list[float]] = {ours: [], base: []}
    for _ in range(ROUNDS):
        for url, rates in runs.items():
            rates.append(measure(url, scenario, seconds)["rps"])
    return statistics.median(runs[ours]), statistics.median(runs[base])


def http_figures(seconds: float) -> list[tuple[str, float, float, float | None, str]]:
    rows = []
    with (tempfile.NamedTemporaryFile("w", suffix=".json") as bodies_file,
          Process("receiver") as receiver,
          Process("mock", "--stock", "1e12", "--webhook-url", f"{receiver.url}/hook") as mock):
        scenarios = http_scenarios(mock.url)
        bodies = capture(mock.url, scenarios)
        json.dump(bodies, bodies_file)
        bodies_file.flush()
        with Process("baseline", bodies_file.name) as baseline:
            for scenario in scenarios:
                ours, bare = paired(mock.url, baseline.url, scenario, seconds)
                size = len(json.dumps(bodies[scenario.path]))
                rows.append((f"{scenario.name} ({size:,} B) req/s", ours, bare, scenario.target, "bare Starlette"))
    return rows


def catalog_figures(seconds: float) -> list[tuple[str, float, float, float | None, str]]:
    scenarios = [
        Scenario("25-item list", "/v1/variants.json"),
        Scenario("indexed filter code=", "/v1/variants.json?code=BENCH-900", target=0.9),
        Scenario("indexed filter productid=", "/v1/variants.json?productid=3", target=0.9),
    ]
    with Process("mock", "--variants", str(SMALL)) as small, Process("mock", "--variants", str(LARGE)) as large:
        rss = (resident_mb(large.pid), resident_mb(small.pid))
        rows = [(f"{s.name} at 100k vs 1k variants, req/s", *paired(large.url, small.url, s, seconds), s.target,
                 "1k catalog") for s in scenarios]
    rows.append(("RSS with 100k variants, MB", *rss, None, "RSS with 1k (target <= 300 MB)"))
    return rows


def resident_mb(pid: int) -> float:
    import psutil

    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)


def module_json(name: str) -> dict[str, Any]:
    done = subprocess.run([PYTHON, "-m", name], capture_output=True, text=True, timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def lifecycle_figures(seconds: float) -> list[tuple[str, float, float, float | None, str]]:
    f = module_json("benchmarks.lifecycle")
    return [
        ("session start, ms (target <= 100)", f["mock_start_ms"], f["httpserver_start_ms"], None,
         "pytest-httpserver start"),
        ("per-test reset, ms (target <= 2)", f["mock_reset_ms"], f["httpserver_start_ms"], None,
         "pytest-httpserver start"),
        ("session stop, ms (target <= 200)", f["mock_stop_ms"], f["moto_stop_ms"], None, "moto server stop"),
    ]


def webhook_figures(seconds: float) -> list[tuple[str, float, float, float | None, str]]:
    f = module_json("benchmarks.webhooks")
    latency, sustained, raw = f["mock_latency"], f["mock_sustained"], f["raw"]
    return [
        ("webhook p50 at 100 changes/s, ms (target <= 2)", latency["p50_ms"], raw["p50_ms"], None, "raw httpx POST"),
        ("webhook p99 at 100 changes/s, ms", latency["p99_ms"], raw["p99_ms"], None, "raw httpx POST"),
        (f"deliveries/s sustained ({sustained['delivered']} of {sustained['changes']} changes; last/first third "
         f"{sustained['last_third_vs_first']})", sustained["deliveries_per_s"], raw["posts_per_s"], None,
         "raw httpx POST, 4 in flight"),
    ]


SECTIONS: dict[str, Callable[[float], list[tuple[str, float, float, float | None, str]]]] = {
    "http": http_figures,
    "catalog": catalog_figures,
    "lifecycle": lifecycle_figures,
    "webhooks": webhook_figures,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="length of each load run (3 rounds a side)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    args = parser.parse_args()
    print(f"{'figure':<78} {'mock':>10} {'baseline':>10} {'ratio':>7}  target  baseline is")
    for section in args.only.split(","):
        for name, ours, base, target, what in SECTIONS[section](args.seconds):
            ratio = ours / base if base else float("nan")
            verdict = "" if target is None else (f">={target} ok" if ratio >= target else f">={target} MISSED")
            print(f"{name:<78} {ours:>10.5g} {base:>10.5g} {ratio:>7.2f}  {verdict:<6}  {what}", flush=True)


if __name__ == "__main__":
    main()

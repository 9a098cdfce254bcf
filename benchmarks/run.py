"""Every benchmark figure in one run, each printed as a ratio to a baseline measured in the same run:

    .venv/bin/python -m benchmarks.run [--seconds 3] [--only http,catalog,memory,lifecycle,webhooks]

- http: requests/s of the mock against a plain Starlette route (no catch-all path, no body read)
  answering the same JSON body, loaded by wrk (the Python load generator where wrk is missing);
- catalog: the same list and filters on 1,000 and on 100,000 variants, and the RSS of the latter;
- memory: RSS growth of the request journal over 50,000 requests;
- lifecycle: plugin session start / reset / stop beside pytest-httpserver and moto;
- webhooks: end-to-end latency and sustained deliveries/s beside a raw httpx POST; the delivery log's RSS.

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

from benchmarks.procs import LOAD_TOOL, PYTHON, Process, loadgen
from benchmarks.servers import TOKEN, cpu_seconds, resident_mb

HEADERS = [f"access_token: {TOKEN}", "Content-Type: application/json"]
SMALL, LARGE = 1_000, 100_000
ROUNDS = 3
CONNECTIONS = 32
DRAIN_SECONDS = 60


@dataclass(frozen=True)
class Goal:
    """A target: the ratio (or, with `on_value`, the mock's own figure) at least / at most `bound`."""

    bound: float
    at_most: bool = False
    on_value: bool = False

    def verdict(self, value: float, ratio: float) -> str:
        measured = value if self.on_value else ratio
        met = measured <= self.bound if self.at_most else measured >= self.bound
        sign, unit = "<=" if self.at_most else ">=", "" if self.on_value else "x"
        return f"{sign}{self.bound:g}{unit} {'ok' if met else 'MISSED'}"


Row = tuple[str, float, float, Goal | None, str]


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    method: str = "GET"
    body: str = ""
    goal: Goal | None = None


def http_scenarios(mock_url: str) -> list[Scenario]:
    scenarios = [
        Scenario("GET one variant", "/v1/variants/1.json", goal=Goal(1.0)),
        Scenario("GET 25-item list", "/v1/variants.json", goal=Goal(0.9)),
        Scenario("GET list with expand", "/v1/variants.json?expand=[product,attribute_values]", goal=Goal(0.8)),
    ]
    paths = httpx.get(f"{mock_url}/openapi.json").json()["paths"]
    if "post" in paths.get("/v1/documents.json", {}):
        body = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "declareSii": 0,
                "details": [{"variantId": 1, "quantity": 1, "netUnitValue": 1000}]}
        scenarios.append(Scenario("POST document with dispatch", "/v1/documents.json", "POST", json.dumps(body),
                                  Goal(0.5)))
    return scenarios


def capture(mock_url: str, scenarios: list[Scenario]) -> dict[str, tuple[int, Any]]:
    """The status and body the mock answers for each scenario, keyed by path and query (what the baseline serves)."""
    answers = {}
    with httpx.Client(base_url=mock_url, headers={"access_token": TOKEN, "Content-Type": "application/json"}) as c:
        for scenario in scenarios:
            answer = c.request(scenario.method, scenario.path, content=scenario.body or None)
            answer.raise_for_status()
            answers[scenario.path] = (answer.status_code, answer.json())
    return answers


@dataclass(frozen=True)
class Figures:
    """Medians over the interleaved rounds, per side: req/s, and the server's CPU time per request
    (user + system of its process, µs), which the machine's other load disturbs far less."""

    rps: tuple[float, float]
    cpu_us: tuple[float, float]


def drain_webhooks(mock: Process) -> None:
    """Wait until the mock has delivered every notification a load raised (`POST /_mock/webhooks/drain`)."""
    idle = httpx.post(f"{mock.url}/_mock/webhooks/drain", params={"timeout": DRAIN_SECONDS},
                      timeout=DRAIN_SECONDS + 5).json()["idle"]
    if not idle:
        raise RuntimeError(f"the mock still had webhooks to deliver {DRAIN_SECONDS:g} s after a load")


def measure(server: Process, scenario: Scenario, seconds: float, mock: bool) -> tuple[float, float]:
    """(req/s, server CPU µs per request) of one run; any answer outside 2xx is a failure, not a figure.
    The mock's CPU includes delivering the notifications its writes raised (waited for after the load,
    so none is left to the next run or to the server's shutdown)."""
    before = cpu_seconds(server.pid)
    result = loadgen(server.url + scenario.path, method=scenario.method, seconds=seconds, connections=CONNECTIONS,
                     headers=HEADERS, body=scenario.body)
    if mock and scenario.method != "GET":
        drain_webhooks(server)
    used = cpu_seconds(server.pid) - before
    if result["ok"] != result["requests"]:
        raise RuntimeError(f"{scenario.name} on {server.url}: {result['requests'] - result['ok']} answers outside 2xx")
    return result["rps"], used / max(result["requests"], 1) * 1e6


def paired(ours: Process, base: Process, scenario: Scenario, seconds: float) -> Figures:
    """Each side's medians over ROUNDS interleaved runs (the machine's noise hits both)."""
    runs: dict[Process, list[tuple[float, float]]] = {ours: [], base: []}
    for _ in range(ROUNDS):
        for server, results in runs.items():
            results.append(measure(server, scenario, seconds, server is ours))

    def median(server: Process, field: int) -> float:
        return statistics.median(result[field] for result in runs[server])

    return Figures((median(ours, 0), median(base, 0)), (median(ours, 1), median(base, 1)))


def rows_of(name: str, figures: Figures, goal: Goal | None, baseline: str) -> list[Row]:
    """The req/s row, and the CPU-per-request row with the same goal read for CPU (at most 1/goal)."""
    cpu_goal = None if goal is None else Goal(round(1 / goal.bound, 2), at_most=True)
    return [(f"{name} req/s", *figures.rps, goal, baseline),
            (f"{name} server CPU us/request", *figures.cpu_us, cpu_goal, baseline)]


def http_figures(seconds: float) -> list[Row]:
    rows = []
    with (tempfile.NamedTemporaryFile("w", suffix=".json") as bodies_file,
          Process("receiver") as receiver,
          Process("mock", "--stock", "1e12", "--webhook-url", f"{receiver.url}/hook") as mock):
        scenarios = http_scenarios(mock.url)
        answers = capture(mock.url, scenarios)
        json.dump(answers, bodies_file)
        bodies_file.flush()
        with Process("baseline", bodies_file.name) as baseline:
            for scenario in scenarios:
                size = len(json.dumps(answers[scenario.path][1]))
                rows += rows_of(f"{scenario.name} ({size:,} B)", paired(mock, baseline, scenario, seconds),
                                scenario.goal, "plain Starlette route")
    return rows


def catalog_figures(seconds: float) -> list[Row]:
    scenarios = [
        Scenario("25-item list", "/v1/variants.json", goal=Goal(0.9)),
        Scenario("indexed filter code=", "/v1/variants.json?code=BENCH-900", goal=Goal(0.9)),
        Scenario("indexed filter productid=", "/v1/variants.json?productid=3", goal=Goal(0.9)),
    ]
    with Process("mock", "--variants", str(SMALL)) as small, Process("mock", "--variants", str(LARGE)) as large:
        rss = (resident_mb(large.pid), resident_mb(small.pid))
        rows: list[Row] = []
        for scenario in scenarios:
            rows += rows_of(f"{scenario.name} at 100k vs 1k variants,", paired(large, small, scenario, seconds),
                            scenario.goal, "1k catalog")
    rows.append(("RSS with 100k variants, MB", *rss, Goal(200, at_most=True, on_value=True), "RSS with 1k"))
    return rows


JOURNAL_REQUESTS = 50_000


def journal_figures(seconds: float) -> list[Row]:
    """RSS of a mock before and after JOURNAL_REQUESTS PUTs with a body (each one a journal entry)."""
    body = json.dumps({"description": "x" * 200})
    with Process("mock") as mock:
        before = resident_mb(mock.pid)
        done = 0
        while done < JOURNAL_REQUESTS:
            done += loadgen(f"{mock.url}/v1/variants/1.json", method="PUT", seconds=5, connections=CONNECTIONS,
                            headers=HEADERS, body=body)["requests"]
        after = resident_mb(mock.pid)
    return [(f"journal: RSS after {done:,} PUTs of {len(body)} B, MB", after, before, None, "RSS before")]


def module_json(name: str) -> dict[str, Any]:
    done = subprocess.run([PYTHON, "-m", name], capture_output=True, text=True, timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def lifecycle_figures(seconds: float) -> list[Row]:
    f = module_json("benchmarks.lifecycle")
    return [
        ("session start, ms", f["mock_start_ms"], f["httpserver_start_ms"], Goal(100, True, True),
         "pytest-httpserver start"),
        ("per-test reset, ms", f["mock_reset_ms"], f["httpserver_start_ms"], Goal(2, True, True),
         "pytest-httpserver start"),
        ("session stop, ms", f["mock_stop_ms"], f["moto_stop_ms"], Goal(200, True, True), "moto server stop"),
    ]


def webhook_figures(seconds: float) -> list[Row]:
    f = module_json("benchmarks.webhooks")
    latency, sustained, raw = f["mock_latency"], f["mock_sustained"], f["raw"]
    return [
        ("webhook p50 at 100 changes/s, ms", latency["p50_ms"], raw["p50_ms"], Goal(1.3, at_most=True),
         "raw httpx POST"),
        ("webhook p99 at 100 changes/s, ms", latency["p99_ms"], raw["p99_ms"], None, "raw httpx POST"),
        (f"deliveries/s sustained ({sustained['delivered']} of {sustained['changes']} changes; last/first third "
         f"{sustained['last_third_vs_first']})", sustained["deliveries_per_s"], raw["posts_per_s"], None,
         "raw httpx POST, 4 in flight"),
        (f"delivery log: RSS after {sustained['delivered']:,} deliveries, MB", sustained["rss_after_mb"],
         sustained["rss_before_mb"], None, "RSS before"),
    ]


SECTIONS: dict[str, Callable[[float], list[Row]]] = {
    "http": http_figures,
    "catalog": catalog_figures,
    "memory": journal_figures,
    "lifecycle": lifecycle_figures,
    "webhooks": webhook_figures,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="length of each load run (3 rounds a side)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    args = parser.parse_args()
    print(f"load generated by {LOAD_TOOL}: 1 thread, {CONNECTIONS} keep-alive connections, "
          f"{ROUNDS} interleaved rounds a side, medians")
    print(f"{'figure':<78} {'mock':>10} {'baseline':>10} {'ratio':>7}  {'target':<14}  baseline is")
    for section in args.only.split(","):
        for name, ours, base, goal, what in SECTIONS[section](args.seconds):
            ratio = ours / base if base else float("nan")
            verdict = "" if goal is None else goal.verdict(ours, ratio)
            print(f"{name:<78} {ours:>10.5g} {base:>10.5g} {ratio:>7.2f}  {verdict:<14}  {what}", flush=True)


if __name__ == "__main__":
    main()

"""The webhook commands as a user runs them: `listen`, `serve --webhook-url`, `trigger` (real processes)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.test_cli import serve

LISTENING = re.compile(r"on (http://\S+)/ ")


@contextmanager
def listen(*args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run `python -m mockbsale listen --port 0 ARGS`; yield (its URL, the process)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mockbsale", "listen", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    assert process.stdout is not None
    try:
        first = process.stdout.readline()
        match = LISTENING.search(first)
        assert match, first
        yield match.group(1), process
    finally:
        process.terminate()
        process.wait(10)


def next_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    return process.stdout.readline()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mockbsale", *args], capture_output=True, text=True, timeout=60)


def test_listen_prints_one_line_per_notification_and_answers_the_chosen_status() -> None:
    with listen("--status", "503") as (url, process):
        payload = {"cpnId": 2, "resource": "/v2/variants/7079.json", "resourceId": "7079", "topic": "variant",
                   "action": "put", "send": 1503500856}
        answer = httpx.post(f"{url}/hook?secret=x", json=payload)
        assert answer.status_code == 503
        line = next_line(process)
    assert " POST /hook?secret=x -> 503  variant/put 7079  " in line
    assert json.loads(line.split("  ")[-1]) == payload


@pytest.mark.long
def test_serve_listen_trigger_in_three_commands() -> None:
    with listen() as (hook_url, receiver), serve("--port", "0", "--webhook-url", f"{hook_url}/hook?secret=x",
                                                 "--webhook-topics", "price,stock") as (url, _):
        done = run("trigger", "stock", "--url", url, "--resource-id", "4")
        assert done.returncode == 0, done.stderr
        [printed] = [json.loads(line) for line in done.stdout.splitlines()]
        assert printed["resource"] == "/v2/stocks.json?variant=4&office=1"
        line = next_line(receiver)
        assert " POST /hook?secret=x -> 200  stock/put 4  " in line
        assert json.loads(line.split("  ")[-1]) == printed
        run("trigger", "product", "--action", "put", "--url", url)
        run("trigger", "price", "--url", url)
        assert " price/put " in next_line(receiver)
        deliveries = httpx.get(f"{url}/_mock/webhooks/deliveries").json()
        assert [item["payload"]["topic"] for item in deliveries["items"]] == ["price", "stock"]


@pytest.mark.long
def test_trigger_reports_errors() -> None:
    unknown = run("trigger", "rcof")
    assert unknown.returncode == 2 and "invalid choice: 'rcof'" in unknown.stderr
    with serve("--port", "0") as (url, _):
        bad = run("trigger", "price", "--action", "post", "--url", url)
        assert bad.returncode == 1 and "Bsale sends price notifications for put only" in bad.stderr
    down = run("trigger", "stock", "--url", "http://127.0.0.1:9")
    assert down.returncode == 1 and "cannot reach the mock at http://127.0.0.1:9" in down.stderr


@pytest.mark.long
def test_bad_webhook_flags_are_usage_errors() -> None:
    assert "unknown webhook topics: nope" in run("serve", "--webhook-topics", "stock,nope").stderr
    assert "webhook url must be an http(s) URL" in run("serve", "--webhook-url", "localhost:9000").stderr


def test_webhook_variables_configure_every_company() -> None:
    env = {"MOCKBSALE_PORT": "0", "MOCKBSALE_TOKEN": "a,b", "MOCKBSALE_WEBHOOK_URL": "http://127.0.0.1:9/x?s=1",
           "MOCKBSALE_WEBHOOK_TOPICS": "stock", "MOCKBSALE_WEBHOOK_ACTIONS": "put"}
    with serve(env=env) as (url, _):
        subscriptions = httpx.get(f"{url}/_mock/webhooks/subscriptions").json()
    assert [(s["cpnId"], s["url"], s["topics"], s["actions"]) for s in subscriptions] == [
        (1, "http://127.0.0.1:9/x?s=1", ["stock"], ["put"]), (2, "http://127.0.0.1:9/x?s=1", ["stock"], ["put"])
    ]

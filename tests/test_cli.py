"""`mockbsale serve` as a user runs it: a real process, its banner, its flags and variables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

BANNER_URL = re.compile(r"listening on (http://\S+)")


@contextmanager
def serve(
    *args: str, env: dict[str, str] | None = None, log: list[str] | None = None
) -> Iterator[tuple[str, str]]:
    """Run `python -m mockbsale serve ARGS`; yield (base URL, banner text); what it printed after
    the banner is appended to `log` once it stopped."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mockbsale", "serve", "--log-level", "warning", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    try:
        banner = []
        for line in process.stdout:
            banner.append(line)
            if "admin API" in line:
                break
        text = "".join(banner)
        match = BANNER_URL.search(text)
        assert match, f"no URL in the banner:\n{text}"
        yield match.group(1), text
    finally:
        process.terminate()
        rest = process.communicate(timeout=10)[0]
        if log is not None:
            log.append(rest)


def test_serve_prints_url_company_and_token_and_answers() -> None:
    with serve("--port", "0", "--token", "cli-token", "--seed", "3") as (url, banner):
        assert "cpnId=1" in banner and "access_token: cli-token" in banner
        response = httpx.get(f"{url}/v1/offices.json", headers={"access_token": "cli-token"})
        assert response.status_code == 200 and response.json()["count"] == 3
        assert httpx.get(f"{url}/v1/offices.json").status_code == 401


def test_environment_variables_set_the_flags() -> None:
    with serve(env={"MOCKBSALE_PORT": "0", "MOCKBSALE_TOKEN": "env-a,env-b"}) as (url, banner):
        assert "access_token: env-a" in banner and "access_token: env-b" in banner
        a = httpx.get(f"{url}/v1/instances/basic/env-a.json").json()
        b = httpx.get(f"{url}/v1/instances/basic/env-b.json").json()
        assert (a["id"], b["id"]) == (1, 2)


def test_fixtures_round_trip(tmp_path: Path) -> None:
    """A snapshot written by one server is a data set another one loads with `--fixtures`."""
    with serve("--port", "0", "--token", "snap", "--seed", "5") as (url, _):
        headers = {"access_token": "snap"}
        httpx.post(f"{url}/v1/offices.json", json={"name": "Bodega Quilicura"}, headers=headers)
        snapshot = httpx.get(f"{url}/_mock/snapshot").json()
    path = tmp_path / "data.json"
    path.write_text(json.dumps(snapshot))
    with serve("--port", "0", "--fixtures", str(path)) as (url, banner):
        assert "access_token: snap" in banner
        offices = httpx.get(f"{url}/v1/offices.json", headers={"access_token": "snap"}).json()
        assert offices["items"][-1]["name"] == "Bodega Quilicura"
        assert httpx.get(f"{url}/_mock/snapshot").json() == snapshot


def test_bad_fixtures_path_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mockbsale", "serve", "--fixtures", str(tmp_path / "missing.json")],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2
    assert "cannot load the data" in result.stderr and "Traceback" not in result.stderr


def test_help_documents_every_flag() -> None:
    result = subprocess.run([sys.executable, "-m", "mockbsale", "serve", "--help"], capture_output=True, text=True)
    for flag in ("--host", "--port", "--seed", "--token", "--fixtures", "MOCKBSALE_PORT"):
        assert flag in result.stdout


def test_dump_writes_what_serve_starts_with(tmp_path: Path) -> None:
    path = tmp_path / "seed4.json"
    subprocess.run([sys.executable, "-m", "mockbsale", "dump", "--seed", "4", "--token", "d", "-o", str(path)],
                   check=True, timeout=60)
    with serve("--port", "0", "--seed", "4", "--token", "d") as (url, _):
        assert json.loads(path.read_text()) == httpx.get(f"{url}/_mock/snapshot").json()


def test_shipped_demo_fixtures_are_the_default_data_set() -> None:
    """`fixtures/demo.json` is `mockbsale dump` of the default seed (regenerate it when the data changes)."""
    shipped = Path(__file__).parent.parent / "fixtures" / "demo.json"
    generated = subprocess.run([sys.executable, "-m", "mockbsale", "dump"], capture_output=True, text=True,
                               check=True, timeout=60).stdout
    assert json.loads(shipped.read_text()) == json.loads(generated)

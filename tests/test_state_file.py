"""`serve --state-file`: the whole state survives a restart, is saved while serving, and a crash in
the middle of a save (kill -9) leaves the previous complete file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale.cli import main
from tests.test_cli import serve

TOKEN = "state-token"


def server_state(url: str) -> dict[str, Any]:
    """Everything a restart must keep, read through the admin API."""
    admin = httpx.Client(base_url=url, timeout=10)
    faults = admin.get("/_mock/faults").json()
    for kinds in faults["companies"].values():
        for fault in kinds:
            fault.pop("seen"), fault.pop("injected")
    return {
        "snapshot": admin.get("/_mock/snapshot").json(),
        "subscriptions": admin.get("/_mock/webhooks/subscriptions").json(),
        "faults": faults,
        "rate_limit": admin.get("/_mock/rate-limit").json(),
    }


def change_everything(url: str) -> None:
    api = httpx.Client(base_url=url, headers={"access_token": TOKEN}, timeout=10)
    assert api.post("/v1/offices.json", json={"name": "Bodega Quilicura"}).status_code == 201
    sale = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "details": [{"variantId": 1, "quantity": 2}]}
    assert api.post("/v1/documents.json", json=sale).status_code == 201
    admin = httpx.Client(base_url=url, timeout=10)
    hook = {"url": "http://127.0.0.1:9/hook?secret=x", "cpnId": 1, "topics": ["stock"], "faults": {"drop": 0.5}}
    created = admin.post("/_mock/webhooks/subscriptions", json=hook)
    assert created.status_code == 201
    paused = admin.put(f"/_mock/webhooks/subscriptions/{created.json()['id']}", json={"paused": True})
    assert paused.json()["paused"] is True
    assert admin.post("/_mock/faults", json={"cpnId": 1, "kind": "latency", "ms": 5, "rate": 0.5}).status_code < 300
    assert admin.put("/_mock/rate-limit", json={"limit": 3000, "window": 300}).status_code == 200


def test_the_state_survives_a_restart_losslessly(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with serve("--port", "0", "--token", TOKEN, "--seed", "3", "--state-file", str(path),
               "--state-save-every", "0") as (url, _):
        change_everything(url)
        before = server_state(url)
    assert path.exists(), "the state was not saved on shutdown"
    with serve("--port", "0", env={"MOCKBSALE_STATE_FILE": str(path)}) as (url, banner):
        assert f"access_token: {TOKEN}" in banner
        after = server_state(url)
    assert after == before
    assert any(office["name"] == "Bodega Quilicura" for office in before["snapshot"]["companies"][0]["tables"]
               ["offices"]["rows"])


def test_the_state_is_saved_while_serving(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    settings = Settings(port=0, tokens=[TOKEN], state_file=str(path), state_save_every=0.05)
    with MockServer(settings) as server:
        api = httpx.Client(base_url=server.url, headers={"access_token": TOKEN}, timeout=10)
        office = api.post("/v1/offices.json", json={"name": "Sala de ventas Temuco"}).json()
        deadline = time.monotonic() + 10
        while not (path.exists() and "Sala de ventas Temuco" in path.read_text()):
            assert time.monotonic() < deadline, "the new office never reached the state file"
            time.sleep(0.02)
    saved = json.loads(path.read_text())
    assert saved["companies"][0]["tables"]["offices"]["rows"][-1]["id"] == office["id"]


@pytest.mark.long
def test_a_kill_during_a_save_leaves_the_previous_complete_file(tmp_path: Path) -> None:
    """Many companies make each save long; writes keep it saving; kill -9 when a temporary file is there."""
    path = tmp_path / "state.json"
    tokens = [arg for index in range(8) for arg in ("--token", f"company-{index}")]
    command = [sys.executable, "-m", "mockbsale", "serve", "--port", "0", "--log-level", "warning", *tokens,
               "--state-file", str(path), "--state-save-every", "0.01"]
    caught_in_a_save = 0
    for _ in range(5):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert process.stdout is not None
        url = next(line.split("listening on ")[1].strip() for line in process.stdout if "listening on" in line)
        stop = threading.Event()
        writer = threading.Thread(target=keep_writing, args=(url, stop))
        writer.start()
        try:
            deadline = time.monotonic() + 30
            while not (path.exists() and list(tmp_path.glob(".state.json.*"))):
                assert time.monotonic() < deadline, "no save after the first one started within 30 s"
                time.sleep(0.001)
            os.kill(process.pid, signal.SIGKILL)
        finally:
            process.wait(10)
            stop.set()
            writer.join(10)
        caught_in_a_save += bool(list(tmp_path.glob(".state.json.*")))
        assert json.loads(path.read_text())["companies"][-1]["token"] == "company-7"
        if caught_in_a_save:
            break
    assert caught_in_a_save, "no kill landed during a save"
    with serve("--port", "0", "--state-file", str(path)) as (url, banner):
        assert "access_token: company-7" in banner
        assert not list(tmp_path.glob(".state.json.*")), "the interrupted save's temporary file is still there"


def keep_writing(url: str, stop: threading.Event) -> None:
    with httpx.Client(base_url=url, headers={"access_token": "company-0"}, timeout=10) as api:
        while not stop.is_set():
            try:
                api.post("/v1/offices.json", json={"name": "Bodega"})
            except httpx.HTTPError:
                return


def test_a_save_with_nothing_new_is_skipped(tmp_path: Path) -> None:
    """Reads, and the fault counters they move, do not rewrite the file; a write or a new fault does."""
    settings = Settings(port=0, tokens=[TOKEN], state_file=str(tmp_path / "state.json"), state_save_every=0)
    with MockServer(settings) as server:
        state_file = server.engine.state_file
        assert state_file is not None
        api = httpx.Client(base_url=server.url, headers={"access_token": TOKEN}, timeout=10)
        assert server.call(state_file.save) is True
        httpx.post(f"{server.url}/_mock/faults", json={"cpnId": 1, "kind": "latency", "ms": 1})
        assert server.call(state_file.save) is True
        assert api.get("/v1/offices.json").status_code == 200
        assert server.call(state_file.save) is False
        api.post("/v1/offices.json", json={"name": "Bodega Puerto Montt"})
        assert server.call(state_file.save) is True
        assert server.call(state_file.save) is False


def test_a_damaged_state_file_refuses_to_start_naming_it(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "state.json"
    with MockServer(Settings(port=0, tokens=[TOKEN], state_file=str(path), state_save_every=0)):
        pass
    saved = json.loads(path.read_text())
    saved["server"]["subscriptions"] = [{"id": 1, "cpnId": 1, "url": "ftp://nowhere"}]
    path.write_text(json.dumps(saved))
    assert main(["serve", "--port", "0", "--state-file", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"mockbsale: cannot load the data: {path}: server: ")
    path.write_text(path.read_text()[:1000])
    assert main(["serve", "--port", "0", "--state-file", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"mockbsale: cannot load the data: {path}: not JSON")


def test_the_state_is_saved_after_so_many_changes(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    settings = Settings(port=0, tokens=[TOKEN], state_file=str(path), state_save_every=0, state_save_changes=3)
    with MockServer(settings) as server:
        api = httpx.Client(base_url=server.url, headers={"access_token": TOKEN}, timeout=10)
        for name in ("Bodega 1", "Bodega 2", "Bodega 3"):
            api.post("/v1/offices.json", json={"name": name})
        deadline = time.monotonic() + 10
        while not (path.exists() and "Bodega 3" in path.read_text()):
            assert time.monotonic() < deadline, "3 changes did not save the state within 10 s"
            time.sleep(0.02)

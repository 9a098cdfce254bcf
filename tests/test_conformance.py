"""Every documented CL example against a live mock: each difference of shape is declared in
`docs/fidelity-allowlist.json` with its reason, and `docs/conformance.md` is the current report."""

from __future__ import annotations

import os

import httpx

from mockbsale import MockServer
from tests.conformance import ALLOWLIST, REGENERATE, REPORT, allowed, load_allowlist, report, run
from tests.conftest import TOKEN_A


def test_every_documented_example_conforms_or_is_declared(server: MockServer, api: httpx.Client) -> None:
    outcomes = run(api, TOKEN_A, lambda: server.call(server.engine.reset))
    allowlist = load_allowlist()
    differences = [difference for outcome in outcomes for difference in outcome.differences]
    undeclared = [d for d in differences if not any(allowed(d, entry) for entry in allowlist)]
    unused = [entry for entry in allowlist if not any(allowed(d, entry) for d in differences)]
    text = report(outcomes, allowlist)
    if os.environ.get("MOCKBSALE_WRITE_CONFORMANCE"):
        REPORT.write_text(text)
    assert len(outcomes) >= 160 and sum(outcome.compared for outcome in outcomes) >= 150
    assert not undeclared, f"{len(undeclared)} differences not declared in {ALLOWLIST.name}:\n" + "\n".join(
        f"{d.endpoint} {d.kind} {d.key} {d.detail}" for d in undeclared)
    assert not unused, f"declared differences that no longer occur (remove them from {ALLOWLIST.name}): {unused}"
    assert REPORT.exists() and REPORT.read_text() == text, f"{REPORT.name} is stale; regenerate it: {REGENERATE}"

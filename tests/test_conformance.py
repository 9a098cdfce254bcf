"""Every documented CL example against a live mock: each difference of shape is declared in
`docs/fidelity-allowlist.json` with its reason, and `docs/conformance.md` is the current report."""

from __future__ import annotations

import os

import httpx
import pytest

from mockbsale import MockServer
from tests.conformance import ALLOWLIST, REGENERATE, REPORT, allowed, load_allowlist, report, run, shape_differences
from tests.conftest import TOKEN_A


@pytest.mark.long
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


def test_the_comparison_finds_missing_extra_order_and_type_differences() -> None:
    documented = {"href": "h", "id": 1, "name": "a", "items": [{"a": 1, "b": "x"}, {"c": None}], "gone": 0}
    served = {"id": 1, "href": "h", "name": None, "items": [{"b": 2, "a": 1, "c": True}], "new": []}
    assert sorted(shape_differences(documented, served)) == [
        ("extra", "new", ""),
        ("missing", "gone", ""),
        ("order", "(root)", "documented `href` before `id`, served after"),
        ("order", "items[]", "documented `a` before `b`, served after"),
        ("type", "items[].b", "documented string, served number"),
    ]
    assert list(shape_differences({"next": "n", "items": [{"a": 1}]}, {"items": []})) == [
        ("empty", "items[]", "the mock served no item to compare")]

"""Schemathesis against the live mock: zero 5xx and every response as `/openapi.json` documents it.

Request bodies are documented as any JSON object (the registry does not declare writable fields),
so a schema-valid body may be rightly refused: the positive-data check is left out. The admin writes
are left out too: they change the server's behaviour on purpose (faults, rate limit, reset) or would
send webhooks to made-up URLs. Bounded for CI (8 examples per operation);
`MOCKBSALE_FUZZ_EXAMPLES=300` runs longer and prints one progress line per operation.
"""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from mockbsale import MockServer
from tests.conftest import TOKEN_A

DEFAULT_EXAMPLES = 8
EXAMPLES = int(os.environ.get("MOCKBSALE_FUZZ_EXAMPLES", str(DEFAULT_EXAMPLES)))
ADMIN = "^/_mock/"


def fuzz(operation: schemathesis.APIOperation) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"access_token": TOKEN_A}, excluded_checks=[positive_data_acceptance])

    run()


def test_every_operation_answers_as_documented(server: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    server.call(server.engine.reset)
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    schema = schema.exclude(method=["POST", "PUT", "DELETE"], path_regex=ADMIN)
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    started = time.monotonic()
    for number, operation in enumerate(operations, start=1):
        try:
            fuzz(operation)
        except (Exception, BaseExceptionGroup) as error:
            failures[operation.label] = str(error)[:2000]
        if EXAMPLES > DEFAULT_EXAMPLES:
            with capsys.disabled():
                verdict = "FAILED" if operation.label in failures else "ok"
                print(f"\nfuzz {number}/{len(operations)} {operation.label}: {verdict} "
                      f"({len(failures)} failed so far, {time.monotonic() - started:.0f} s)", end="", flush=True)
    assert not failures, "\n\n".join(f"== {label}\n{text}" for label, text in failures.items())
    assert server.engine.server_errors == []

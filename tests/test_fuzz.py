"""Schemathesis against the live mock: zero 5xx and every response as `/openapi.json` documents it.

Request bodies are documented as any JSON object (the registry does not declare writable fields),
so a schema-valid body may be rightly refused: the positive-data check is left out. The admin writes
are left out too: they change the server's behaviour on purpose (faults, rate limit, reset) or would
send webhooks to made-up URLs. Bounded for CI (8 examples per operation);
`MOCKBSALE_FUZZ_EXAMPLES=100` (the README's longer run) prints one progress line per operation. One test per
operation (listed from the document the registry builds, the one the server serves), so that xdist
spreads them over its workers.
"""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

import mockbsale.engine  # noqa: F401  (the resource modules register themselves)
from mockbsale import MockServer
from mockbsale.admin import admin_routes
from mockbsale.domain.countries import DEFAULT_COUNTRY, country
from mockbsale.openapi import build
from mockbsale.resources.registry import REGISTRY
from tests.conftest import TOKEN_A

DEFAULT_EXAMPLES = 8
EXAMPLES = int(os.environ.get("MOCKBSALE_FUZZ_EXAMPLES", str(DEFAULT_EXAMPLES)))
ADMIN = "^/_mock/"


def fuzz(operation: schemathesis.APIOperation, token: str = TOKEN_A) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"access_token": token}, excluded_checks=[positive_data_acceptance])

    run()


def fuzzed_operations() -> list[tuple[str, str]]:
    """(method, path) of every operation fuzzed: the API's reads and the admin API's."""
    schema = schemathesis.openapi.from_dict(build(REGISTRY, admin_routes(), country(DEFAULT_COUNTRY)))
    schema = schema.exclude(method=["POST", "PUT", "DELETE"], path_regex=ADMIN)
    return [(operation.method.upper(), operation.path) for operation in (r.ok() for r in schema.get_all_operations())]


OPERATIONS = fuzzed_operations()
STARTED = time.monotonic()


@pytest.fixture(scope="module")
def served_schema(server: MockServer) -> schemathesis.BaseSchema:
    """The OpenAPI document as the server serves it (its `servers` is the server's URL)."""
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


def test_the_document_has_operations_to_fuzz() -> None:
    assert len(OPERATIONS) > 10


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_operation_answers_as_documented(
    server: MockServer, served_schema: schemathesis.BaseSchema, capsys: pytest.CaptureFixture[str], method: str,
    path: str,
) -> None:
    server.call(server.engine.reset)
    verdict = "FAILED"
    try:
        fuzz(served_schema[path][method])
        verdict = "ok"
    finally:
        if EXAMPLES > DEFAULT_EXAMPLES:
            with capsys.disabled():
                number = OPERATIONS.index((method, path)) + 1
                print(f"\nfuzz {number}/{len(OPERATIONS)} {method} {path}: {verdict} "
                      f"({time.monotonic() - STARTED:.0f} s)", end="", flush=True)
    assert server.engine.server_errors == []

"""The mockbsale pytest plugin (registered through the `pytest11` entry point).

Fixtures: `bsale` (a live mock for the session, every company reset to its seeded data before each
test) and `bsale_webhook_receiver` (an HTTP receiver recording the notifications it gets). Marker:
`@pytest.mark.bsale(...)`. Options: `--bsale-seed`, `--bsale-fixtures`, `--bsale-url` (or the
`bsale_seed`, `bsale_fixtures`, `bsale_url` ini keys).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from mockbsale_pytest.options import (
    MARKER,
    MARKER_HELP,
    DataSpec,
    SetupError,
    add_options,
    marker_spec,
    option,
    session_spec,
)
from mockbsale_pytest.receiver import WebhookReceiver

if TYPE_CHECKING:
    from mockbsale_pytest.handle import Bsale
    from mockbsale_pytest.servers import Backend, ServerPool

__all__ = ["Bsale", "BsaleCompany", "WebhookReceiver"]

SESSION_SPEC = pytest.StashKey[DataSpec]()
BACKEND: pytest.StashKey[Backend] = pytest.StashKey()
"""The mock a test's `bsale` fixture used (for its failure report)."""


def __getattr__(name: str) -> object:
    """`from mockbsale_pytest import Bsale` (type hints) without importing the engine when pytest loads the plugin."""
    if name in ("Bsale", "BsaleCompany"):
        from mockbsale_pytest import handle

        return getattr(handle, name)
    raise AttributeError(f"module 'mockbsale_pytest' has no attribute {name!r}")


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: {MARKER_HELP}")
    config.stash[SESSION_SPEC] = session_spec(config)


@pytest.fixture(scope="session")
def bsale_servers(pytestconfig: pytest.Config) -> Iterator[ServerPool]:
    """The session's mock servers (one per data set used; each xdist worker has its own)."""
    from mockbsale_pytest.servers import ServerPool

    pool = ServerPool(pytestconfig.stash[SESSION_SPEC], option(pytestconfig, "url"))
    yield pool
    pool.stop()


@pytest.fixture
def bsale(bsale_servers: ServerPool, request: pytest.FixtureRequest) -> Iterator[Bsale]:
    """A live mock Bsale API with every company back at its seeded data; fails the test at teardown
    if the mock answered 5xx during it."""
    from mockbsale_pytest.handle import Bsale

    try:
        spec = marker_spec(bsale_servers.default, request.node.get_closest_marker(MARKER), str(request.path))
        backend = bsale_servers.get(spec)
    except SetupError as error:
        pytest.fail(str(error), pytrace=False)
    backend.reset()
    request.node.stash[BACKEND] = backend
    handle = Bsale(backend)
    yield handle
    handle.close()
    errors = backend.server_errors()
    if errors:
        pytest.fail(
            "the mock answered 500 during this test (a mockbsale bug, please report it):\n  " + "\n  ".join(errors),
            pytrace=False,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """A failing test that used `bsale` gets a report section listing the last requests its app made."""
    report: pytest.TestReport = yield
    backend = item.stash.get(BACKEND, None)
    if report.failed and backend is not None:
        from mockbsale_pytest.report import SECTION, requests_section

        del item.stash[BACKEND]
        try:
            text = requests_section(backend.requests(None), backend.url)
        except Exception as error:  # the mock may be what broke: the report still goes out
            text = f"the journal could not be read from {backend.url}: {error}"
        report.sections.append((SECTION, text))
    return report


@pytest.fixture(scope="session")
def bsale_webhook_receiver_server() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture
def bsale_webhook_receiver(bsale_webhook_receiver_server: WebhookReceiver) -> Iterator[WebhookReceiver]:
    """An HTTP receiver for notifications (`url`, `received`, `wait_for`, `respond_with`), emptied
    before each test; fails the test at teardown if a `wait_for` never got its notification."""
    receiver = bsale_webhook_receiver_server
    receiver.clear()
    yield receiver
    missing = receiver.unmet_waits()
    if missing:
        pytest.fail("webhooks waited for were never delivered: " + "; ".join(missing), pytrace=False)

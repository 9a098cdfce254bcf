"""The Hypothesis strategies: webhook payloads match Bsale's documented examples, malformed ones
are really malformed, and resources have exactly the shape the mock serves."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from mockbsale import MockServer, Settings, strategies
from tests.conftest import REFERENCE, documented_keys

EXAMPLES: dict[str, list[dict[str, Any]]] = json.loads((REFERENCE / "webhook_examples.json").read_text())
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def resource_template(payload: dict[str, Any]) -> str:
    """The `resource` with its numbers generalised: `/v2/stocks.json?variant=N&office=N`."""
    return re.sub(r"\d+", "N", payload["resource"])


def documented_shape(payload: dict[str, Any]) -> None:
    """Assert `payload` has the keys, order, value types and resource path of a documented example."""
    examples = [e for e in EXAMPLES[payload["topic"]] if e["action"] == payload["action"]]
    assert examples, f"{payload['topic']} notifications are not documented for {payload['action']!r}"
    example = examples[0]
    keys = list(example)
    if payload["topic"] == "document" and "send" in payload:
        keys.append("send")  # the mock's default (see docs/fidelity.md); the documented example omits it
    assert list(payload) == keys
    for key, value in payload.items():
        expected = type(example.get(key, 0))
        assert type(value) is expected, (key, value)
    assert resource_template(payload) == resource_template(example)
    named = re.findall(r"[/=](\d+)", payload["resource"])
    assert payload["resourceId"] in named
    for extra in ("officeId", "priceListId"):
        if extra in payload and payload["topic"] != "document":
            assert payload[extra] in named


@FAST
@given(strategies.webhook_payloads())
def test_every_webhook_payload_has_the_documented_shape(payload: dict[str, Any]) -> None:
    documented_shape(payload)


@FAST
@given(st.data())
def test_payloads_keep_to_the_asked_topic_action_and_company(data: st.DataObject) -> None:
    topic = data.draw(st.sampled_from(sorted(EXAMPLES)))
    action = data.draw(st.sampled_from(sorted({example["action"] for example in EXAMPLES[topic]})))
    payload = data.draw(strategies.webhook_payloads(topic=topic, action=action, cpn_id=77))
    assert (payload["topic"], payload["action"], payload["cpnId"]) == (topic, action, 77)


FIRST_FOUND = settings(database=None, phases=[Phase.generate], max_examples=10_000)
"""`find` without shrinking: any payload of the topic and action will do (shrinking one took 40 s)."""


def test_every_documented_topic_and_action_is_generated() -> None:
    for topic, examples in EXAMPLES.items():
        for example in examples:
            wanted = (topic, example["action"])
            found = find(strategies.webhook_payloads(), lambda p, wanted=wanted: (p["topic"], p["action"]) == wanted,
                         settings=FIRST_FOUND)
            documented_shape(found)


def test_unknown_topic_or_action_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown webhook topic 'sale'"):
        strategies.webhook_payloads(topic="sale")
    with pytest.raises(ValueError, match="stock notifications for put only"):
        strategies.webhook_payloads(topic="stock", action="post")


def is_valid_payload(body: bytes) -> bool:
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    if not isinstance(payload, dict) or not isinstance(payload.get("topic"), str) or payload["topic"] not in EXAMPLES:
        return False
    try:
        documented_shape(payload)
    except (AssertionError, KeyError, TypeError):
        return False
    return True


@FAST
@given(strategies.malformed_webhook_payloads())
def test_malformed_payloads_are_never_valid(body: bytes) -> None:
    assert isinstance(body, bytes)
    assert not is_valid_payload(body)


@pytest.fixture(scope="module")
def seeded_clients() -> Iterator[list[tuple[str, httpx.Client]]]:
    """(base URL, client) of a live mock per strategy seed, with the same data as the strategies' companies."""
    servers = [MockServer(Settings(port=0, seed=seed, tokens=[f"strategies-{seed}"])) for seed in strategies.SEEDS]
    clients = []
    for seed, server in zip(strategies.SEEDS, servers, strict=True):
        server.start()
        clients.append((server.url, httpx.Client(base_url=server.url, headers={"access_token": f"strategies-{seed}"})))
    yield clients
    for (_, client), server in zip(clients, servers, strict=True):
        client.close()
        server.stop()


def is_served(clients: list[tuple[str, httpx.Client]], item: dict[str, Any]) -> bool:
    """Whether one of the seeded mocks serves exactly `item` at its `href` (base URLs aligned)."""
    path = item["href"].removeprefix(strategies.BASE_URL)
    expected = orjson.dumps(item)
    for url, client in clients:
        if client.get(path).content.replace(url.encode(), strategies.BASE_URL.encode()) == expected:
            return True
    return False


SEEDED = ["offices", "products", "variants", "stocks", "price_list_details", "clients"]


@pytest.mark.parametrize("name", SEEDED)
def test_seeded_resources_are_served_as_generated(seeded_clients: list[tuple[str, httpx.Client]], name: str) -> None:
    @settings(FAST, max_examples=25)
    @given(getattr(strategies, name)())
    def check(item: dict[str, Any]) -> None:
        assert is_served(seeded_clients, item), f"no seeded mock serves {item}"

    check()


def test_offices_have_the_documented_keys() -> None:
    office = find(strategies.offices(), lambda item: True)
    assert list(office) == documented_keys("GET /v1/offices/{id}.json")


@pytest.mark.parametrize("name", ["documents", "payments"])
def test_documents_and_payments_have_documented_keys_and_types(name: str) -> None:
    documented = set(documented_keys(f"GET /v1/{name}/{{id}}.json"))

    @settings(FAST, max_examples=25)
    @given(getattr(strategies, name)())
    def check(item: dict[str, Any]) -> None:
        assert {"href", "id"} <= set(item) and isinstance(item["id"], int)
        assert len(documented & set(item)) >= len(documented) - 3  # the links a document may not have
        for value in item.values():
            if isinstance(value, dict) and "id" in value:
                assert isinstance(value["id"], str)

    check()

"""Hypothesis strategies for Bsale webhook payloads, resource representations and request bodies.

One source of truth: payloads are built by the webhook payload builder the mock sends with;
resources are rows of companies made by the mock's own data generators, rendered by the mock's
own serializer; request bodies are drawn from the ids, codes and bar codes of such a company (or
of a `state` you give: a `mockbsale.store.Company`, or the pytest plugin's `bsale.state`), so a
generated body is accepted by construction and a generated resource has the served shape.

    from hypothesis import given
    from mockbsale import strategies as bst

    @given(bst.webhook_payloads(topic="stock"))
    def test_receiver_accepts_stock_notifications(payload): ...
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Protocol

import orjson
from hypothesis import strategies as st

from mockbsale.config import DEFAULT_SEED, Settings
from mockbsale.engine import Engine
from mockbsale.events import Event
from mockbsale.resources.context import Ctx
from mockbsale.resources.registry import REGISTRY
from mockbsale.resources.render import render
from mockbsale.store import Company
from mockbsale.store.table import Row
from mockbsale.webhooks.payloads import ACTIONS, EXTRA_FIELDS, build_payload

SEEDS = range(DEFAULT_SEED, DEFAULT_SEED + 4)
"""The generated companies resources are drawn from (each generated once per process)."""
BASE_URL = "https://api.bsale.io"
SEND_TIMES = st.integers(min_value=1_400_000_000, max_value=2_000_000_000)
"""`send`: Unix seconds (documented examples: 2017 to 2022)."""
IDS = st.integers(min_value=1, max_value=10_000_000)
JSON_INTS = st.integers(min_value=-(2**63), max_value=2**63 - 1)

COURIER_ORDER = "courierOrder"
"""Documented, sent by Bsale's courier service (not by the mock): `sellerId` and `userToken` come
after `cpnId`, the resource lives on https://courier.bsale.io."""

__all__ = [
    "clients",
    "documents",
    "malformed_webhook_payloads",
    "offices",
    "payments",
    "price_list_details",
    "products",
    "resources",
    "stocks",
    "variants",
    "webhook_payloads",
]


# -- webhook payloads ---------------------------------------------------------------------------


def webhook_payloads(
    topic: str | None = None, action: str | None = None, cpn_id: int | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Notifications exactly as Bsale sends them: documented fields in documented order, ids as
    strings, the topic's `resource` path and extra field (`officeId`, `priceListId`), `send` in
    Unix seconds (document notifications with and without it, as documented and as sent)."""
    topics = [*sorted(ACTIONS), COURIER_ORDER] if topic is None else [topic]
    for name in topics:
        if name != COURIER_ORDER and name not in ACTIONS:
            raise ValueError(f"unknown webhook topic {name!r}; known: {', '.join([*ACTIONS, COURIER_ORDER])}")
        if action is not None and action not in _actions(name):
            raise ValueError(f"Bsale sends {name} notifications for {' and '.join(_actions(name))} only")
    cpn_ids = IDS if cpn_id is None else st.just(cpn_id)
    return st.sampled_from(topics).flatmap(lambda name: _payloads(name, action, cpn_ids))


def _actions(topic: str) -> tuple[str, ...]:
    return ("post",) if topic == COURIER_ORDER else ACTIONS[topic]


def _payloads(topic: str, action: str | None, cpn_ids: st.SearchStrategy[int]) -> st.SearchStrategy[dict[str, Any]]:
    actions = st.sampled_from(_actions(topic)) if action is None else st.just(action)
    if topic == COURIER_ORDER:
        return st.builds(_courier_order, cpn_ids, IDS, st.integers(1, 999), SEND_TIMES,
                         st.binary(min_size=20, max_size=20))
    extras = st.fixed_dictionaries({name: IDS for name in EXTRA_FIELDS.get(topic, ())})
    events = st.builds(Event, st.just(topic), actions, IDS, extras)
    with_send = st.booleans() if topic == "document" else st.just(True)
    return st.builds(
        lambda cpn, event, send, flag: build_payload(cpn, event, send, send_on_document=flag),
        cpn_ids, events, SEND_TIMES, with_send,
    )


def _courier_order(cpn_id: int, order_id: int, seller_id: int, send: int, token: bytes) -> dict[str, Any]:
    return {
        "cpnId": cpn_id,
        "sellerId": seller_id,
        "userToken": token.hex(),
        "resource": f"/v1/couriers/orders/{order_id}.json",
        "resourceId": str(order_id),
        "topic": COURIER_ORDER,
        "action": "post",
        "send": send,
    }


def _malformed(payload: dict[str, Any]) -> st.SearchStrategy[Any]:
    """The ways one valid payload goes wrong: a field missing, null or of another type, an
    unknown topic or action, a resource that is not a path."""
    keys = list(payload)
    wrong_values = st.one_of(st.none(), JSON_INTS, st.floats(allow_nan=False), st.booleans(),
                             st.lists(JSON_INTS, max_size=2), st.text(max_size=5))
    return st.one_of(
        st.sampled_from(keys).map(lambda key: {k: v for k, v in payload.items() if k != key}),
        st.tuples(st.sampled_from(keys), wrong_values)
        .filter(lambda change: type(change[1]) is not type(payload[change[0]]))
        .map(lambda change: {**payload, change[0]: change[1]}),
        st.text(min_size=1, max_size=12).filter(lambda t: t not in [*ACTIONS, COURIER_ORDER])
        .map(lambda topic: {**payload, "topic": topic}),
        st.sampled_from(["get", "POST", "delete", ""]).map(lambda action: {**payload, "action": action}),
        st.just({**payload, "resource": "not a path"}),
    )


def malformed_webhook_payloads() -> st.SearchStrategy[bytes]:
    """Request bodies a webhook receiver must survive (reject or ignore, never crash on): broken
    JSON, JSON that is not an object, and Bsale payloads with a field missing, null, of the wrong
    type, or an unknown topic or action. Bytes, to POST as they are."""
    broken = st.sampled_from([b"", b"{", b"null", b"[]", b'"stock"', b"42", b"{'topic': 'stock'}", b"\xff\xfe"])
    not_objects = st.one_of(st.lists(JSON_INTS, max_size=3), st.text(max_size=10), JSON_INTS).map(orjson.dumps)
    damaged = webhook_payloads().flatmap(_malformed).map(orjson.dumps)
    return st.one_of(broken, not_objects, damaged)


# -- served resources ---------------------------------------------------------------------------


class RowSource(Protocol):
    """A company's state: `bsale.state` of the pytest plugin has this method."""

    def rows(self, table: str) -> list[Row]: ...


State = Company | RowSource
"""What body strategies read existing ids from."""


@functools.lru_cache(maxsize=len(SEEDS))
def generated(seed: int) -> Engine:
    """A mock engine with one company generated from `seed` (as `mockbsale serve --seed`)."""
    engine = Engine(Settings(seed=seed, tokens=[f"strategies-{seed}"]))
    engine.seed()
    return engine


def _company(engine: Engine) -> Company:
    return next(iter(engine.store.companies.values()))


def rows_of(state: State, table: str) -> list[Row]:
    if isinstance(state, Company):
        return list(state.table(table))
    return state.rows(table)


def resources(name: str, expand: Iterable[str] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """Items of the registry's resource `name` (e.g. "products") as the mock serves them, with
    `href`s on https://api.bsale.io; `expand` inlines the named relations."""
    resource = REGISTRY[name]
    expanded = tuple(expand)

    def rendered(seed: int) -> st.SearchStrategy[dict[str, Any]]:
        engine = generated(seed)
        ctx = Ctx(engine=engine, company=_company(engine), base_url=BASE_URL)
        rows = list(ctx.table(resource.table))
        if not rows:
            return st.nothing()
        return st.sampled_from(rows).map(lambda row: render(ctx, resource, row, expand=expanded))

    if not any(len(_company(generated(seed)).table(resource.table)) for seed in SEEDS):
        raise ValueError(f"the generated companies have no {name}")
    return st.sampled_from(SEEDS).flatmap(rendered)


def offices() -> st.SearchStrategy[dict[str, Any]]:
    return resources("offices")


def products() -> st.SearchStrategy[dict[str, Any]]:
    return resources("products")


def variants() -> st.SearchStrategy[dict[str, Any]]:
    return resources("variants")


def stocks() -> st.SearchStrategy[dict[str, Any]]:
    return resources("stocks")


def price_list_details() -> st.SearchStrategy[dict[str, Any]]:
    return resources("price_list_details")


def clients() -> st.SearchStrategy[dict[str, Any]]:
    """Clients with valid RUT check digits (as generated)."""
    return resources("clients")


def documents() -> st.SearchStrategy[dict[str, Any]]:
    return resources("documents")


def payments() -> st.SearchStrategy[dict[str, Any]]:
    return resources("payments")

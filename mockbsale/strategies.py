"""Hypothesis strategies for Bsale webhook payloads, resource representations and request bodies.

One source of truth: payloads are built by the webhook payload builder the mock sends with;
resources are rows of companies made by the mock's own data generators, rendered by the mock's
own serializer; request bodies are drawn from the ids, codes and bar codes of such a company (or
of the `state` you give: a `mockbsale.store.Company`, e.g. the pytest plugin's
`bsale.state.snapshot()`), so a
generated body is accepted by construction and a generated resource has the served shape.

    from hypothesis import given
    from mockbsale import strategies as bst

    @given(bst.webhook_payloads(topic="stock"))
    def test_receiver_accepts_stock_notifications(payload): ...
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterable
from typing import Any

import orjson
from hypothesis import strategies as st

from mockbsale.config import DEFAULT_SEED, Settings
from mockbsale.data import LOCALES
from mockbsale.data.common import rut
from mockbsale.domain.catalog import PRODUCT_ATTRS, VARIANT_ATTRS
from mockbsale.domain.cfdi import REGIMES
from mockbsale.domain.clients import CLIENT_ATTRS, REFERENCES
from mockbsale.domain.context import Ctx
from mockbsale.domain.countries import COUNTRIES, DEFAULT_COUNTRY
from mockbsale.domain.countries import country as country_of
from mockbsale.domain.stock import CONSUMPTION_ATTRS, RECEPTION_ATTRS, available, controls_stock
from mockbsale.engine import Engine
from mockbsale.events import Event
from mockbsale.resources.registry import REGISTRY, served_to
from mockbsale.resources.render import render
from mockbsale.resources.routing import renamed
from mockbsale.store import Company
from mockbsale.store.table import Row
from mockbsale.webhooks.inprocess import call_api
from mockbsale.webhooks.payloads import ACTIONS, EXTRA_FIELDS, LEADING_FIELDS, build_payload

Bodies = st.SearchStrategy[dict[str, Any]]
"""Request bodies or served items."""
SEEDS = range(DEFAULT_SEED, DEFAULT_SEED + 4)
"""The generated companies resources are drawn from (each generated once per process)."""
BASE_URL = "https://api.bsale.io"
SEND_TIMES = st.integers(min_value=1_400_000_000, max_value=2_000_000_000)
"""`send`: Unix seconds (documented examples: 2017 to 2022)."""
IDS = st.integers(min_value=1, max_value=10_000_000)
JSON_INTS = st.integers(min_value=-(2**63), max_value=2**63 - 1)
EXTRA_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "sellerId": st.integers(min_value=1, max_value=999),
    "userToken": st.binary(min_size=20, max_size=20).map(bytes.hex),
}
"""Event extras other than ids: a courier order's seller and the 40-hex-digit token."""

__all__ = [
    "client_bodies",
    "clients",
    "document_bodies",
    "documents",
    "invalid_document_bodies",
    "malformed_webhook_payloads",
    "offices",
    "payments",
    "price_list_details",
    "product_bodies",
    "products",
    "resources",
    "ruts",
    "stock_consumption_bodies",
    "stock_reception_bodies",
    "stocks",
    "tax_ids",
    "variant_bodies",
    "variant_references",
    "variants",
    "webhook_payloads",
]


# -- webhook payloads ---------------------------------------------------------------------------


def webhook_payloads(
    topic: str | None = None, action: str | None = None, cpn_id: int | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Notifications exactly as Bsale sends them: documented fields in documented order, ids as
    strings, the topic's `resource` path and extra fields (`officeId`, `priceListId`; a courier
    order's `sellerId` and `userToken`), `send` in Unix seconds (document notifications with and
    without it, as documented and as sent)."""
    topics = sorted(ACTIONS) if topic is None else [topic]
    for name in topics:
        if name not in ACTIONS:
            raise ValueError(f"unknown webhook topic {name!r}; known: {', '.join(ACTIONS)}")
        if action is not None and action not in ACTIONS[name]:
            raise ValueError(f"Bsale sends {name} notifications for {' and '.join(ACTIONS[name])} only")
    cpn_ids = IDS if cpn_id is None else st.just(cpn_id)
    return st.sampled_from(topics).flatmap(lambda name: _payloads(name, action, cpn_ids))


def _payloads(topic: str, action: str | None, cpn_ids: st.SearchStrategy[int]) -> st.SearchStrategy[dict[str, Any]]:
    actions = st.sampled_from(ACTIONS[topic]) if action is None else st.just(action)
    names = (*LEADING_FIELDS.get(topic, ()), *EXTRA_FIELDS.get(topic, ()))
    extras = st.fixed_dictionaries({name: EXTRA_VALUES.get(name, IDS) for name in names})
    events = st.builds(Event, st.just(topic), actions, IDS, extras)
    with_send = st.booleans() if topic == "document" else st.just(True)
    return st.builds(
        lambda cpn, event, send, flag: build_payload(cpn, event, send, send_on_document=flag),
        cpn_ids, events, SEND_TIMES, with_send,
    )


OPTIONAL_FIELDS = {("document", "send")}
"""Fields whose absence is still Bsale's shape: the documented document example has no `send`."""


def _malformed(payload: dict[str, Any]) -> st.SearchStrategy[Any]:
    """The ways one valid payload goes wrong: a field missing, null or of another type, an
    unknown topic or action, a resource that is not a path."""
    keys = list(payload)
    required = [key for key in keys if (payload["topic"], key) not in OPTIONAL_FIELDS]
    wrong_values = st.one_of(st.none(), JSON_INTS, st.floats(allow_nan=False), st.booleans(),
                             st.lists(JSON_INTS, max_size=2), st.text(max_size=5))
    return st.one_of(
        st.sampled_from(required).map(lambda key: {k: v for k, v in payload.items() if k != key}),
        st.tuples(st.sampled_from(keys), wrong_values)
        .filter(lambda change: type(change[1]) is not type(payload[change[0]]))
        .map(lambda change: {**payload, change[0]: change[1]}),
        st.text(min_size=1, max_size=12).filter(lambda t: t not in ACTIONS)
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


@functools.lru_cache(maxsize=len(SEEDS) * len(COUNTRIES))
def generated(seed: int, country: str = DEFAULT_COUNTRY) -> Engine:
    """A mock engine with one company of `country` generated from `seed` (as `mockbsale serve
    --seed --country`)."""
    engine = Engine(Settings(seed=seed, tokens=[f"strategies-{seed}"], country=country))
    engine.seed()
    return engine


def _company(engine: Engine) -> Company:
    return next(iter(engine.store.companies.values()))


def resources(name: str, expand: Iterable[str] = (), country: str = DEFAULT_COUNTRY) -> Bodies:
    """Items of the registry's resource `name` (e.g. "products") as the mock serves them to a
    company of `country` (its key names and fields), with `href`s on https://api.bsale.io;
    `expand` inlines the named relations. Rows come from the generated companies; documents and
    payments also from documents made with `document_bodies()` through the mock's own write handler."""
    resource = REGISTRY[name]
    expanded = tuple(expand)
    if not served_to(resource.countries, country):
        raise ValueError(f"Bsale serves no {name} in {country} (only in {', '.join(resource.countries)})")

    def rendered(engine: Engine, row: Row) -> dict[str, Any]:
        return render(Ctx(company=_company(engine), base_url=BASE_URL), resource, row, expand=expanded)

    def seeded(seed: int) -> st.SearchStrategy[dict[str, Any]]:
        engine = generated(seed, country)
        rows = list(_company(engine).table(resource.table))
        return st.sampled_from(rows).map(lambda row: rendered(engine, row)) if rows else st.nothing()

    def created(seed: int) -> st.SearchStrategy[dict[str, Any]]:
        engine = generated(seed, country)
        return st.tuples(document_bodies(_company(engine)), st.randoms(use_true_random=False)).map(
            lambda drawn: _after_document(engine, drawn[0], resource.table, drawn[1], rendered))

    sources = [st.sampled_from(SEEDS).flatmap(seeded)]
    if resource.table in ("documents", "payments"):
        sources.append(st.sampled_from(SEEDS).flatmap(created).filter(lambda item: item is not None))
    elif not any(len(_company(generated(seed, country)).table(resource.table)) for seed in SEEDS):
        raise ValueError(f"the generated companies have no {name}")
    return st.one_of(*sources)


def _after_document(
    engine: Engine, body: dict[str, Any], table: str, rng: random.Random,
    rendered: Callable[[Engine, Row], dict[str, Any]],
) -> dict[str, Any] | None:
    """Write a document with `body` into the generated company, render one new row of `table`, and
    put the company back to its seed."""
    company = _company(engine)
    before = company.table(table).next_id
    try:
        call_api(engine, company, "POST", "/v1/documents.json", body)
        new = [row for row in company.table(table) if row["id"] >= before]
        return rendered(engine, rng.choice(new)) if new else None
    finally:
        engine.reset()


def _served(name: str, doc: str) -> Callable[..., st.SearchStrategy[dict[str, Any]]]:
    """`resources(name)` under its own name, for `strategies.products()` and the like."""

    def strategy(country: str = DEFAULT_COUNTRY) -> st.SearchStrategy[dict[str, Any]]:
        return resources(name, country=country)

    strategy.__name__ = strategy.__qualname__ = name
    strategy.__doc__ = doc
    return strategy


offices = _served("offices", "Offices as `GET /v1/offices/{id}.json` serves them.")
products = _served("products", "Products as `GET /v1/products/{id}.json` serves them.")
variants = _served("variants", "Variants as `GET /v1/variants/{id}.json` serves them.")
stocks = _served("stocks", "Stocks as `GET /v1/stocks/{id}.json` serves them.")
price_list_details = _served("price_list_details", "Prices as `GET /v1/price_lists/{n}/details/{id}.json` serves.")
clients = _served("clients", "Clients as `GET /v1/clients/{id}.json` serves them (valid RUT, RUC or DNI).")
documents = _served("documents", "Documents as `GET /v1/documents/{id}.json` serves them.")
payments = _served("payments", "Payments as `GET /v1/payments/{id}.json` serves them.")


# -- request bodies -----------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
NAMES = TEXT.filter(str.strip)
FLAGS = st.sampled_from([0, 1])
AMOUNTS = st.floats(min_value=0, max_value=1_000_000, allow_nan=False).map(lambda value: round(value, 2))


def _default_state(state: Company | None, country: str = DEFAULT_COUNTRY) -> Company:
    """The given state, or the company the mock generates by default in `country` (`mockbsale
    serve`, the plugin)."""
    return _company(generated(DEFAULT_SEED, country)) if state is None else state


def _localized(company: Company) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A body written with Chile's keys, as a client in the company's country writes it
    (`codeSii` -> `code`, `municipality` -> `district`, `declareSii` -> `declare` in Peru)."""
    names = dict(country_of(company.country).renames)
    return lambda body: renamed(body, names) if names else body


def _reader(company: Company) -> Ctx:
    """A context for the domain's read-only helpers (they only read the company's tables)."""
    return Ctx(company=company, base_url=BASE_URL)


def _numeric(numbers: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Numbers, sometimes as numeric strings (`"1"`): Bsale (Rails) reads both."""
    return st.one_of(numbers, numbers.map(str))


def _attributes(spec: dict[str, tuple[str, Any]], leave_out: Iterable[str] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """Any subset of a resource's writable attributes (`{name: (kind, default)}`, the domain's spec)."""
    values = {"str": TEXT, "int": _numeric(FLAGS), "float": _numeric(AMOUNTS)}
    skipped = set(leave_out)
    optional = {name: values[kind] for name, (kind, _) in spec.items() if name not in skipped}
    return st.fixed_dictionaries({}, optional=optional)


def _ids(company: Company, table: str, **where: Any) -> list[int]:
    return [row["id"] for row in company.table(table) if all(row.get(k) == v for k, v in where.items())]


def _merged(*parts: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(*parts).map(lambda dicts: {k: v for d in dicts for k, v in d.items()})


def _optional(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


def _reference_forms(company: Company) -> dict[int, list[dict[str, Any]]]:
    """Active variant id -> the ways a body names it: `{"variantId": 12}`, `{"code": "SKU"}`,
    `{"barCode": "780..."}` (code and bar code only when no other variant has them)."""
    variants = company.table("variants")
    forms: dict[int, list[dict[str, Any]]] = {}
    for variant in variants:
        if variant.get("state", 0) != 0:
            continue
        forms[variant["id"]] = [{"variantId": variant["id"]}] + [
            {key: variant[key]} for key in ("code", "barCode")
            if variant.get(key) and len(variants.find(key, variant[key])) == 1
        ]
    return forms


def variant_references(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """How a body names an active variant of the company: by `variantId`, `code` or `barCode`."""
    forms = _reference_forms(_default_state(state, country))
    return st.sampled_from([form for variant_forms in forms.values() for form in variant_forms])


def product_bodies(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """`POST /v1/products.json`: a name, an existing product type, any documented attribute,
    `taxes` in every accepted form (`[1, 2]`, `"[1,2]"`, `[{"id": 1}]`)."""
    company = _default_state(state, country)
    tax_ids = st.lists(st.sampled_from(_ids(company, "taxes")), max_size=3, unique=True)
    taxes = st.one_of(
        tax_ids, tax_ids.map(lambda ids: "[" + ",".join(map(str, ids)) + "]"),
        tax_ids.map(lambda ids: [{"id": tax_id} for tax_id in ids]),
    )
    return _merged(
        st.fixed_dictionaries({"name": NAMES, "productTypeId": st.sampled_from(_ids(company, "product_types"))}),
        _attributes(PRODUCT_ATTRS, leave_out=["name"]),
        _optional(taxes=taxes),
    )


def variant_bodies(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """`POST /v1/variants.json`: an existing product, any documented attribute, `attribute_values`
    of the product type's attributes."""
    company = _default_state(state, country)

    def for_product(product: Row) -> st.SearchStrategy[dict[str, Any]]:
        attribute_ids = _ids(company, "product_type_attributes", productTypeId=product["productTypeId"])
        values = st.lists(st.fixed_dictionaries({"attributeId": st.sampled_from(attribute_ids), "description": TEXT}),
                          max_size=2) if attribute_ids else st.just([])
        return _merged(
            st.just({"productId": product["id"]}), _attributes(VARIANT_ATTRS), _optional(attribute_values=values)
        )

    return st.sampled_from(list(company.table("products"))).flatmap(for_product)


def ruts() -> st.SearchStrategy[str]:
    """Chilean RUTs with a valid check digit (`12345678-5`), from the mock's own generator."""
    return st.randoms(use_true_random=False).map(rut)


def tax_ids(country: str = DEFAULT_COUNTRY, *, companies_only: bool = False) -> st.SearchStrategy[str]:
    """Valid tax ids of `country`, from the mock's own generators: Chilean RUTs; Peruvian RUCs
    and DNIs (`companies_only`: RUCs, what a factura asks); Mexican RFCs of companies (12
    characters) and people (13)."""
    locale = LOCALES[country]
    makers = [locale.company_code] if companies_only else [locale.company_code, locale.person_code]
    return st.tuples(st.sampled_from(makers), st.randoms(use_true_random=False)).map(lambda drawn: drawn[0](drawn[1]))


def client_bodies(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """`POST /v1/clients.json`: any documented attribute (under the country's names), a valid tax
    id of the country as `code`, existing payment type, sale condition and price list ids, the
    company's client attributes."""
    company = _default_state(state, country)
    references = {key: st.sampled_from(_ids(company, table)) for key, (table, _) in REFERENCES.items()}
    attribute_ids = [row["id"] for row in company.table("dynamic_attributes") if row.get("clientAttribute")]
    dynamic = st.lists(
        st.fixed_dictionaries({"dynamicAttributeId": st.sampled_from(attribute_ids), "description": TEXT}), max_size=2
    ) if attribute_ids else st.just([])
    return _merged(
        st.fixed_dictionaries({"code": tax_ids(company.country)}), _attributes(CLIENT_ATTRS, leave_out=["code"]),
        _optional(**references, dynamicAttributes=dynamic),
    ).map(_localized(company))


def stock_reception_bodies(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """`POST /v1/stocks/receptions.json`: an office, details naming variants in every form with a
    positive quantity and optional cost and serial number."""
    company = _default_state(state, country)
    quantities = _numeric(st.integers(min_value=1, max_value=500))
    detail = _merged(
        variant_references(company),
        st.fixed_dictionaries({"quantity": quantities}, optional={"cost": _numeric(AMOUNTS), "serialNumber": TEXT}),
    )
    return _merged(
        st.fixed_dictionaries({"officeId": st.sampled_from(_ids(company, "offices")),
                               "details": st.lists(detail, min_size=1, max_size=4)}),
        _attributes(RECEPTION_ATTRS),
    )


def stock_consumption_bodies(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """`POST /v1/stocks/consumptions.json`: an office and details taking out at most what it holds
    (variants that control stock), each variant once."""
    company = _default_state(state, country)
    ctx = _reader(company)
    forms = _reference_forms(company)
    variants = [company.table("variants").rows[variant_id] for variant_id in forms]

    def for_office(office_id: int) -> st.SearchStrategy[dict[str, Any]]:
        limits = {
            variant["id"]: available(ctx, variant["id"], office_id) if controls_stock(ctx, variant) else 100.0
            for variant in variants
        }
        candidates = [variant_id for variant_id, limit in limits.items() if limit >= 1]
        if not candidates:
            return st.nothing()

        def detail(variant_id: int) -> st.SearchStrategy[dict[str, Any]]:
            return _merged(
                st.sampled_from(forms[variant_id]),
                st.fixed_dictionaries({"quantity": _numeric(st.integers(1, int(limits[variant_id])))}),
            )

        chosen = st.lists(st.sampled_from(candidates), min_size=1, max_size=4, unique=True)
        return _merged(
            st.fixed_dictionaries({"officeId": st.just(office_id),
                                   "details": chosen.flatmap(lambda ids: st.tuples(*map(detail, ids)).map(list))}),
            _optional(consumptionTypeId=st.sampled_from(_ids(company, "stock_consumption_types"))),
            _attributes(CONSUMPTION_ATTRS),
        )

    return st.sampled_from(_ids(company, "offices")).flatmap(for_office)


# -- documents ----------------------------------------------------------------------------------

DATES = st.integers(min_value=1_600_000_000, max_value=1_900_000_000).map(lambda seconds: seconds // 86400 * 86400)
"""Emission, expiration and reference dates: days as Unix seconds at 00:00 UTC, as Bsale stores them."""
QUANTITIES = st.integers(min_value=1, max_value=5)


def _document_types(company: Company) -> list[dict[str, Any]]:
    """How a body names each active sale type: `{"documentTypeId": 2}`, or `{"codeSii": "33"}` when
    that code finds this type."""
    types = company.table("document_types")
    forms: list[dict[str, Any]] = []
    for row in types:
        if row["state"] != 0 or row["isCreditNote"]:
            continue
        forms.append({"documentTypeId": row["id"]})
        code = row.get("codeSii")
        if code and next(r for r in types.find("codeSii", code) if r["state"] == 0)["id"] == row["id"]:
            forms.append({"codeSii": code})
    return forms


def _tax_forms(company: Company) -> st.SearchStrategy[dict[str, Any]]:
    """A detail's taxes: `taxId` as `"[1,2]"` or `[1, 2]`, or `taxes: [{"code", "percentage"}]`."""
    active = [row for row in company.table("taxes") if row["state"] == 0]
    chosen = st.lists(st.sampled_from(active), min_size=1, max_size=2, unique_by=lambda row: row["id"])
    return st.one_of(
        chosen.map(lambda rows: {"taxId": "[" + ",".join(str(row["id"]) for row in rows) + "]"}),
        chosen.map(lambda rows: {"taxId": [row["id"] for row in rows]}),
        chosen.map(lambda rows: {"taxes": [{"code": r["code"], "percentage": float(r["percentage"])} for r in rows]}),
    )


def _details(company: Company) -> st.SearchStrategy[list[dict[str, Any]]]:
    """1 to 4 lines: a variant (by id, code or bar code; its list price unless `netUnitValue`), or a
    free line (`comment` and `netUnitValue`); `discount` percentages, taxes in every form."""
    forms = _reference_forms(company)
    priced = {row["variantId"] for row in company.table("price_list_details") if row["variantValue"] > 0}
    values = st.integers(min_value=1, max_value=200_000).map(float)
    extras = _optional(discount=st.integers(0, 100).map(float), comment=TEXT)
    variant_line = st.sampled_from(sorted(forms)).flatmap(lambda variant_id: _merged(
        st.sampled_from(forms[variant_id]),
        st.fixed_dictionaries(
            {"quantity": _numeric(QUANTITIES)} | ({} if variant_id in priced else {"netUnitValue": values}),
            optional={"netUnitValue": values} if variant_id in priced else {},
        ),
    ))
    free_line = st.fixed_dictionaries({"comment": NAMES, "quantity": QUANTITIES, "netUnitValue": values})
    line = _merged(st.one_of(variant_line, free_line), extras, st.one_of(st.just({}), _tax_forms(company)))
    return st.lists(line, min_size=1, max_size=4)


FISCAL_DATA = {"postalCode": st.from_regex(r"\A[0-9]{5}\Z"), "regime": st.sampled_from(sorted(REGIMES))}
"""What a Mexican CFDI asks of a receiver besides the RFC: a postal code and a fiscal regime."""


def _document_client(company: Company, document_type: Row) -> st.SearchStrategy[dict[str, Any]]:
    """`clientId` (and maybe one of its `addressId`s), or an inline `client` with a new valid tax id
    (a RUT; a RUC for Peru's factura, else a RUC or DNI) and the attributes an electronic invoice
    requires; nothing when the type needs no client."""
    uses_client = bool(document_type["useClient"])
    person = LOCALES[company.country].person_code(random.Random(0))
    companies_only = country_of(company.country).tax_id_error(person, document_type["codeSii"]) is not None
    addresses: dict[int, list[int]] = {}
    for row in company.table("client_addresses"):
        addresses.setdefault(row["clientId"], []).append(row["id"])
    by_id = st.sampled_from(_ids(company, "clients")).flatmap(lambda client_id: st.fixed_dictionaries(
        {"clientId": st.just(client_id)},
        optional={"addressId": st.sampled_from(addresses[client_id])} if client_id in addresses else {},
    ))
    required = country_of(company.country).client_required({"code": person})
    fiscal = {name: FISCAL_DATA[name] for name in required if name in FISCAL_DATA}
    inline = st.fixed_dictionaries(
        {"code": tax_ids(company.country, companies_only=companies_only), "activity": NAMES, "address": NAMES,
         "city": NAMES, "municipality": NAMES, **fiscal},
        optional={"company": TEXT, "firstName": TEXT, "lastName": TEXT, "email": TEXT, "companyOrPerson": FLAGS},
    ).map(lambda client: {"client": client})
    choices = [by_id, inline] if uses_client else [st.just({}), by_id, inline]
    return st.one_of(*choices)


def document_bodies(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """`POST /v1/documents.json` bodies the mock accepts: every documented form (type by id or
    authority code, lines by `variantId`, `code`, `barCode` or free, `taxId` strings and lists,
    `taxes` lists, discounts, `clientId` or an inline client, `payments`, references, dates,
    `salesId`), referencing what exists in `state` (default: the company the mock generates by
    default in `country`), under the names of the company's country (Peru: `code`, `district`,
    `declare`). `dispatch` is left out: taking stock out can be refused (see
    `stock_consumption_bodies`)."""
    company = _default_state(state, country)
    return _document_bodies(company).map(_localized(company))


def _document_bodies(company: Company) -> st.SearchStrategy[dict[str, Any]]:
    """`document_bodies` with Chile's key names (`codeSii`, `municipality`, `declareSii`)."""
    types = {row["id"]: row for row in company.table("document_types")}
    offices = _ids(company, "offices", state=0)
    price_lists = _ids(company, "price_lists", state=0)
    payment_types = _ids(company, "payment_types", state=0)
    payment = st.fixed_dictionaries(
        {"paymentTypeId": st.sampled_from(payment_types), "amount": st.integers(1, 500_000)},
        optional={"recordDate": DATES},
    )
    codes = sorted({row["codeSii"] for row in types.values() if row["codeSii"]})
    reference = st.fixed_dictionaries(
        {"number": st.integers(1, 99_999).map(str), "referenceDate": DATES, "reason": TEXT,
         "codeSii": st.sampled_from(codes)}
    )

    def for_type(form: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        row = types[form["documentTypeId"]] if "documentTypeId" in form else next(
            r for r in company.table("document_types").find("codeSii", form["codeSii"]) if r["state"] == 0)
        return _merged(
            st.just(form),
            st.fixed_dictionaries({"details": _details(company)}),
            _document_client(company, row),
            _optional(
                officeId=st.sampled_from(offices), priceListId=st.sampled_from(price_lists),
                emissionDate=DATES, sellerId=st.sampled_from(_ids(company, "users", state=0)),
                declareSii=FLAGS, salesId=st.uuids().map(str),
                payments=st.lists(payment, min_size=1, max_size=2), references=st.lists(reference, max_size=2),
            ),
        )

    return st.sampled_from(_document_types(company)).flatmap(for_type)


def _break(body: dict[str, Any], change: str, beyond: int) -> dict[str, Any]:
    """`body` with one thing Bsale refuses (400): `beyond` is an id no table holds."""
    broken = {**body, "details": [dict(detail) for detail in body["details"]]}
    first = broken["details"][0]
    if change == "documentTypeId":
        broken.pop("codeSii", None)
        broken["documentTypeId"] = beyond
    elif change in ("officeId", "priceListId", "sellerId", "clientId"):
        broken.pop("client", None)
        broken[change] = beyond
    elif change == "quantity":
        first["quantity"] = 0
    elif change == "discount":
        first["discount"] = -5.0
    elif change == "variantId":
        for key in ("code", "barCode", "comment"):
            first.pop(key, None)
        first["variantId"] = beyond
    elif change == "free line without value":
        broken["details"][0] = {"comment": "Sin precio", "quantity": 1}
    elif change == "payment amount":
        broken["payments"] = [{"paymentTypeId": 1, "amount": 0}]
    elif change == "details type":
        broken["details"] = "variantId=1"  # type: ignore[assignment]
    return broken


def invalid_document_bodies(state: Company | None = None, country: str = DEFAULT_COUNTRY) -> Bodies:
    """`POST /v1/documents.json` bodies the mock refuses with 400 and Bsale's message, each a valid
    body with one fault: an unknown document type, office, price list, seller, client or variant,
    a zero quantity, a negative discount, a free line without a value, a zero payment, details that
    are not a list."""
    company = _default_state(state, country)
    beyond = 1 + max((row["id"] for table in company.tables.values() for row in table), default=0)
    changes = ["documentTypeId", "officeId", "priceListId", "sellerId", "clientId", "quantity", "discount",
               "variantId", "free line without value", "payment amount", "details type"]
    return st.tuples(_document_bodies(company), st.sampled_from(changes)).map(
        lambda pair: _break(pair[0], pair[1], beyond)).map(_localized(company))

"""The conformance run: every documented CL example (copied into `tests/reference/cl_examples.json`)
sent to a live mock with ids substituted for ones that exist there, and each answer compared with
the documented one key by key (missing keys, extra keys, order, JSON types).

`tests/test_conformance.py` runs it, matches the differences with `docs/fidelity-allowlist.json`
and keeps `docs/conformance.md` current. Only shapes are compared, never values.
"""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).parent.parent
EXAMPLES = Path(__file__).parent / "reference" / "cl_examples.json"
ALLOWLIST = ROOT / "docs" / "fidelity-allowlist.json"
REPORT = ROOT / "docs" / "conformance.md"
REGENERATE = "MOCKBSALE_WRITE_CONFORMANCE=1 .venv/bin/python -m pytest -q tests/test_conformance.py"
PARAM = re.compile(r"\{(\w+)\}")
MONTH = 30 * 86400


@dataclass(frozen=True)
class Difference:
    """One way the mock's answer differs from a documented example (`kind` is missing, extra,
    order, type, status or empty; `key` a dotted path, `items[]` for list items)."""

    endpoint: str
    example: str
    kind: str
    key: str
    detail: str = field(default="", compare=False)


@dataclass
class Outcome:
    endpoint: str
    group: str
    compared: int = 0
    sent: int = 0
    differences: list[Difference] = field(default_factory=list)

    def refused(self) -> int:
        return sum(1 for difference in self.differences if difference.kind == "status")

    def add(self, difference: Difference) -> None:
        if difference not in self.differences:
            self.differences.append(difference)


# --- comparing shapes ---------------------------------------------------------------------------


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def merged(items: list[Any]) -> Any:
    """The shape of a list's items: every key in order of first appearance, its first non-null value."""
    out: dict[str, Any] = {}
    for item in items:
        for key, value in item.items():
            if out.get(key) is None:
                out[key] = value
    return out


def key_pairs(objects: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """Every (a, b) such that key `a` comes before key `b` in one of the objects."""
    pairs: set[tuple[str, str]] = set()
    for item in objects:
        keys = list(item)
        pairs.update((first, second) for index, first in enumerate(keys) for second in keys[index + 1:])
    return pairs


def order_difference(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> str | None:
    """The first pair of keys the documented objects order one way and the served ones the other."""
    served = key_pairs(actual)
    swapped = sorted(pair for pair in key_pairs(expected) if pair[::-1] in served)
    return f"documented `{swapped[0][0]}` before `{swapped[0][1]}`, served after" if swapped else None


def shape_differences(
    expected: Any, actual: Any, path: str = "", *, order: bool = True
) -> Iterator[tuple[str, str, str]]:
    """(kind, key, detail) for every difference of shape between a documented and a served value
    (`order=False`: the key order of these two objects was already compared, item by item)."""
    where = path or "(root)"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected:
            if key not in actual and key != "next":
                yield "missing", f"{path}{key}", ""
        for key in actual:
            if key not in expected and key != "next":
                yield "extra", f"{path}{key}", ""
        swapped = order_difference([expected], [actual]) if order else None
        if swapped:
            yield "order", where, swapped
        for key in (key for key in expected if key in actual):
            yield from shape_differences(expected[key], actual[key], f"{path}{key}.")
        return
    if isinstance(expected, list) and isinstance(actual, list):
        if expected and all(isinstance(item, dict) for item in expected):
            if not actual:
                yield "empty", f"{path}[]".replace(".[]", "[]"), "the mock served no item to compare"
            elif all(isinstance(item, dict) for item in actual):
                swapped = order_difference(expected, actual)
                if swapped:
                    yield "order", f"{path[:-1]}[]", swapped
                yield from shape_differences(merged(expected), merged(actual), f"{path[:-1]}[].", order=False)
            else:
                yield "type", f"{path[:-1]}[]", "documented objects, served other items"
        elif expected and actual:
            documented_types = {json_type(item) for item in expected} - {"null"}
            served_types = {json_type(item) for item in actual} - {"null"}
            if documented_types and served_types and not documented_types & served_types:
                yield "type", f"{path[:-1]}[]", f"documented {sorted(documented_types)}, served {sorted(served_types)}"
        return
    documented_type, served_type = json_type(expected), json_type(actual)
    if documented_type != served_type and "null" not in (documented_type, served_type):
        yield "type", path[:-1] or where, f"documented {documented_type}, served {served_type}"


# --- ids that exist on the mock -----------------------------------------------------------------

LIST_OF = {
    "/v2/products/market_info": "/v2/products/list/market_info.json",
    "/v1/markets/checkout": "/v1/markets/checkout/list.json",
}
"""Where the ids of a path prefix are listed, when not at `prefix.json`."""

BODY_SOURCES = {
    "officeId": "/v1/offices", "destinationOfficeId": "/v1/offices", "pickStoreId": "/v1/offices",
    "storeId": "/v1/offices", "priceListId": "/v1/price_lists", "documentTypeId": "/v1/document_types",
    "clientId": "/v1/clients", "variantId": "/v1/variants", "productTypeId": "/v1/product_types",
    "productId": "/v1/products", "paymentTypeId": "/v1/payment_types", "ptId": "/v1/payment_types",
    "sellerId": "/v1/users", "coinId": "/v1/coins", "shippingTypeId": "/v1/shipping_types",
    "dynamicAttributeId": "/v1/dynamic_attributes", "consumptionTypeId": "/v1/stock_consumption_types",
    "documentId": "/v1/documents", "variantPromoId": "/v1/variants",
}
"""Body keys naming a row of a collection: kept when the row exists on the mock, else substituted."""
VARIANT_KEYS = ("variantId", "variantPromoId")
"""Substituted by the variant the run received stock of (the examples sell up to 500 units)."""
QUERIES = {
    "GET /v1/document_types/caf.json": "codesii=33",
    "GET /v1/document_types/number_availables.json": "codesii=33",
    "GET /v1/documents/costs.json": "documentid={sale}",
    "GET /v1/clients/unpaid_documents.json": "code={client_code}",
}
"""Queries of the documented example URLs, for endpoints that answer nothing useful without one."""
QUERY_IDS = {
    "GET /v1/clients/unpaid_documents.json": {"code": "client_code"},
    "GET /v1/documents/costs.json": {"documentid": "sale", "number": "sale_number"},
}
"""Query parameters naming a row, per endpoint: set to the run's own (`World.extra`)."""


def items_of(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, dict):
        for key in ("items", "data"):
            if isinstance(body.get(key), list):
                return [item for item in body[key] if isinstance(item, dict)]
    return []


class World:
    """The mock's company seen through its API: existing ids to put in documented paths and bodies,
    and a few rows made for the examples that need them (a return, a checkout with shipping, a claim)."""

    def __init__(self, api: httpx.Client, token: str) -> None:
        self.api = api
        self.token = token
        self.first_ids: dict[str, int | None] = {}
        self.exists_cache: dict[str, bool] = {}
        self.extra: dict[str, Any] = {}

    def get(self, path: str) -> Any:
        response = self.api.get(path)
        return response.json() if response.status_code == 200 else None

    def ids(self, list_path: str) -> list[int]:
        sep = "&" if "?" in list_path else "?"
        rows = items_of(self.get(f"{list_path}{sep}limit=50"))
        active = [row["id"] for row in rows if row.get("state", 0) in (0, None) and "id" in row]
        return active + [row["id"] for row in rows if "id" in row and row["id"] not in active]

    def first_id(self, collection: str) -> int | None:
        if collection not in self.first_ids:
            found = self.ids(f"{collection}.json")
            self.first_ids[collection] = found[0] if found else None
        return self.first_ids[collection]

    def exists(self, collection: str, row_id: Any) -> bool:
        path = f"{collection}/{row_id}.json"
        if path not in self.exists_cache:
            self.exists_cache[path] = bool(re.fullmatch(r"\d+", str(row_id))) and self.api.get(path).status_code == 200
        return self.exists_cache[path]

    # rows made for the examples

    def prepare(self, examples: dict[str, Any]) -> None:
        """Make what the seed lacks, mostly from the documented examples themselves: stock for the
        examples' quantities, an unpaid factura due today with a dynamic attribute and its return,
        another due in a month, a checkout with shipping (its cart and courier order), a claim."""
        types = items_of(self.get("/v1/document_types.json?limit=50"))
        by_code = {str(row.get("codeSii")): row["id"] for row in types}
        for name, code in (("factura_type", "33"), ("credit_note_type", "61"), ("debit_note_type", "56"),
                           ("guide_type", "52"), ("sales_note_type", "")):
            self.extra[name] = by_code.get(code)
        variant = items_of(self.get("/v1/variants.json?state=0"))[0]
        self.extra["variant"], self.extra["variant_code"] = variant["id"], variant["code"]
        for office_id in self.ids("/v1/offices.json"):
            self.api.post("/v1/stocks/receptions.json", json={
                "officeId": office_id, "details": [{"variantId": variant["id"], "quantity": 10000, "cost": 100}]})
        for type_id in self.ids("/v1/product_types.json"):
            attributes = self.ids(f"/v1/product_types/{type_id}/attributes.json")
            products = self.ids(f"/v1/products.json?producttypeid={type_id}")
            if attributes and products:
                self.extra["attributes"], self.extra["attributed_product"] = attributes, products[0]
                self.extra["attributed_variant"] = self.ids(f"/v1/products/{products[0]}/variants.json")[0]
                break
        client_id = self.first_id("/v1/clients")
        self.extra["client"] = client_id
        self.extra["client_code"] = self.get(f"/v1/clients/{client_id}.json")["code"]
        addresses = self.ids(f"/v1/clients/{client_id}/addresses.json")
        self.extra["address"] = addresses[0] if addresses else None
        attributes = items_of(self.get(f"/v1/clients/{client_id}/attributes.json"))
        self.extra["client_attribute"] = int(re.findall(r"\d+", attributes[0]["href"])[-1]) if attributes else None
        document_attributes = [{"description": "1", "dynamicAttributeId": row["id"]}
                               for row in items_of(self.get("/v1/dynamic_attributes.json?limit=50"))
                               if "document_type" in row][:1]
        sale = self.api.post("/v1/documents.json", json={
            "documentTypeId": self.extra["factura_type"], "clientId": client_id, "dispatch": 1, "payments": [],
            "details": [{"variantId": variant["id"], "quantity": 2, "taxId": "[1]"}],
            "dynamicAttributes": document_attributes,
        }).json()
        self.extra["sale"], self.extra["sale_number"] = sale["id"], sale["number"]
        self.api.post("/v1/documents.json", json={
            "documentTypeId": self.extra["factura_type"], "clientId": client_id, "payments": [],
            "expirationDate": int(time.time()) + MONTH, "details": [{"variantId": variant["id"], "quantity": 1}],
        })
        self.extra["sale_detail"] = items_of(self.get(f"/v1/documents/{sale['id']}/details.json"))[0]["id"]
        note = self.api.post("/v1/documents.json", json={
            "documentTypeId": self.extra["sales_note_type"], "details": [{"variantId": variant["id"], "quantity": 1}]})
        self.extra["sales_note"] = note.json().get("id")
        returned = self.api.post("/v1/returns.json", json={
            "documentTypeId": self.extra["credit_note_type"], "referenceDocumentId": sale["id"],
            "motive": "conformance", "details": [{"documentDetailId": self.extra["sale_detail"], "quantity": 1}],
        }).json()
        self.extra["return"] = returned["id"]
        store = items_of(self.get("/v2/products/list/market_info.json?limit=50"))
        item = next(row for row in store if row.get("idVariantDefault"))
        self.extra["store_item"], self.extra["store_variant"] = item["id"], item["idVariantDefault"]
        order = self.send_example(examples, "POST /v1/markets/checkout.json")["data"]
        self.extra.update(checkout=order["id"], checkout_token=order["token"], cart=order["cartId"])
        self.extra["cart_detail"] = items_of(self.get(f"/v1/cart/{order['cartId']}/detail.json"))[0]["id"]
        orders = self.ids("/v1/couriers/orders.json")
        self.extra["order"] = orders[0] if orders else 1
        received = items_of(self.get("/v1/third_party_documents.json?limit=50"))[0]
        self.extra["claim_document"] = (received["codeSii"], received["number"], received["clientCode"])
        claim = self.send_example(examples, "POST /v1/dtes/claims.json")
        self.extra["claim"] = claim.get("data", {}).get("trackingNumber", "")

    def send_example(self, examples: dict[str, Any], endpoint: str) -> Any:
        """POST the endpoint's first documented request, its ids substituted."""
        path = endpoint.split(" ", 1)[1]
        return self.api.post(path, json=self.body(endpoint, examples[endpoint]["requests"][0]["body"], "")).json()

    # paths

    SPECIAL_PARAMS = {
        "/v1/instances/basic/{token}": lambda world: world.token,
        "/v2/token/checkout/{token}": lambda world: world.extra["checkout_token"],
        "/v1/markets/{marketId}": lambda world: 1,
        "/v1/cart/{cartId}": lambda world: world.extra["cart"],
        "/v1/cart/{id}": lambda world: world.extra["cart"],
        "/v1/couriers/orders/{id}": lambda world: world.extra["order"],
        "/v1/couriers/orders/{orderId}": lambda world: world.extra["order"],
        "/v1/markets/checkout/{id}": lambda world: world.extra["checkout"],
    }

    def path(self, template: str, declared: str, method: str) -> str | None:
        """`template` with ids that exist (a GET answers 200 and, for a list, has items)."""
        if (method, template) == ("DELETE", "/v1/documents/{id}.json"):
            return f"/v1/documents/{self.extra['sales_note']}.json"
        if (method, template) == ("PUT", "/v1/variants/{id}.json"):
            return f"/v1/variants/{self.extra['attributed_variant']}.json"
        match = PARAM.search(template)
        if match is None:
            return template
        prefix, rest = template[: match.start()], template[match.end():]
        special = self.SPECIAL_PARAMS.get(template[: match.end()])
        if match.group(1) == "date":
            candidates: list[Any] = re.findall(r"exchange_rate/(\d+)", declared)
        elif special is not None:
            candidates = [special(self)]
        else:
            candidates = self.ids(LIST_OF.get(prefix.rstrip("/"), prefix.rstrip("/") + ".json"))
        for candidate in candidates:
            path = prefix + str(candidate) + rest
            if PARAM.search(path):
                found = self.path(path, declared, method)
                if found is not None:
                    return found
            elif method != "GET" or self.shows_something(path):
                return path
        return None

    def shows_something(self, path: str) -> bool:
        body = self.get(path)
        if body is None:
            return False
        if isinstance(body, dict) and any(isinstance(body.get(key), list) for key in ("items", "data")):
            return bool(items_of(body))
        return True

    # bodies

    def body(self, endpoint: str, body: Any, path: str) -> Any:
        """The documented body with its ids replaced by ones that exist on the mock."""
        out = copy.deepcopy(body)
        path_ids = [int(value) for value in re.findall(r"/(\d+)(?=[/.])", path)]
        self._substitute(endpoint, out, path_ids[-1] if path_ids else None)
        return out

    def _substitute(self, endpoint: str, value: Any, path_id: int | None, in_details: bool = False) -> None:
        if isinstance(value, list):
            for item in value:
                self._substitute(endpoint, item, path_id, in_details)
            return
        if not isinstance(value, dict):
            return
        forced = self.forced(endpoint)
        for key, child in list(value.items()):
            scalar = not isinstance(child, (dict, list))
            if key in forced:
                value[key] = forced[key]
            elif key in BODY_SOURCES and scalar and child not in (None, 0, "0"):
                if not self.exists(BODY_SOURCES[key], child):
                    value[key] = self.extra["variant"] if key in VARIANT_KEYS else self.first_id(BODY_SOURCES[key])
            elif key == "attributeId" and scalar:
                attributes = self.extra["attributes"]
                value[key] = attributes[self.extra.setdefault("attribute_turn", 0) % len(attributes)]
                self.extra["attribute_turn"] += 1
            elif in_details and key in ("code", "barCode") and scalar:
                value[key] = self.extra["variant_code"]
            elif key == "id" and path_id is not None and scalar:
                value[key] = path_id
            else:
                self._substitute(endpoint, child, path_id, key == "details")

    def forced(self, endpoint: str) -> dict[str, Any]:
        """Ids that only one row of the mock can stand for in this endpoint's examples."""
        extra = self.extra
        code, number, issuer = extra.get("claim_document", ("", 0, ""))
        common = {
            "referenceDocumentId": extra["sale"], "documentDetailId": extra["sale_detail"],
            "detailId": extra["sale_detail"], "idVarianteProducto": extra.get("store_variant"),
            "productWebId": extra.get("store_item"), "addressId": extra["address"],
        }
        per_endpoint = {
            "POST /v1/documents.json": {"documentTypeId": extra["factura_type"], "clientId": extra["client"]},
            "POST /v1/variants.json": {"productId": extra.get("attributed_product")},
            "POST /v1/clients.json": {"dynamicAttributeId": extra["client_attribute"]},
            "PUT /v1/clients/{id}.json": {"dynamicAttributeId": extra["client_attribute"]},
            "POST /v1/returns.json": {"documentTypeId": extra["credit_note_type"]},
            "POST /v1/returns/{returnId}/annulments.json": {"documentTypeId": extra["debit_note_type"]},
            "POST /v1/shippings.json": {"documentTypeId": extra["guide_type"]},
            "PUT /v1/cart/{id}.json": {"id": extra.get("cart_detail")},
            "POST /v1/logs.json": {"orderId": extra.get("order")},
            "POST /v1/dtes/claims.json": {"document": {"issuer": {"code": issuer}, "code": code, "number": number}},
        }
        return {**common, **per_endpoint.get(endpoint, {})}

    def query(self, endpoint: str, query: str, *, default: bool = True) -> str:
        """A documented query with the ids of this company (claims, costs, RCOF dates); `default`: an
        empty one is replaced by the example URL's query the endpoint needs (`QUERIES`)."""
        code, number, _ = self.extra["claim_document"]
        if default and not query:
            query = QUERIES.get(endpoint, "").format(**self.extra)
        for name, known in QUERY_IDS.get(endpoint, {}).items():
            query = re.sub(rf"(^|&){name}=[^&]*", rf"\g<1>{name}={self.extra[known]}", query)
        query = re.sub(r"tracking_number=[^&]+", f"tracking_number={self.extra['claim']}", query)
        query = re.sub(r"document_code=[^&]+", f"document_code={code}", query)
        query = re.sub(r"document_number=[^&]+", f"document_number={number}", query)
        query = re.sub(r"priceListId=\d+", f"priceListId={self.first_id('/v1/price_lists')}", query)
        return re.sub(r"rcofdaterange=\[[^]]*\]", "rcofdaterange=[0,4102444800]", query)


# --- the run ------------------------------------------------------------------------------------


def load_examples() -> dict[str, Any]:
    return json.loads(EXAMPLES.read_text())["endpoints"]


def complete_request(requests: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The example with the most top-level keys: the whole body the fragments are sections of."""
    bodies = [request for request in requests if isinstance(request["body"], dict)]
    return max(bodies, key=lambda request: len(request["body"]), default=None)


def run_endpoint(world: World, reset: Callable[[], None], examples: dict[str, Any], endpoint: str) -> Outcome:
    """Send every documented request of `endpoint`, compare every documented response."""
    method, template = endpoint.split(" ", 1)
    example = examples[endpoint]
    outcome = Outcome(endpoint, example["group"])
    path = world.path(template, example["declared_path"], method)
    if path is None:
        outcome.add(Difference(endpoint, "(path)", "status", "(path)", "no row of the mock fits the path"))
    elif method == "GET":
        run_reads(world, outcome, example, path)
    else:
        run_writes(world, outcome, reset, examples, path)
    return outcome


def run_reads(world: World, outcome: Outcome, example: dict[str, Any], path: str) -> None:
    """One GET per documented query; each documented response compared with its query's answer.
    Every documented example URL is sent too (its query on the resolved path) and must be answered."""
    for url in example["urls"]:
        query = world.query(outcome.endpoint, url.partition("?")[2].lstrip("&"), default=False)
        answer = world.api.get(path + (f"?{query}" if query else ""))
        outcome.sent += 1
        if answer.status_code >= 300:
            outcome.add(Difference(outcome.endpoint, f"URL {url}", "status", "(status)", str(answer.status_code)))
    answers: dict[str, httpx.Response] = {}
    for response in example["responses"] or [{"query": ""}]:
        query = world.query(outcome.endpoint, response["query"])
        if query not in answers:
            answers[query] = world.api.get(path + (f"?{query}" if query else ""))
            outcome.sent += 1
            if answers[query].status_code >= 300:
                outcome.add(Difference(outcome.endpoint, query or "(request)", "status", "(status)",
                                       str(answers[query].status_code)))
        if "body" in response:
            compare(outcome, response, answers[query])


def run_writes(world: World, outcome: Outcome, reset: Callable[[], None], examples: dict[str, Any], path: str) -> None:
    """Each documented request (a fragment merged into the complete example) on fresh data; the
    responses compared with the answer to the request of the same name, else the complete one."""
    method, template = outcome.endpoint.split(" ", 1)
    example = examples[outcome.endpoint]
    whole = complete_request(example["requests"])
    answers: dict[str, httpx.Response] = {}
    for request in example["requests"] or [{"name": "(request)", "body": None}]:
        body = request["body"]
        if whole is not None and request is not whole and isinstance(body, dict):
            body = {**whole["body"], **body}
        reset()
        world.prepare(examples)
        resolved = world.path(template, example["declared_path"], method) or path
        sent = None if body is None else world.body(outcome.endpoint, body, resolved)
        answer = world.api.request(method, resolved, json=sent)
        outcome.sent += 1
        answers[request["name"]] = answer
        if answer.status_code >= 300:
            detail = f"{answer.status_code} {answer.text[:120]}"
            outcome.add(Difference(outcome.endpoint, request["name"], "status", "(status)", detail))
    reference = answers[whole["name"]] if whole is not None else next(iter(answers.values()))
    for response in example["responses"]:
        compare(outcome, response, answers.get(response["name"], reference))


def compare(outcome: Outcome, response: dict[str, Any], answer: httpx.Response) -> None:
    outcome.compared += 1
    if answer.status_code >= 300:
        return
    served = answer.json()
    if response.get("item"):
        served = merged(items_of(served)) if items_of(served) else served
    for kind, key, detail in shape_differences(response["body"], served):
        outcome.add(Difference(outcome.endpoint, response["name"], kind, key, detail))


def run(api: httpx.Client, token: str, reset: Callable[[], None]) -> list[Outcome]:
    """Every documented CL endpoint against the mock behind `api` (reset before each write)."""
    world = World(api, token)
    examples = load_examples()
    reset()
    world.prepare(examples)
    outcomes = []
    for endpoint in sorted(examples, key=lambda name: name.split(" ", 1)[0] != "GET"):
        outcomes.append(run_endpoint(world, reset, examples, endpoint))
    order = list(examples)
    return sorted(outcomes, key=lambda outcome: order.index(outcome.endpoint))


# --- the allow-list and the report --------------------------------------------------------------


def load_allowlist() -> list[dict[str, Any]]:
    return json.loads(ALLOWLIST.read_text())["differences"]


def allowed(difference: Difference, entry: dict[str, Any]) -> bool:
    """Whether an allow-list entry declares the difference (`example` optional; `key` one or a list; `*` any)."""
    keys = entry["key"] if isinstance(entry["key"], list) else [entry["key"]]
    return (entry["endpoint"] == difference.endpoint and entry.get("example", "*") in ("*", difference.example)
            and entry["kind"] in ("*", difference.kind) and ("*" in keys or difference.key in keys))


def report(outcomes: list[Outcome], allowlist: list[dict[str, Any]]) -> str:
    """`docs/conformance.md`: per endpoint group, exact endpoints and declared differences; totals."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.group, []).append(outcome)
    lines = [
        "# Conformance with Bsale's documented examples (Chile)",
        "",
        "Generated by `tests/test_conformance.py`: do not edit, regenerate with",
        f"`{REGENERATE}`.",
        "",
        "Every documented CL example request is sent to a live mock, with ids substituted for ones that",
        "exist there (a fragment of a body is sent merged into the endpoint's complete example), and every",
        "documented response is compared with the answer key by key: missing keys, extra keys, key order",
        "and JSON types. Values are not compared; `null` matches any type and a list's `next` is not",
        "compared (both depend on the data, not on the shape). Every example URL of a GET endpoint is sent",
        "too, and each request must be answered 2xx. Each difference (a refused request included) is",
        "declared, with its reason, in `docs/fidelity-allowlist.json`; the test fails on any other.",
        "",
        "| group | endpoints | exact | with declared differences | responses compared | requests sent | refused |",
        "|---|---|---|---|---|---|---|",
    ]
    totals = [0, 0, 0, 0, 0]
    for group in sorted(groups):
        members = groups[group]
        row = [len(members), sum(1 for outcome in members if not outcome.differences),
               sum(outcome.compared for outcome in members), sum(outcome.sent for outcome in members),
               sum(outcome.refused() for outcome in members)]
        totals = [total + value for total, value in zip(totals, row, strict=True)]
        lines.append(f"| {group} | {row[0]} | {row[1]} | {row[0] - row[1]} | {row[2]} | {row[3]} | {row[4]} |")
    lines.append(f"| **total** | **{totals[0]}** | **{totals[1]}** | **{totals[0] - totals[1]}** | **{totals[2]}** "
                 f"| **{totals[3]}** | **{totals[4]}** |")
    lines += ["", "## Declared differences", ""]
    for group in sorted(groups):
        differing = [outcome for outcome in groups[group] if outcome.differences]
        if differing:
            lines += [f"### {group}", ""]
            for outcome in differing:
                lines += [f"- `{outcome.endpoint}`", *declared_lines(outcome, allowlist)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def declared_lines(outcome: Outcome, allowlist: list[dict[str, Any]]) -> list[str]:
    """Per reason, the differences it explains, per example: `kind` and keys."""
    by_reason: dict[str, dict[str, dict[str, list[str]]]] = {}
    for difference in outcome.differences:
        reason = next((entry["reason"] for entry in allowlist if allowed(difference, entry)), "NOT DECLARED")
        kinds = by_reason.setdefault(reason, {}).setdefault(difference.example, {})
        shown = f" ({difference.detail})" if difference.kind in ("order", "type") else ""
        kinds.setdefault(difference.kind, []).append(f"`{difference.key}`{shown}")
    lines = []
    for reason, examples in by_reason.items():
        lines.append(f"  - {reason}")
        for example, kinds in examples.items():
            found = "; ".join(f"{kind} {', '.join(keys)}" for kind, keys in kinds.items())
            lines.append(f"    - *{example}*: {found}")
    return lines

"""`bsale.make`: the data a test needs, made through the mock's own API handlers (`POST /_mock/call`:
the same validation, domain code and webhooks as a client's request, outside the request journal), each
helper answering the item as the API serves it."""

from __future__ import annotations

import itertools
import random
import time
from typing import TYPE_CHECKING, Any

from mockbsale.data.common import rut

if TYPE_CHECKING:
    from mockbsale_pytest.servers import Backend
    from mockbsale_pytest.state import State

Ref = int | dict[str, Any]
"""A row named by its id or by the item the API served for it."""

DAY = 86400
FIRST = 1
"""The first product type, price list and office: where a helper puts things unless told otherwise."""


def ref(value: Ref) -> int:
    return int(value["id"]) if isinstance(value, dict) else int(value)


class Make:
    """Scenario helpers for one company; every argument not named here goes into the request body."""

    def __init__(self, backend: Backend, cpn_id: int, state: State) -> None:
        self._backend = backend
        self._cpn_id = cpn_id
        self._state = state
        self._serial = itertools.count(1)
        self._random = random.Random(cpn_id)

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """`METHOD path` through the API's handlers; the item it answers. A refused call raises ValueError
        (400) or LookupError (404) with Bsale's message."""
        return self._backend.call_api(self._cpn_id, method, path, body)

    def product(self, name: str = "Producto de prueba", **fields: Any) -> dict[str, Any]:
        """A product (of the first product type unless `productTypeId` is given), without variants."""
        return self.call("POST", "/v1/products.json", {"name": name, "productTypeId": FIRST, **fields})

    def variant(self, product: Ref | None = None, *, price: float | None = None, stock: float | None = None,
                office: Ref = FIRST, **fields: Any) -> dict[str, Any]:
        """A variant of `product` (a new one when None) with a unique `code`; its net `price` set in the
        first price list and its `stock` in `office` when given."""
        product_id = ref(product) if product is not None else self.product()["id"]
        serial = next(self._serial)
        body = {"productId": product_id, "description": f"Variante {serial}", "code": f"TEST-{product_id}-{serial}"}
        variant = self.call("POST", "/v1/variants.json", {**body, **fields})
        if price is not None:
            self.price(variant, price)
        if stock is not None:
            self.stock(variant, office, stock)
        return variant

    def price(self, variant: Ref, value: float, price_list: Ref = FIRST) -> dict[str, Any]:
        """The variant's net price in `price_list` set to `value` (a price change)."""
        list_id = ref(price_list)
        detail = self._state.rows("price_list_details", priceListId=list_id, variantId=ref(variant))
        if not detail:
            raise LookupError(f"variant {ref(variant)} has no price in price list {list_id}")
        path = f"/v1/price_lists/{list_id}/details/{detail[0]['id']}.json"
        return self.call("PUT", path, {"id": detail[0]["id"], "variantValue": value})

    def stock(self, variant: Ref, office: Ref, quantity: float) -> dict[str, Any]:
        """The variant's stock in `office` brought to exactly `quantity` by a reception or a consumption
        (a stock record at 0 is a reception of one unit then its consumption)."""
        variant_id, office_id = ref(variant), ref(office)
        current = self._state.rows("stocks", variantId=variant_id, officeId=office_id)
        if not current and quantity == 0:
            self._move(variant_id, office_id, 1)
        self._move(variant_id, office_id, quantity - self._state.stock(variant_id, office_id))
        row = self._state.rows("stocks", variantId=variant_id, officeId=office_id)[0]
        return self.call("GET", f"/v1/stocks/{row['id']}.json")

    def _move(self, variant_id: int, office_id: int, quantity: float) -> None:
        """A reception of `quantity` units, or a consumption when it is negative."""
        body = {"officeId": office_id, "note": "bsale.make", "details": [{"variantId": variant_id,
                                                                          "quantity": abs(quantity)}]}
        if quantity > 0:
            self.call("POST", "/v1/stocks/receptions.json", {**body, "document": "Guía"})
        elif quantity < 0:
            self.call("POST", "/v1/stocks/consumptions.json", body)

    def client(self, **fields: Any) -> dict[str, Any]:
        """A client (a person with a valid, unique RUT unless `code` and the rest are given)."""
        serial = next(self._serial)
        body = {"code": rut(self._random), "firstName": "Cliente", "lastName": f"De Prueba {serial}",
                "email": f"cliente{serial}@example.cl", "companyOrPerson": 0}
        return self.call("POST", "/v1/clients.json", {**body, **fields})

    def document(self, variant: Ref | None = None, quantity: float = 1, *, paid: bool = True, credit: bool = False,
                 client: Ref | None = None, office: Ref = FIRST, code_sii: str = "39", **fields: Any) -> dict[str, Any]:
        """A dispatched sale of `quantity` units of `variant` (a new one priced 1,000 with the stock it needs
        when None): a boleta unless `code_sii` says otherwise; paid in full by default, unpaid with
        `paid=False`, on 30 days' credit (unpaid, with a client) with `credit=True`."""
        office_id = ref(office)
        if variant is None:
            variant = self.variant(price=1000, stock=quantity, office=office_id)
        body: dict[str, Any] = {"codeSii": code_sii, "officeId": office_id, "dispatch": 1,
                                "details": [{"variantId": ref(variant), "quantity": quantity}]}
        if client is None and (credit or code_sii == "33"):
            client = self.client()
        if client is not None:
            body["clientId"] = ref(client)
        if credit:
            condition = next(row for row in self._state.rows("sale_conditions") if row["timeCondition"])
            emission = fields.get("emissionDate") or int(time.time())
            body.update(saleConditionId=condition["id"], expirationDate=emission + condition["timeCondition"] * DAY)
        if credit or not paid:
            body["payments"] = []
        return self.call("POST", "/v1/documents.json", {**body, **fields})

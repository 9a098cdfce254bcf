"""Web orders of the online store: carts (`/v1/cart`) and their lines, and checkouts
(`/v1/markets/checkout`, listed and read at `/v1/checkout`, by token at `/v2/token/checkout`)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain import checkout
from mockbsale.domain.context import Ctx
from mockbsale.domain.taxes import product_tax_ids
from mockbsale.http.errors import not_found
from mockbsale.resources.filters import Filter
from mockbsale.resources.markets import expanded
from mockbsale.resources.registry import REGISTRY, Attr, Computed, Resource, register, register_route
from mockbsale.resources.render import render, v2_body
from mockbsale.resources.routing import Reply, created, find_row, list_page, read_body, render_one
from mockbsale.resources.variants import whole
from mockbsale.store.table import Row

DETAIL_DELETED = "Cart detail successfully deleted"
CURRENCY = {"decimals": 0, "symbol": None, "decimalSeparator": None}


def optional(name: str, kind: type = str) -> Computed:
    """An attribute Bsale leaves out of the object when it has no value."""
    return Computed(name, lambda ctx, row: row.get(name), type=kind, optional=True)


def number(key: str, name: str | None = None) -> Computed:
    """A stored amount, whole numbers as integers (`"quantity": 1`)."""
    return Computed(name or key, lambda ctx, row: whole(row[key]))


# cart lines


def variant(ctx: Ctx, detail: Row) -> Row:
    return ctx.table("variants").rows[detail["variantId"]]


def web(ctx: Ctx, detail: Row) -> Row | None:
    return ctx.table("product_webs").get(detail["productWebId"]) if detail.get("productWebId") else None


def image(ctx: Ctx, detail: Row) -> str | None:
    """The image sent, else the product's first picture in the store."""
    if detail.get("image"):
        return detail["image"]
    found = web(ctx, detail)
    pictures = ctx.table("product_web_pictures").find("productWebId", found["id"]) if found else []
    return ctx.url(pictures[0]["path"]) if pictures else None


def product_link(ctx: Ctx, detail: Row) -> str | None:
    found = web(ctx, detail)
    return f"/product/{found['urlSlug']}" if found else None


def shipping(ctx: Ctx, detail: Row) -> dict[str, Any]:
    """Parcel size of the line's product, from its web description (`match` 0 without one)."""
    found = web(ctx, detail)
    sizes = {key: found[source] if found else 0 for key, source in checkout.SIZES.items()}
    return {"id": detail["variantId"], "weight": sizes["weight"], "width": sizes["width"], "deph": sizes["height"],
            "length": sizes["length"], "match": 1 if found else 0}


def total(ctx: Ctx, detail: Row) -> float | int:
    return whole(checkout.detail_total(detail))


ITEM_NAME = optional("itemName")
SKU = Computed("sku", lambda ctx, detail: variant(ctx, detail)["code"], type=str)
VARIANT_ID = Attr("idVarianteProducto", key="variantId")

register(
    Resource(
        name="cart_details",
        path="/v1/cart/{cartId}/detail",
        table="cart_details",
        parent="carts",
        parent_key="cartId",
        fields=[
            Attr("id"),
            number("quantity"),
            number("unitValue"),
            Attr("netUnitValue", type=float),
            number("discount"),
            ITEM_NAME,
            Computed("total", total),
            Computed("image", image, type=str),
            VARIANT_ID,
            SKU,
            Computed("link", product_link, type=str, optional=True),
            optional("productWebId", int),
            Attr("cartId"),
            Computed("taxList", lambda ctx, detail: product_tax_ids(ctx, variant(ctx, detail)["productId"]), type=list),
            Computed("shipping", shipping, type=dict),
            Computed("name", ITEM_NAME.compute, type=str, optional=True),
            Computed("value", total),
            number("quantity", "cd_q"),
            number("unitValue", "cd_unit_value"),
            number("discount", "cd_discount"),
            Computed("cd_item_name", ITEM_NAME.compute, type=str, optional=True),
            Computed("cd_sub_total", total),
            Attr("cd_id", key="id"),
            Computed("cd_id_discount", lambda ctx, detail: 0, type=int),
            Computed("cd_image", image, type=str),
            Attr("id_variante_producto", key="variantId"),
            Computed("codigo_variante_producto", SKU.compute, type=str),
            Computed("href", lambda ctx, d: ctx.url(f"/v1/cart/{d['cartId']}/detail/{d['id']}.json"), type=str),
        ],
        self_href=False,
        v2=True,
    )
)


def details_of(ctx: Ctx, cart_id: int) -> list[dict[str, Any]]:
    rows = ctx.table("cart_details").find("cartId", cart_id)
    return [render(ctx, REGISTRY["cart_details"], row) for row in rows]


register(
    Resource(
        name="carts",
        path="/v1/cart",
        table="carts",
        fields=[
            Attr("id"),
            Attr("createAt"),
            Computed("cartDetails", lambda ctx, cart: details_of(ctx, cart["id"]), type=list),
            Computed("url", lambda ctx, cart: ctx.url(f"/v1/cart/{cart['id']}.json"), type=str),
        ],
        listable=False,
        put=checkout.update_cart,
        self_href=False,
        v2=True,
    )
)


async def new_cart(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`POST /v1/cart/new.json`: a new cart (200, as the example's `code`)."""
    return render_one(ctx, REGISTRY["carts"], checkout.create_cart(ctx, await read_body(ctx, request)))


def delete_cart_detail(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`DELETE /v1/cart/{cartId}/detail/{id}.json`: the line leaves the cart."""
    checkout.delete_detail(ctx, int(ctx.path_params["cartId"]), int(ctx.path_params["id"]))
    return v2_body(DETAIL_DELETED)


register_route("/v1/cart/new.json", new_cart, ("POST",))
register_route("/v1/cart/{cartId:int}/detail/{id:int}.json", delete_cart_detail, ("DELETE",))


# checkouts


def cart_details(ctx: Ctx, row: Row) -> list[Any]:
    """The URL of the cart's lines, or the lines with `expand=[cartDetails]`."""
    if "cartdetails" in expanded(ctx):
        return details_of(ctx, row["cartId"])
    return [ctx.url(f"/v1/cart/{row['cartId']}/detail.json")]


def total_cart(ctx: Ctx, row: Row) -> float | int:
    return whole(checkout.cart_total(ctx, row["cartId"]))


def checkout_total(ctx: Ctx, row: Row) -> float | int:
    return whole(checkout.cart_total(ctx, row["cartId"]) + row["shippingCost"] - row["discountCost"])


CHECKOUTS = register(
    Resource(
        name="checkouts",
        path="/v1/markets/checkout",
        table="checkouts",
        fields=[
            Attr("id"),
            Attr("token", type=str),
            Attr("clientName", type=str),
            optional("clientLastName"),
            Attr("clientEmail", type=str),
            optional("clientPhone"),
            optional("id_tipo_documento_tributario", int),
            optional("clientCountry"),
            optional("clientState"),
            optional("clientCity"),
            Computed("dynamicAttributes", lambda ctx, row: [], type=list),
            optional("extrasUserData", dict),
            optional("clientStreet"),
            optional("clientCityZone"),
            optional("clientPostcode"),
            optional("clientBuildingNumber"),
            Attr("cartId"),
            Computed("cartDetails", cart_details, type=list),
            optional("spcId", int),
            Attr("ptId"),
            Attr("createAt"),
            number("shippingCost"),
            Attr("isMafs"),
            number("discountCost"),
            Attr("active"),
            optional("shippingComment"),
            Computed("totalCart", total_cart),
            Attr("pickStoreId"),
            optional("pickName"),
            optional("pickCode"),
            Attr("id_venta_documento_tributario"),
            Attr("documentNumber"),
            optional("documentToken"),
            Attr("storeId"),
            Attr("marketId"),
            Attr("isService"),
            Attr("withdrawStore"),
            Attr("payProcess", type=str),
            optional("ptName"),
            optional("stName"),
            Computed("total", checkout_total),
            optional("clientId", int),
            Computed("url", lambda ctx, row: ctx.url(f"/v1/checkout/{row['id']}.json"), type=str),
            Attr("orderStatus"),
            Computed("currency", lambda ctx, row: dict(CURRENCY), type=dict),
        ],
        filters={
            "token": Filter("token", "str", indexed=True),
            "clientName": Filter("clientName", "str"),
            "clientEmail": Filter("clientEmail", "str"),
            "marketId": Filter("marketId"),
            "dateStart": Filter("createAt", "since"),
            "dateEnd": Filter("createAt", "until"),
            "payProcess": Filter("payProcess", "str"),
        },
        listable=False,
        post=checkout.create_checkout,
        post_countries=("CL",),
        put=checkout.update_checkout,
        self_href=False,
        v2=True,
    )
)


def checkouts(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`GET /v1/markets/checkout/list.json` (and `/v1/checkout.json`, the `href` Bsale gives it)."""
    return list_page(ctx, CHECKOUTS, request.url.path)


async def new_checkout(ctx: Ctx, request: Request) -> Reply:
    """`POST /v1/checkout.json` (Peru and Mexico): a checkout, as Chile's `/v1/markets/checkout.json`."""
    return created(ctx, CHECKOUTS, checkout.create_checkout(ctx, await read_body(ctx, request, CHECKOUTS)))


def one_checkout(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`GET /v1/checkout/{id}.json`: the checkout's `url`."""
    return render_one(ctx, CHECKOUTS, find_row(ctx, CHECKOUTS))


def checkout_by_token(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`GET /v2/token/checkout/{token}.json`."""
    row = ctx.table("checkouts").first("token", ctx.path_params["token"])
    if row is None:
        raise not_found()
    return render_one(ctx, CHECKOUTS, row)


register_route("/v1/markets/checkout/list.json", checkouts)
register_route("/v1/checkout.json", checkouts)
register_route("/v1/checkout.json", new_checkout, ("POST",), countries=("MX", "PE"))
register_route("/v1/checkout/{id:int}.json", one_checkout)
register_route("/v2/token/checkout/{token}.json", checkout_by_token)

"""The online store's catalog (Tienda en línea): web product descriptions in their three documented
shapes (`/v2/products/list/market_info.json`, `/v1/markets/{id}/products/market_info.json`,
`/v2/products/market_info/{id}.json`), their pictures and variants, and collections.

Ecommerce responses use the v2 envelope (`{"code": 200, "data": ...}`). Their nodes link with
integer ids; expanded nodes (`expand=[variantsInfo,collections,...]`) are inlined lists.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from mockbsale.domain.context import Ctx
from mockbsale.domain.stock import available
from mockbsale.domain.taxes import with_taxes
from mockbsale.http.errors import not_found
from mockbsale.http.query import page_bounds, parse_list
from mockbsale.resources import v2
from mockbsale.resources.filters import Filter
from mockbsale.resources.registry import REGISTRY, Attr, Computed, Resource, register, register_route
from mockbsale.resources.render import envelope, render, v2_page
from mockbsale.resources.routing import list_page
from mockbsale.resources.variants import whole
from mockbsale.store.table import Row

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
"""A 1x1 PNG: every picture the store names answers with it."""

Compute = Callable[[Ctx, Row], Any]


def expanded(ctx: Ctx) -> set[str]:
    """The lower-cased names of `expand=[...]`."""
    return {name.lower() for name in parse_list(ctx.query.get("expand"))}


def link(path: Callable[[Row], str]) -> Compute:
    """A node `{"href": ...}` to a path of the row."""
    return lambda ctx, row: {"href": ctx.url(path(row))}


def unless_expanded(name: str, path: Callable[[Row], str], inline: Compute) -> Compute:
    """`inline(ctx, row)` when `expand` names `name`, else a `{"href"}` node."""
    return lambda ctx, row: inline(ctx, row) if name in expanded(ctx) else {"href": ctx.url(path(row))}


def constant(value: Any) -> Compute:
    return lambda ctx, row: value() if callable(value) else value


def product(ctx: Ctx, web: Row) -> Row:
    return ctx.table("products").rows[web["productId"]]


def market(ctx: Ctx, web: Row) -> Row:
    return ctx.table("markets").rows[web["marketId"]]


# prices and stock


def price_list_id(ctx: Ctx, web: Row) -> int:
    """`priceListId` of the query, else the market's price list."""
    try:
        return int(ctx.query["priceListId"])
    except (KeyError, ValueError):
        return int(market(ctx, web)["priceListId"])


def net_price(ctx: Ctx, variant_id: int, list_id: int) -> float | None:
    for row in ctx.table("price_list_details").find("variantId", variant_id):
        if row["priceListId"] == list_id:
            return float(row["variantValue"])
    return None


def prices(ctx: Ctx, web: Row, variant_id: int) -> dict[str, Any] | None:
    """Net (unrounded), final (with taxes, in the country's money: whole pesos, cents of a sol) and
    tax of a variant at the store's price list."""
    net = net_price(ctx, variant_id, price_list_id(ctx, web))
    if net is None:
        return None
    final = whole(with_taxes(ctx, variant_id, net))
    return {"net": net, "final": final, "tax": whole(round(final - rounded(ctx, net), ctx.country.money_decimals))}


def rounded(ctx: Ctx, amount: float) -> float:
    """`amount` to the country's money, as Python rounds (Chile's whole pesos: `round(net)`)."""
    return float(round(amount, ctx.country.money_decimals))


def sale_prices(ctx: Ctx, web: Row, variant_id: int) -> Any:
    """`salePrices` (`expand=[variant.salePrice]`): prices as strings, as the list example shows."""
    found = prices(ctx, web, variant_id) if "variant.saleprice" in expanded(ctx) else None
    if found is None:
        return []
    net, final, tax = rounded(ctx, found["net"]), found["final"], found["tax"]
    return {"price": str(net), "finalPrice": str(final), "fpWithoutDiscount": str(final), "taxPrice": str(tax),
            "taxDiscountPrice": str(tax), "netDiscountPrice": str(net)}


def final_price(ctx: Ctx, web: Row) -> int | None:
    """The default variant's price with taxes at the store's price list."""
    found = prices(ctx, web, web["idVariantDefault"])
    return found and found["final"]


def total_stock(ctx: Ctx, web: Row) -> float | int:
    """What the variants have available in the store's office."""
    office_id = market(ctx, web)["officeId"]
    return whole(sum(available(ctx, variant["id"], office_id) for variant in web_variants(ctx, web)))


# nodes


def web_variants(ctx: Ctx, web: Row) -> list[Row]:
    return ctx.table("variants").find("productId", web["productId"])


def variant_object(ctx: Ctx, web: Row, variant: Row) -> dict[str, Any]:
    """A variant as the web description lists it (`variantsInfo`)."""
    attributes = ctx.table("product_type_attributes")
    out = {key: variant[key] for key in ("id", "productId", "description", "unlimitedStock", "allowNegativeStock")}
    out["showInEcommerce"] = 1
    out.update({key: variant[key] for key in VARIANT_KEYS})
    out.update({"prestashopSync": 0, "booticValueId": 0, "booticSync": 0})
    out["attributeValues"] = [
        {"id": value["attributeId"], "name": attributes.rows[value["attributeId"]]["name"],
         "value": value["description"], "required": attributes.rows[value["attributeId"]]["isMandatory"],
         "integration": None}
        for value in ctx.table("variant_attribute_values").find("variantId", variant["id"])
    ]
    out.update({"prices": [], "salePrices": sale_prices(ctx, web, variant["id"]), "discounts": []})
    out["stockInfo"] = {"href": ctx.url(f"/v2/stocks.json?variant={variant['id']}")}
    out["shipping"] = {"href": ctx.url(f"/v2/products/market_info/{web['id']}.json?expand=[shipping]")}
    out.update({"marketDescription": None, "pictures": None, "integration": {}})
    out["href"] = ctx.url(f"/v2/variants/{variant['id']}.json")
    return out


VARIANT_KEYS = ("state", "barCode", "code", "imagestionCenterCost", "imagestionAccount", "imagestionConceptCod",
                "imagestionProyectCod", "imagestionCategoryCod", "imagestionProductId", "serialNumber",
                "prestashopCombinationId", "prestashopValueId")


def variants_list(ctx: Ctx, web: Row) -> list[dict[str, Any]]:
    return [variant_object(ctx, web, variant) for variant in web_variants(ctx, web)]


def priced_variant(ctx: Ctx, web: Row) -> dict[str, Any]:
    """The `variant` node of a store's list: the default variant with its prices."""
    variant = ctx.table("variants").rows[web["idVariantDefault"]]
    found = prices(ctx, web, variant["id"])
    net, final, tax = (found["net"], found["final"], found["tax"]) if found else (None, None, None)
    return {
        "id": variant["id"], "price": net, "description": variant["description"], "finalPrice": final,
        "fpWithoutDiscount": final, "taxPrice": tax, "taxDiscountPrice": tax,
        "netDiscountPrice": None if net is None else whole(rounded(ctx, net)),
        "unlimitedStock": variant["unlimitedStock"],
        "allowDecimal": product(ctx, web)["allowDecimal"], "allowNegativeStock": variant["allowNegativeStock"],
        "code": variant["code"], "discount": {"percent": 0, "minimumQuantity": 0},
    }


def unpriced_variant(ctx: Ctx, web: Row) -> dict[str, Any]:
    """The `variant` node of `/v2/products/list/market_info.json`: its id and code, the rest null."""
    variant = ctx.table("variants").rows[web["idVariantDefault"]]
    return {"id": variant["id"], "price": None, "description": None, "finalPrice": None, "unlimitedStock": None,
            "allowDecimal": None, "allowNegativeStock": None, "code": variant["code"], "integrations": None,
            "discount": {"percent": None, "minimumQuantity": None}}


def picture_url(ctx: Ctx, picture: Row) -> str:
    return ctx.url(picture["path"])


def pictures_of(ctx: Ctx, web: Row) -> list[Row]:
    return ctx.table("product_web_pictures").find("productWebId", web["id"])


def pictures_list(ctx: Ctx, web: Row) -> list[dict[str, Any]]:
    return [render(ctx, REGISTRY["product_web_pictures"], picture) for picture in pictures_of(ctx, web)]


def url_img(ctx: Ctx, web: Row) -> str | None:
    found = pictures_of(ctx, web)
    return picture_url(ctx, found[0]) if found else None


def collections_of(ctx: Ctx, webs: list[Row]) -> list[dict[str, Any]]:
    ids = sorted({row["collectionId"] for web in webs
                  for row in ctx.table("product_web_collections").find("productWebId", web["id"])})
    table = ctx.table("collections")
    return [render(ctx, REGISTRY["collections"], table.rows[collection_id]) for collection_id in ids]


def base_info(ctx: Ctx, web: Row) -> dict[str, Any]:
    """The product the description is about (`baseInfo`), as the GET example shows it."""
    item = product(ctx, web)
    found = prices(ctx, web, web["idVariantDefault"])
    return {
        "id": item["id"], "prestashopProductId": item["prestashopProductId"],
        "prestashopAttributeId": item["presashopAttributeId"], "name": item["name"],
        "description": item["description"], "classification": item["classification"],
        "basePrice": found and found["net"], "state": item["state"], "ledgerAccount": item["ledgerAccount"],
        "costCenter": item["costCenter"], "allowDecimal": item["allowDecimal"], "stockControl": item["stockControl"],
        "printDetailPack": item["printDetailPack"], "href": ctx.url(f"/v2/products/{item['id']}.json"),
    }


def short_base_info(ctx: Ctx, web: Row) -> dict[str, Any]:
    full = base_info(ctx, web)
    return {key: full[key] for key in ("id", "name", "classification", "stockControl", "href")}


def product_type(ctx: Ctx, web: Row) -> dict[str, Any]:
    type_id = product(ctx, web)["productTypeId"]
    return {"id": type_id, "href": ctx.url(f"/v2/product_types/{type_id}.json")}


def self_path(web: Row) -> str:
    return f"/v2/products/market_info/{web['id']}"


def product_path(web: Row) -> str:
    return f"/v2/products/{web['productId']}"


HEAD = [
    Attr("id"),
    Attr("productId"),
    Attr("idVariantDefault"),
    Attr("urlSlug", type=str),
    Attr("name", type=str),
    Attr("description", type=str),
]
DESCRIPTIONS = Computed(
    "descriptions", unless_expanded("descriptions", lambda web: self_path(web) + ".json?expand=[descriptions]",
                                    constant(list)), type=dict)
MIDDLE = [
    Attr("displayNotice", type=str),
    Attr("state"),
    Attr("mkProductType", type=str),
    Computed("productType", product_type, type=dict),
    Computed("productTaxes", link(lambda web: product_path(web) + "/product_taxes.json"), type=dict),
    Computed("urlImg", url_img, type=str),
]
PICTURES_LINK = Computed("pictures", link(lambda web: self_path(web) + "/pictures.json"), type=dict)
SIZES = [Attr("urlVideo", type=str), Attr("shippingUnit"), Attr("width", type=float), Attr("depth", type=float),
         Attr("length", type=float)]
STOCKS = Computed("stocks", link(lambda web: f"/v2/stocks.json?product={web['productId']}"), type=dict)
VARIANTS_PATH = lambda web: self_path(web) + "/variants.json"  # noqa: E731
COLLECTIONS_PATH = lambda web: product_path(web) + "/collections.json"  # noqa: E731
LIST_FILTERS = {
    "productWfId": Filter("id"),
    "productId": Filter("productId", indexed=True),
    "collId": Filter("id", via=("product_web_collections", "collectionId"), via_key="productWebId"),
}

register(
    Resource(
        name="product_webs",
        path="/v2/products/market_info",
        table="product_webs",
        fields=[
            HEAD[0], HEAD[1],
            Computed("classification", lambda ctx, web: product(ctx, web)["classification"], type=int),
            *HEAD[2:], DESCRIPTIONS, *MIDDLE,
            Computed("pictures", pictures_list, type=list),
            *SIZES,
            Computed("baseInfo", base_info, type=dict),
            Computed("variants", variants_list, type=list),
            Computed("relatedVariants", lambda ctx, web: [
                {"id": variant["id"], "href": ctx.url(f"/v2/variants/{variant['id']}.json")}
                for variant in web_variants(ctx, web)], type=list),
            Computed("collections", lambda ctx, web: collections_of(ctx, [web]), type=list),
            Computed("discounts", constant(list), type=list),
            STOCKS,
            Computed("integration", constant(dict), type=dict),
            Computed("brand", constant(None), type=dict),
        ],
        listable=False,
        self_href=False,
        v2=True,
    )
)

register(
    Resource(
        name="product_web_list",
        path="/v2/products/list/market_info",
        table="product_webs",
        fields=[
            *HEAD, DESCRIPTIONS, *MIDDLE,
            Computed("pictures", unless_expanded("images", lambda web: self_path(web) + "/pictures.json",
                                                 pictures_list), type=dict),
            *SIZES,
            Computed("baseInfo", lambda ctx, web: base_info(ctx, web) if "baseinfo" in expanded(ctx) else None,
                     type=dict),
            Computed("variants", unless_expanded("variantsinfo", VARIANTS_PATH, variants_list), type=dict),
            Computed("relatedVariants", link(lambda web: f"/v1/products/{web['productId']}/variants.json"),
                     type=dict),
            Computed("collections", unless_expanded("collections", COLLECTIONS_PATH,
                                                    lambda ctx, web: collections_of(ctx, [web])), type=dict),
            Computed("brand", constant(None), type=dict),
            Computed("variantShipping", link(lambda web: self_path(web) + ".json?expand=[variantShipping]"),
                     type=dict),
            Computed("discounts", constant(None), type=dict),
            STOCKS,
            Computed("integration", constant(dict), type=dict),
            Computed("variant", unpriced_variant, type=dict),
            Attr("order"),
            Computed("link", lambda ctx, web: f"product/{web['urlSlug']}", type=str),
        ],
        filters={
            **LIST_FILTERS,
            "code": Filter("productId", "str", via=("variants", "code"), via_key="productId"),
            "productWebType": Filter("mkProductType", "str"),
            "urlSlug": Filter("urlSlug", "str"),
            "name": Filter("name", "str"),
            "prodArray": Filter("productId"),
        },
        self_href=False,
        v2=True,
    )
)

register(
    Resource(
        name="market_products",
        path="/v1/markets/{marketId}/products/market_info",
        table="product_webs",
        parent_key="marketId",
        fields=[
            *HEAD, DESCRIPTIONS, *MIDDLE, PICTURES_LINK, *SIZES,
            Computed("baseInfo", short_base_info, type=dict),
            Computed("variant", priced_variant, type=dict),
            Computed("variants", link(VARIANTS_PATH), type=dict),
            Computed("discounts", constant(None), type=dict),
            STOCKS,
            Attr("order"),
            Computed("totalStock", total_stock),
            Computed("collections", link(COLLECTIONS_PATH), type=dict),
        ],
        filters={
            **LIST_FILTERS,
            "minPrice": Filter("idVariantDefault", "min", compute=final_price),
            "maxPrice": Filter("idVariantDefault", "max", compute=final_price),
            "with_stock": Filter("id", "min", compute=total_stock),
        },
        self_href=False,
        v2=True,
    )
)

register(
    Resource(
        name="product_web_pictures",
        path="/v2/products/market_info/{productWebId}/pictures",
        table="product_web_pictures",
        parent="product_webs",
        parent_key="productWebId",
        fields=[Attr("id"), Computed("href", picture_url, type=str), Attr("state"), Attr("legendImage", type=str)],
        filters={"id": Filter("id"), "state": Filter("state")},
        self_href=False,
        v2=True,
    )
)

COLLECTION_HEAD = [Attr("id"), Attr("name", type=str), Attr("urlSlug", type=str), Attr("state")]
COLLECTION_TAIL = [Attr("lyId"), Attr("mkId"), Attr("tdId"), Attr("integration", type=dict)]

register(
    Resource(
        name="collections",
        path="/v2/collections",
        table="collections",
        fields=[
            *COLLECTION_HEAD, Attr("description", type=str), Attr("image", type=str), *COLLECTION_TAIL,
            Computed("href", lambda ctx, row: ctx.url(f"/v2/collections/{row['id']}.json"), type=str),
        ],
        listable=False,
        self_href=False,
        v2=True,
    )
)

register(
    Resource(
        name="market_collections",
        path="/v1/markets/collections",
        table="collections",
        fields=[*COLLECTION_HEAD, *COLLECTION_TAIL],
        filters={"state": Filter("state")},
        listable=False,
        self_href=False,
        v2=True,
    )
)


def rows_page(ctx: Ctx, request: Request, items: list[dict[str, Any]]) -> dict[str, Any]:
    """A v2 page of already rendered items."""
    limit, offset = page_bounds(ctx.query)
    href = ctx.url(request.url.path)
    return v2_page(envelope(href, len(items), limit, offset, items[offset : offset + limit], dict(ctx.query)))


def web_variants_page(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`GET /v2/products/market_info/{productWebId}/variants.json`: the variants of a web description."""
    web = ctx.table("product_webs").get(int(ctx.path_params["productWebId"]))
    if web is None:
        raise not_found()
    return rows_page(ctx, request, variants_list(ctx, web))


def product_collections(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`GET /v2/products/{productId}/collections.json`: the collections a product is published in."""
    product_id = int(ctx.path_params["productId"])
    if ctx.table("products").get(product_id) is None:
        raise not_found()
    return rows_page(ctx, request, collections_of(ctx, ctx.table("product_webs").find("productId", product_id)))


def picture(ctx: Ctx, request: Request) -> Response:
    """A product picture of the store (a 1x1 PNG), public like Bsale's CDN."""
    path = request.url.path
    if not any(row["path"] == path for row in ctx.table("product_web_pictures")):
        raise not_found()
    return Response(PIXEL, media_type="image/png")


def market_collections(ctx: Ctx, request: Request) -> dict[str, Any]:
    """`GET /v1/markets/collections/list.json`: the store's collections."""
    return list_page(ctx, REGISTRY["market_collections"], request.url.path)


register_route("/v1/markets/collections/list.json", market_collections)
register_route("/v2/products/market_info/{productWebId:int}/variants.json", web_variants_page)
register_route("/v2/products/{productId:int}/collections.json", product_collections)
register_route("/v2/product_types/{id:int}.json", v2.one("product_types"))
register_route("/v2/products/{productId:int}/product_taxes.json", v2.listing("product_taxes", {}))
register_route("/images/{cpnId:int}/product/{name}", picture, cpn_param="cpnId")

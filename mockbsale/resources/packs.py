"""Packs (`POST /v2/products/pack.json`): the product, its SKU and its details, in the v2 envelope."""

from __future__ import annotations

from typing import Any

from mockbsale.domain import packs
from mockbsale.domain.context import Ctx
from mockbsale.resources.registry import Attr, Computed, Resource, register
from mockbsale.resources.variants import whole
from mockbsale.store.table import Row

DETAIL_KEYS = ("id", "productId", "variantId", "quantity", "state", "packId", "multipleVariant")


def variant_attr(name: str) -> Any:
    """`name` of the pack's variant (None before it has one)."""

    def compute(ctx: Ctx, row: Row) -> Any:
        variant = ctx.table("variants").first("productId", row["id"])
        return None if variant is None else variant[name]

    return compute


def pack_detail(ctx: Ctx, row: Row) -> list[dict[str, Any]]:
    """The components as the response example lists them (`packInfo` is always empty there)."""
    return [{**{key: whole(detail[key]) if key == "quantity" else detail[key] for key in DETAIL_KEYS}, "packInfo": {}}
            for detail in packs.components(ctx, row["id"])]


register(
    Resource(
        name="packs",
        path="/v2/products/pack",
        table="products",
        fields=[
            Attr("id"),
            Attr("name", type=str),
            Attr("classification"),
            Attr("printPackDetail", key="printDetailPack"),
            Computed("state", lambda ctx, row: int(row["state"] == 0), type=int),
            Attr("productTypeId"),
            Computed("brandId", lambda ctx, row: 0, type=int),
            Computed("sku", variant_attr("code"), type=str),
            Computed("barCode", variant_attr("barCode"), type=str),
            Computed("packDetail", pack_detail, type=list),
        ],
        listable=False,
        member=False,
        post=packs.create_pack,
        self_href=False,
        v2=True,
    )
)

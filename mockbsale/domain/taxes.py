"""Taxes a product carries: Chile's IVA 19 % and additional taxes (ILA...), Peru's IGV 18 % (and
ICBPER)."""

from __future__ import annotations

from mockbsale.domain.context import Ctx


def product_tax_ids(ctx: Ctx, product_id: int) -> list[int]:
    return [row["taxId"] for row in ctx.table("product_taxes").find("productId", product_id)]


def tax_rate(ctx: Ctx, tax_ids: list[int]) -> float:
    """The sum of the percentages of `tax_ids`, as a fraction (IVA alone: 0.19)."""
    taxes = ctx.table("taxes")
    return sum(float(taxes.rows[tax_id]["percentage"]) for tax_id in tax_ids if tax_id in taxes.rows) / 100


def variant_tax_rate(ctx: Ctx, variant_id: int) -> float:
    variant = ctx.table("variants").get(variant_id)
    return 0.0 if variant is None else tax_rate(ctx, product_tax_ids(ctx, variant["productId"]))


def with_taxes(ctx: Ctx, variant_id: int, net: float) -> float:
    """A net price with the variant's taxes, rounded to the country's money (`variantValueWithTaxes`)."""
    return float(round(net * (1 + variant_tax_rate(ctx, variant_id)), ctx.country.money_decimals))

"""Taxes a product carries: Chile's IVA 19 % and additional taxes (ILA...), Peru's IGV 18 % (and
ICBPER)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockbsale.domain.context import Ctx


def product_tax_ids(ctx: Ctx, product_id: int) -> list[int]:
    return [row["taxId"] for row in ctx.table("product_taxes").find("productId", product_id)]


def per_unit(tax: Mapping[str, Any]) -> bool:
    """Whether a tax is an amount a unit (`amountTax` 1: Peru's ICBPER, its `percentage` the amount)."""
    return bool(tax.get("amountTax"))


def tax_rate(ctx: Ctx, tax_ids: list[int]) -> float:
    """The sum of the percentages of `tax_ids`, as a fraction (IVA alone: 0.19); a per-unit tax (Peru's
    ICBPER, `amountTax` 1) is no percentage and is left out."""
    return sum(float(row["percentage"]) for row in _rows(ctx, tax_ids) if not per_unit(row)) / 100


def unit_tax(ctx: Ctx, tax_ids: list[int]) -> float:
    """The per-unit taxes of `tax_ids`: an amount added to each unit (ICBPER: 0.50 soles a bag)."""
    return sum(float(row["percentage"]) for row in _rows(ctx, tax_ids) if per_unit(row))


def _rows(ctx: Ctx, tax_ids: list[int]) -> list[dict]:
    taxes = ctx.table("taxes")
    return [taxes.rows[tax_id] for tax_id in tax_ids if tax_id in taxes.rows]


def variant_tax_ids(ctx: Ctx, variant_id: int) -> list[int]:
    """The taxes of the variant's product (none for a variant the company lacks)."""
    variant = ctx.table("variants").get(variant_id)
    return [] if variant is None else product_tax_ids(ctx, variant["productId"])


def variant_tax_rate(ctx: Ctx, variant_id: int) -> float:
    return tax_rate(ctx, variant_tax_ids(ctx, variant_id))


def with_taxes(ctx: Ctx, variant_id: int, net: float) -> float:
    """A net price with the variant's taxes, rounded to the country's money (`variantValueWithTaxes`): its
    percentages, then its per-unit taxes (a plastic bag at 0.85 net: 1.00 with IGV, 1.50 with ICBPER)."""
    tax_ids = variant_tax_ids(ctx, variant_id)
    priced = round(net * (1 + tax_rate(ctx, tax_ids)), ctx.country.money_decimals) + unit_tax(ctx, tax_ids)
    return float(round(priced, ctx.country.money_decimals))

"""Coins (`/v1/coins`), their exchange rate on a date and the sales made in each, read-only."""

from __future__ import annotations

import math
from typing import Any

from starlette.requests import Request

from mockbsale.domain.context import Ctx
from mockbsale.resources.filters import DAY, Filter
from mockbsale.resources.registry import Attr, Resource, register, register_route
from mockbsale.resources.users import document_page, documents_in_range, is_sale, path_row

# pesos per unit around 2024, by ISO code; the rate of a day swings a few percent around it
BASE_RATES = {"CLP": 1.0, "USD": 940.0, "EUR": 1020.0, "CLF": 37_000.0}
SWING = 0.03
SWING_DAYS = 45


def exchange_rate_on(iso_code: str, unix_time: int) -> float:
    """A plausible, deterministic rate for a day (the same date always gives the same rate)."""
    base = BASE_RATES.get(iso_code, 1.0)
    if base == 1.0:
        return 1.0
    return round(base * (1 + SWING * math.sin(unix_time // DAY / SWING_DAYS)), 2)


def exchange_rate(ctx: Ctx, request: Request) -> dict[str, Any]:
    coin = path_row(ctx, "coins", "coinId")
    return {"exchangeRate": exchange_rate_on(coin.get("isoCode", ""), int(ctx.path_params["date"]))}


def sales(ctx: Ctx, request: Request) -> dict[str, Any]:
    """The sales documents priced in this coin between `startdate` and `enddate` (today by default)."""
    priced_in = ctx.table("documents").find("coinId", path_row(ctx, "coins", "coinId")["id"])
    return document_page(ctx, request, documents_in_range(ctx, priced_in, is_sale))


register(
    Resource(
        name="coins",
        path="/v1/coins",
        table="coins",
        fields=[
            Attr("id"), Attr("name", type=str), Attr("symbol", type=str), Attr("decimals"),
            Attr("roundDecimals", key="decimals", only=("PE",)), Attr("totalRound"),
            Attr("isoCode", type=str, only=("PE",)),
        ],
        filters={
            "name": Filter("name", "str"),
            "symbol": Filter("symbol", "str"),
            "state": Filter("state"),
            "default": Filter("default", "bool"),
        },
        count=True,
    )
)
register_route("/v1/coins/{coinId:int}/exchange_rate/{date:int}.json", exchange_rate)
register_route("/v1/coins/{coinId:int}/sales.json", sales)

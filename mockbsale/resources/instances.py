"""`GET /v1/instances/basic/{token}.json`: the company behind a token (Bsale serves it on its
credential host; the mock serves it on its own)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from mockbsale.domain.context import Ctx
from mockbsale.resources.registry import register_route

INSTANCE_KEYS = ("id", "code", "name", "state", "country", "trial", "trialEnd")


def instance(ctx: Ctx, request: Request) -> dict[str, Any]:
    return {key: ctx.company.instance.get(key) for key in INSTANCE_KEYS} | {"country": ctx.company.country}


register_route("/v1/instances/basic/{token}.json", instance, token_param="token")

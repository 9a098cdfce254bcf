"""An example Bsale integration: a shop backend that keeps a local stock table in sync from Bsale's
stock notifications, by GETting the resource each notification names (as Bsale recommends).

    app = create_app(bsale_url="https://api.bsale.io", token="...")

`POST /webhooks/bsale` receives notifications; `GET /stock/{variant_id}/{office_id}` answers the
local quantity. Run it with `uvicorn examples.stock_sync:app` after setting BSALE_URL and BSALE_TOKEN.
"""

from __future__ import annotations

import os

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def create_app(bsale_url: str, token: str) -> Starlette:
    stock: dict[tuple[int, int], float] = {}

    async def notification(request: Request) -> JSONResponse:
        try:
            payload = await request.json()
        except ValueError:
            return JSONResponse({"error": "not JSON"}, status_code=400)
        if not isinstance(payload, dict) or not isinstance(payload.get("topic"), str):
            return JSONResponse({"error": "no topic"}, status_code=400)
        if payload["topic"] != "stock":
            return JSONResponse({"ignored": payload["topic"]})
        resource = payload.get("resource")
        if not isinstance(resource, str) or not resource.startswith("/"):
            return JSONResponse({"error": "no resource"}, status_code=400)
        async with httpx.AsyncClient(base_url=bsale_url, headers={"access_token": token}, timeout=10) as client:
            answer = await client.get(resource)
        if answer.status_code != 200:
            return JSONResponse({"error": f"Bsale answered {answer.status_code}"}, status_code=502)
        for item in answer.json()["data"]:
            stock[int(item["variant"]["id"]), int(item["office"]["id"])] = item["quantityAvailable"]
        return JSONResponse({"synced": len(answer.json()["data"])})

    async def quantity(request: Request) -> JSONResponse:
        key = (request.path_params["variant_id"], request.path_params["office_id"])
        if key not in stock:
            return JSONResponse({"error": "unknown"}, status_code=404)
        return JSONResponse({"quantity": stock[key]})

    return Starlette(
        routes=[
            Route("/webhooks/bsale", notification, methods=["POST"]),
            Route("/stock/{variant_id:int}/{office_id:int}", quantity),
        ]
    )


if "BSALE_TOKEN" in os.environ:
    app = create_app(os.environ.get("BSALE_URL", "https://api.bsale.io"), os.environ["BSALE_TOKEN"])

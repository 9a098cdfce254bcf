"""Admin endpoints over webhooks: subscriptions per company, the delivery log, the trigger."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import mockbsale.http.path_ids  # noqa: F401  (registers the `bsale_id` path convertor)
from mockbsale.admin.fields import integer, number
from mockbsale.http.errors import BsaleError, bad_request
from mockbsale.http.json import JSONResponse, error_response, read_object
from mockbsale.http.query import parse_int
from mockbsale.webhooks import WebhookHub

DELIVERIES_LIMIT = 100
MAX_DRAIN = 60.0
"""The longest `drain?timeout=` (seconds): a client cannot hold a request open for longer."""
MAX_ID = 2**31 - 1

Endpoint = Callable[[Request], Awaitable[Response]]


def admin(handler: Callable[[WebhookHub, Request], Awaitable[Any]]) -> Endpoint:
    """`handler(hub, request)` returns a JSON body (or a Response); ValueError answers 400,
    LookupError 404, both as `{"error": ...}`."""

    async def endpoint(request: Request) -> Response:
        try:
            result = await handler(request.app.state.engine.webhooks, request)
        except BsaleError as error:
            return error_response(error)
        except ValueError as error:
            return error_response(bad_request(str(error)))
        except LookupError as error:
            return error_response(BsaleError(404, str(error.args[0] if error.args else error)))
        return result if isinstance(result, Response) else JSONResponse(result)

    return endpoint


def _cpn_id(hub: WebhookHub, value: Any) -> int:
    """The cpnId given, or the first company's when absent."""
    if value is None or value == "":
        return next(iter(hub.companies))
    cpn_id = parse_int(str(value), -1)
    if cpn_id not in hub.companies:
        raise LookupError(f"no company with cpnId {value}")
    return cpn_id


def _id(request: Request) -> int:
    return int(request.path_params["id"])


async def subscriptions(hub: WebhookHub, request: Request) -> Any:
    """GET: the subscriptions (of `cpnId`, or of every company); POST `{"url", "cpnId"?, "topics"?,
    "actions"?, "faults"?}`: add one (201)."""
    if request.method == "GET":
        cpn = request.query_params.get("cpnId")
        ids = [_cpn_id(hub, cpn)] if cpn else list(hub.companies)
        return [subscription.to_dict() for cpn_id in ids for subscription in hub.subscriptions(cpn_id)]
    body = await read_object(request)
    unknown = set(body) - {"cpnId", "url", "topics", "actions", "faults"}
    if unknown:
        raise ValueError(f"unknown subscription field(s): {', '.join(sorted(unknown))}")
    subscription = hub.subscribe(
        _cpn_id(hub, body.get("cpnId")), body.get("url"), body.get("topics"), body.get("actions"), body.get("faults")
    )
    return JSONResponse(subscription.to_dict(), status_code=201)


async def subscription(hub: WebhookHub, request: Request) -> Any:
    """GET one; PUT `{"url"?, "topics"?, "actions"?, "faults"?}` changes it; DELETE removes it."""
    found = hub.subscription(_id(request))
    if request.method == "PUT":
        found = hub.update(found.id, **await read_object(request))
    elif request.method == "DELETE":
        hub.unsubscribe(found)
    return found.to_dict()


async def deliveries(hub: WebhookHub, request: Request) -> Any:
    """Newest first: `cpnId`, `topic`, `state` narrow it; `limit` (default 100) cuts it."""
    query = request.query_params
    cpn = query.get("cpnId")
    found = hub.deliveries(_cpn_id(hub, cpn) if cpn else None)
    found = [
        delivery for delivery in found
        if query.get("topic") in (None, delivery.payload["topic"]) and query.get("state") in (None, delivery.state)
    ]
    limit = parse_int(query.get("limit"), DELIVERIES_LIMIT)
    return {"count": len(found), "items": [delivery.to_dict() for delivery in found[: max(limit, 0)]]}


async def redeliver(hub: WebhookHub, request: Request) -> Any:
    """POST: send a logged notification again, as a new delivery (201, the new delivery)."""
    return JSONResponse(hub.redeliver(_id(request)).to_dict(), status_code=201)


async def trigger(hub: WebhookHub, request: Request) -> Any:
    """POST `{"topic", "action"?, "cpnId"?, "resourceId"?}`: make the change, answer its payloads."""
    body = await read_object(request)
    topic = body.get("topic")
    if not isinstance(topic, str):
        raise ValueError("topic can't be blank")
    action = body.get("action")
    resource_id = body.get("resourceId")
    payloads = hub.trigger(
        _cpn_id(hub, body.get("cpnId")), topic, None if action is None else str(action),
        None if resource_id is None else integer(resource_id, "resourceId", 1, MAX_ID),
    )
    return JSONResponse({"payloads": payloads}, status_code=201)


async def drain(hub: WebhookHub, request: Request) -> Any:
    """POST `?timeout=5`: wait until no delivery is pending (at most `MAX_DRAIN` seconds);
    `{"idle": false}` on timeout."""
    timeout = min(number(request.query_params.get("timeout") or 5, "timeout", 0), MAX_DRAIN)
    return {"idle": await hub.drain(timeout)}


def webhook_routes() -> list[Route]:
    return [
        Route("/_mock/webhooks/subscriptions", admin(subscriptions), methods=["GET", "POST"]),
        Route("/_mock/webhooks/subscriptions/{id:bsale_id}", admin(subscription), methods=["GET", "PUT", "DELETE"]),
        Route("/_mock/webhooks/deliveries", admin(deliveries), methods=["GET"]),
        Route("/_mock/webhooks/deliveries/{id:int}/redeliver", admin(redeliver), methods=["POST"]),
        Route("/_mock/webhooks/trigger", admin(trigger), methods=["POST"]),
        Route("/_mock/webhooks/drain", admin(drain), methods=["POST"]),
    ]

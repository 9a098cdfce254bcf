"""Admin endpoints over the traffic layer: the request journal, faults and the rate limit."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbsale.admin.engine_of import engine_of
from mockbsale.admin.fields import integer, number
from mockbsale.http.errors import BsaleError, bad_request, not_found
from mockbsale.http.faults import KINDS
from mockbsale.http.json import JSONResponse, error_response, read_object
from mockbsale.http.query import parse_int


def _company_ids(request: Request, value: Any) -> list[int]:
    """The cpnId named (404 when unknown), or every company when it is absent."""
    companies = engine_of(request).store.companies
    if value is None or value == "":
        return list(companies)
    cpn_id = parse_int(str(value), -1)
    if cpn_id not in companies:
        raise not_found()
    return [cpn_id]


REQUESTS_LIMIT = 1000
"""Entries one `GET /_mock/requests` answers by default (and at most `REQUESTS_MAX`)."""
REQUESTS_MAX = 10_000
REQUESTS_BYTES = 4 * 1024 * 1024
"""The most one answer of `GET /_mock/requests` carries (at least one entry); page on with `since`."""


def bounded(entries: list[dict[str, Any]], newest: bool) -> list[bytes]:
    """Each entry as JSON, as many as fit in `REQUESTS_BYTES`: the newest ones when `newest`, else
    the oldest; always in arrival order."""
    order = reversed(entries) if newest else iter(entries)
    kept: list[bytes] = []
    size = 0
    for entry in order:
        encoded = orjson.dumps(entry)
        size += len(encoded) + 1
        if kept and size > REQUESTS_BYTES:
            break
        kept.append(encoded)
    return kept[::-1] if newest else kept


async def requests(request: Request) -> Response:
    """GET: the journal in arrival order. `cpnId`, `method`, `path` (prefix) and `status` (`404` or
    `4xx`) narrow it; `since=<id>` gives the entries after that id (the oldest first: tail with the
    last id you got), otherwise the newest; `limit` (default 1,000) and 4 MiB bound one answer.
    DELETE: forget it (of `cpnId`, or all)."""
    query = request.query_params
    cpn = query.get("cpnId")
    try:
        ids = _company_ids(request, cpn)
    except BsaleError as error:
        return error_response(error)
    journal = engine_of(request).journal
    if request.method == "DELETE":
        journal.clear(ids[0] if cpn else None)
        return JSONResponse({"cleared": True})
    since = query.get("since")
    limit = min(max(parse_int(query.get("limit"), REQUESTS_LIMIT), 0), REQUESTS_MAX)
    records = journal.records(ids[0] if cpn else None, method=query.get("method"), path=query.get("path"),
                              status=query.get("status"), since=max(parse_int(since, 0), 0))
    records = records[:limit] if since else records[max(len(records) - limit, 0):]
    kept = bounded([record.entry().as_dict() for record in records], newest=not since) if limit else []
    return Response(b"[" + b",".join(kept) + b"]", media_type="application/json")


async def faults(request: Request) -> Response:
    """GET: the faults on; POST `{"kind", "cpnId"?, options...}`: turn one on (every company without
    `cpnId`), or `{"seed": n}` to restart the decisions; DELETE (`cpnId`, `kind`): turn off."""
    engine_faults = engine_of(request).faults
    try:
        if request.method == "GET":
            return JSONResponse({**engine_faults.describe(), "kinds": KINDS})
        if request.method == "DELETE":
            kind = request.query_params.get("kind")
            if request.query_params.get("cpnId") is None:
                engine_faults.clear()
            for cpn_id in _company_ids(request, request.query_params.get("cpnId")):
                engine_faults.clear(cpn_id, kind)
            return JSONResponse(engine_faults.describe())
        body = await read_object(request)
        options = {key: value for key, value in body.items() if key not in ("cpnId", "kind", "seed")}
        ids = _company_ids(request, body.get("cpnId"))
        seed = integer(body["seed"], "seed") if "seed" in body else None
        if "kind" in body:
            for cpn_id in ids:
                engine_faults.set(cpn_id, str(body["kind"]), **options)
        if seed is not None:
            engine_faults.reseed(seed)
        return JSONResponse(engine_faults.describe(), status_code=201)
    except BsaleError as error:
        return error_response(error)
    except ValueError as error:
        return error_response(bad_request(str(error)))


async def rate_limit(request: Request) -> Response:
    """GET: the limit (0 is off); PUT `{"limit": 3000, "window": 300}`: change it, counts restart."""
    limiter = engine_of(request).rate_limiter
    if request.method == "PUT":
        try:
            body = await read_object(request)
            limiter.configure(integer(body.get("limit", limiter.limit), "limit"),
                              number(body.get("window", limiter.window), "window"))
        except BsaleError as error:
            return error_response(error)
        except ValueError as error:
            return error_response(bad_request(str(error)))
    return JSONResponse(limiter.describe())


def traffic_routes() -> list[Route]:
    return [
        Route("/_mock/requests", requests, methods=["GET", "DELETE"]),
        Route("/_mock/faults", faults, methods=["GET", "POST", "DELETE"]),
        Route("/_mock/rate-limit", rate_limit, methods=["GET", "PUT"]),
    ]

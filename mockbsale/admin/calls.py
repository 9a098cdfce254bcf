"""`POST /_mock/call`: one API call run in-process through the API's own handlers (same validation, domain
code and webhooks as a client's request), without the journal, faults or rate limit. The plugin's scenario
helpers (`bsale.make`) build their data with it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbsale.admin.engine_of import engine_of
from mockbsale.http.errors import BsaleError, bad_request
from mockbsale.http.json import JSONResponse, error_response, read_object
from mockbsale.resources.routing import base_url
from mockbsale.webhooks.inprocess import call_served

METHODS = ("GET", "POST", "PUT", "DELETE")


async def call(request: Request) -> Response:
    """`{"cpnId", "method", "path", "body"?}` -> the item as the API serves it (200), or the API's error."""
    engine = engine_of(request)
    try:
        asked = await read_object(request)
        method, path, body = asked.get("method"), asked.get("path"), asked.get("body")
        if method not in METHODS or not isinstance(path, str) or not isinstance(body, dict | None):
            raise bad_request(f"call needs method (one of {', '.join(METHODS)}), path and an optional body object")
        cpn_id = asked.get("cpnId", 1)
        company = engine.store.companies.get(cpn_id) if type(cpn_id) is int else None
        if company is None:
            raise BsaleError(404, f"no company with cpnId {asked.get('cpnId')}")
        return JSONResponse(call_served(engine, company, method, path, body, base_url(request)))
    except BsaleError as error:
        return error_response(error)
    except LookupError as error:
        return error_response(BsaleError(404, str(error.args[0] if error.args else error)))


def call_routes() -> list[Route]:
    return [Route("/_mock/call", call, methods=["POST"])]

"""The admin API's door: its writes (`POST`, `PUT`, `DELETE` on `/_mock/...`) take JSON only and
refuse a request from a web page of another origin. The admin API has no authentication, and any
page a developer visits can send a `text/plain` POST to 127.0.0.1 (a "simple" request, no CORS
preflight): without this, a page could reset the mock or inject faults."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from mockbsale.http.errors import BsaleError
from mockbsale.http.middleware import send_error

ADMIN_PREFIX = "/_mock/"
WRITES = ("POST", "PUT", "DELETE", "PATCH")
FOREIGN_ORIGIN = "the admin API refuses requests from another origin"
NOT_JSON = "the admin API takes application/json bodies only"


def refusal(headers: Headers) -> BsaleError | None:
    """Why an admin write must be refused (403 foreign origin, 415 not JSON), or None."""
    origin = headers.get("origin")
    if headers.get("sec-fetch-site") == "cross-site" or (
        origin is not None and urlsplit(origin).netloc != headers.get("host")
    ):
        return BsaleError(403, FOREIGN_ORIGIN)
    content_type = headers.get("content-type")
    if content_type is not None and content_type.split(";")[0].strip().lower() != "application/json":
        return BsaleError(415, NOT_JSON)
    return None


class AdminGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in WRITES and scope["path"].startswith(ADMIN_PREFIX):
            error = refusal(Headers(scope=scope))
            if error is not None:
                await send_error(send, error)
                return
        await self.app(scope, receive, send)

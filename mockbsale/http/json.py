"""Fast JSON encoding (orjson) for responses and request bodies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Send

from mockbsale.http.errors import BODY_TOO_LARGE, INVALID_JSON, BsaleError

MAX_BODY_BYTES = 2 * 1024 * 1024


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def error_response(error: BsaleError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


Answer = tuple[int, bytes, list[tuple[bytes, bytes]]]
"""A response made whole before it is sent: status, body and raw headers (the lean ASGI paths)."""
JSON_TYPE = (b"content-type", b"application/json")


def json_answer(status: int, body: Any, headers: dict[str, str] | None = None) -> Answer:
    """`body` as orjson encodes it, with the headers `JSONResponse` sends (and `headers`)."""
    content = orjson.dumps(body)
    head = [(b"content-length", str(len(content)).encode()), JSON_TYPE]
    if headers:
        head += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
    return status, content, head


def error_answer(error: BsaleError, extra: dict[str, Any] | None = None) -> Answer:
    """Bsale's error body (`extra` keys added, e.g. `retry_after`) with the error's headers."""
    return json_answer(error.status, {**error.body(), **extra} if extra else error.body(), error.headers)


async def send_answer(send: Send, answer: Answer) -> None:
    status, body, headers = answer
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def read_capped_bytes(request: Request) -> bytes:
    """The raw body, read chunk by chunk and refused with 413 as soon as it passes the cap (a
    declared length over the cap is refused before reading anything): memory stays flat."""
    return await read_capped(request.headers.get("content-length", ""), request.stream())


async def read_capped(declared: str, chunks: AsyncIterator[bytes]) -> bytes:
    """`read_capped_bytes` of a body whose `Content-Length` header says `declared` ("" when absent)."""
    if declared.isascii() and declared.isdigit() and (len(declared) > 9 or int(declared) > MAX_BODY_BYTES):
        raise BsaleError(413, BODY_TOO_LARGE)
    raw = bytearray()
    async for chunk in chunks:
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise BsaleError(413, BODY_TOO_LARGE)
    return bytes(raw)


async def read_json(request: Request, *, allow_empty: bool = False) -> Any:
    """Parse the request body; Bsale answers 400 "Invalid JSON object" to anything unparsable."""
    return parsed_json(await read_capped_bytes(request), allow_empty=allow_empty)


def parsed_json(raw: bytes, *, allow_empty: bool = False) -> Any:
    """A raw body parsed (`read_json`)."""
    if not raw.strip():
        if allow_empty:
            return {}
        raise BsaleError(400, INVALID_JSON)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BsaleError(400, INVALID_JSON) from None


async def read_object(request: Request, *, allow_empty: bool = False) -> dict[str, Any]:
    """A JSON body that must be an object (Bsale bodies always are)."""
    return json_object(await read_json(request, allow_empty=allow_empty))


def json_object(body: Any) -> dict[str, Any]:
    """`body` if it is a JSON object, else Bsale's 400 "Invalid JSON object"."""
    if not isinstance(body, dict):
        raise BsaleError(400, INVALID_JSON)
    return body

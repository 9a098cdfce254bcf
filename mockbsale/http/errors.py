"""Bsale's error responses: a status and a `{"error": "..."}` body.

The messages are Bsale's own, copied from its FAQ (see docs/fidelity.md for the ones we chose
where the documentation is silent).
"""

from __future__ import annotations

NOT_AUTHENTICATED = "Sorry, this request can not be authenticated"
INVALID_JSON = "Invalid JSON object"
NOT_AVAILABLE = "The requested resource is not available"
NOT_FOUND = "Resource not found"
METHOD_NOT_ALLOWED = "Method not allowed"
TYPE_MISMATCH = "no implicit conversion of String into Integer"
BODY_TOO_LARGE = "Request body too large"
RATE_LIMITED = "Too many requests"


class BsaleError(Exception):
    """Raised anywhere in request handling; rendered as Bsale renders errors."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict[str, str]:
        return {"error": self.message}


def bad_request(message: str) -> BsaleError:
    return BsaleError(400, message)


def not_found() -> BsaleError:
    return BsaleError(404, NOT_FOUND)

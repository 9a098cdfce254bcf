"""The engine behind an admin request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request

if TYPE_CHECKING:
    from mockbsale.engine import Engine


def engine_of(request: Request) -> Engine:
    return request.app.state.engine

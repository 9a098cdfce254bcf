"""The `/_mock/...` admin API: reset, seed, snapshot, companies, request journal,
faults, rate limit (unauthenticated; local use only)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from mockbsale.admin.state import state_routes
from mockbsale.admin.traffic import traffic_routes


def admin_routes() -> list[BaseRoute]:
    return [*state_routes(), *traffic_routes()]

"""The `/_mock/...` admin API: reset, seed, snapshot, companies (unauthenticated; local use only)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from mockbsale.admin.state import state_routes


def admin_routes() -> list[BaseRoute]:
    return [*state_routes()]

"""The `/_mock/...` admin API: reset, seed, snapshot, companies, request journal,
faults, rate limit, webhooks (unauthenticated; local use only)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from mockbsale.admin.calls import call_routes
from mockbsale.admin.state import state_routes
from mockbsale.admin.traffic import traffic_routes
from mockbsale.admin.webhooks import webhook_routes


def admin_routes() -> list[BaseRoute]:
    return [*state_routes(), *traffic_routes(), *webhook_routes(), *call_routes()]

"""Fire one notification on demand by making a realistic change, through the API's own handlers,
so that a GET of the notification's `resource` shows what it announces (as `stripe trigger` does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mockbsale.events import Event
from mockbsale.http.errors import BsaleError
from mockbsale.store import Company
from mockbsale.webhooks.inprocess import call_api
from mockbsale.webhooks.payloads import ACTIONS

if TYPE_CHECKING:
    from mockbsale.engine import Engine

Recipe = Callable[["Engine", Company, "int | None"], list[Event]]
"""(engine, company, resource id or None) -> the events of the change it made."""

RECIPES: dict[tuple[str, str], Recipe] = {}


def trigger_change(engine: Engine, company: Company, topic: str, action: str | None, resource_id: int | None
                   ) -> list[Event]:
    """Make the change that fires `topic`/`action`; ValueError for an unknown topic or action, or
    when the change is refused (the message says why)."""
    if topic not in ACTIONS:
        raise ValueError(f"unknown webhook topic {topic!r}; known: {', '.join(ACTIONS)}")
    action = action or ACTIONS[topic][0]
    if action not in ACTIONS[topic]:
        raise ValueError(f"Bsale sends {topic} notifications for {' and '.join(ACTIONS[topic])} only, not {action!r}")
    recipe = RECIPES.get((topic, action))
    if recipe is None:
        raise LookupError(f"the mock cannot make a {topic}/{action} change yet")
    try:
        return recipe(engine, company, resource_id)
    except BsaleError as error:
        raise ValueError(f"the {topic}/{action} change was refused: {error.status} {error.message}") from None


__all__ = ["call_api", "trigger_change"]

"""A Starlette router that tries only the routes that can match a path.

Starlette's router tries every route in order, a regular expression each; with a hundred routes
that was half the cost of `GET /v1/variants/1.json`. Routes are grouped by the first two segments
of their path (`/v1/variants.json`, `/v1/variants/{id}.json` -> `("v1", "variants")`); a request
tries its group, in the original order, and takes the first full match, which is the route
Starlette would pick. A literal path (`/v1/documents.json`) goes straight to the few routes of its
group that can match it at all. Anything else (405, 404, redirects, lifespan) is left to
Starlette's walk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.routing import BaseRoute, Match, Route, Router
from starlette.types import Receive, Scope, Send

Key = tuple[str, ...]


def path_key(path: str) -> Key:
    """The first two segments, each cut at its first dot: `/v1/variants/1.json` -> `("v1", "variants")`."""
    return tuple(segment.split(".", 1)[0] for segment in path.split("/", 3)[1:3])


def route_key(route: BaseRoute) -> Key | None:
    """The key of every path the route can match, or None when its parameters leave it open."""
    if not isinstance(route, Route):
        return None
    path = route.path
    if "{" not in path:
        return path_key(path)
    literal = path[: path.index("{")]
    key = path_key(literal)
    return key if key == path_key(literal + "\0") else None


class IndexedRouter(Router):
    def __init__(self, routes: Sequence[BaseRoute], **options: Any) -> None:
        super().__init__(list(routes), **options)
        keyed = [(route, route_key(route)) for route in self.routes]
        self.open_routes = [route for route, key in keyed if key is None]
        self.groups: dict[Key, list[BaseRoute]] = {key: [] for _, key in keyed if key is not None}
        for group_key, group in self.groups.items():
            group.extend(route for route, key in keyed if key in (group_key, None))
        self.literal: dict[str, list[BaseRoute]] = {}
        """A parameterless route's path -> the routes of its group that match that path, in order."""
        for route, key in keyed:
            if key is not None and isinstance(route, Route) and "{" not in route.path:
                probe = {"type": "http", "path": route.path, "method": "GET", "root_path": ""}
                self.literal[route.path] = [
                    other for other in self.groups[key] if other.matches(probe)[0] is not Match.NONE
                ]

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            routes = self.literal.get(path) or self.groups.get(path_key(path), self.open_routes)
            for route in routes:
                match, child_scope = route.matches(scope)
                if match is Match.FULL:
                    scope.setdefault("router", self)
                    scope["route"] = route
                    scope.update(child_scope)
                    await route.handle(scope, receive, send)
                    return
        await super().app(scope, receive, send)

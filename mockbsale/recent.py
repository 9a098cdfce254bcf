"""A list that keeps only its newest items: what the mock accumulates for tests to read stays bounded."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class Recent(list[T]):
    """A list of at most `limit` items; appending to a full one drops the oldest."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def append(self, item: T) -> None:
        super().append(item)
        if len(self) > self.limit:
            del self[: len(self) - self.limit]

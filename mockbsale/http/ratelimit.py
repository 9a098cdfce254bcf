"""Bsale's rate limit: 3,000 requests per 300 seconds per access token (off unless configured).

A fixed window per token starts at its first request; past `limit` requests in the window the
request is refused with 429 until the window ends (the wait goes in `Retry-After` and `retry_after`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

BSALE_LIMIT = 3000
BSALE_WINDOW = 300.0


class RateLimiter:
    def __init__(
        self, limit: int = 0, window: float = BSALE_WINDOW, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        """Seconds on a monotonic clock (tests move a fake one instead of sleeping)."""
        self._windows: dict[str, tuple[float, int]] = {}

    @property
    def enabled(self) -> bool:
        return self.limit > 0

    def configure(self, limit: int, window: float = BSALE_WINDOW) -> None:
        """`limit` requests per `window` seconds per token; a limit of 0 turns it off."""
        if limit < 0 or not window > 0:
            raise ValueError("limit must not be negative and window must be positive")
        self.limit = limit
        self.window = window
        self.clear()

    def clear(self) -> None:
        """Forget every token's count (a new window starts at each token's next request)."""
        self._windows.clear()

    def hit(self, token: str) -> int:
        """Count one request; 0 when it is allowed, else the seconds to wait (at least 1)."""
        now = self.clock()
        start, used = self._windows.get(token, (now, 0))
        if now - start >= self.window:
            start, used = now, 0
        used += 1
        self._windows[token] = (start, used)
        if used <= self.limit:
            return 0
        return max(1, math.ceil(start + self.window - now))

    def describe(self) -> dict[str, float | int]:
        return {"limit": self.limit, "window": self.window}

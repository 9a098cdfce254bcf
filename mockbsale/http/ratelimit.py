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
MAX_LIMIT = 2**31 - 1
MAX_WINDOW = 86_400.0
"""A window of a day at most: longer ones (1e308, inf) would overflow the wait."""


class RateLimiter:
    def __init__(
        self, limit: int = 0, window: float = BSALE_WINDOW, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.clock = clock
        """Seconds on a monotonic clock (tests move a fake one instead of sleeping)."""
        self._windows: dict[str, tuple[float, int]] = {}
        self.configure(limit, window)

    @property
    def enabled(self) -> bool:
        return self.limit > 0

    def configure(self, limit: int, window: float = BSALE_WINDOW) -> None:
        """`limit` requests per `window` seconds per token; a limit of 0 turns it off."""
        if not 0 <= limit <= MAX_LIMIT:
            raise ValueError(f"the rate limit must be between 0 and {MAX_LIMIT}")
        if not 0 < window <= MAX_WINDOW:
            raise ValueError(f"the rate window must be more than 0 and at most {MAX_WINDOW:g} seconds")
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

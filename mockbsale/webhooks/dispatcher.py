"""Delivery: one asyncio queue, a small bounded pool of workers, one shared `httpx.AsyncClient`
(on the lean HTTP/1.1 transport of `webhooks/transport.py`).

A notification is POSTed as JSON; a 2xx answer delivers it; a connection error, a timeout or any
other status is retried after `backoff * 2**(n-1)` seconds times a random factor in [0.5, 1.5), up
to `retries` retries. Nothing here ever blocks the API response that caused the notification.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable

import httpx

from mockbsale.config import Settings
from mockbsale.webhooks.log import DELIVERED, FAILED, RETRYING, UNDELIVERED, Attempt, Delivery
from mockbsale.webhooks.transport import LeanTransport

log = logging.getLogger("mockbsale.webhooks")

WORKERS = 4
"""Deliveries in flight at once (design notes: ~4 sustains ~1,200 deliveries/s; a task per
delivery collapses under load)."""
REORDER_WINDOW = 1.0
"""How long a notification held back by the `reorder` fault waits for a next one to overtake it."""
HEADERS = {"Content-Type": "application/json"}


class Dispatcher:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._queue: asyncio.Queue[Delivery] | None = None
        self._idle: asyncio.Event | None = None
        self._client: httpx.AsyncClient | None = None
        self._workers: list[asyncio.Task[None]] = []
        self._timers: set[asyncio.TimerHandle] = set()
        self._open: set[Delivery] = set()
        """Deliveries not done yet: queued, in flight, waiting for a retry, delayed or held."""
        self._backlog: list[Delivery] = []
        """Submitted before `start` (no event loop to deliver on yet)."""
        self._held: dict[int, Delivery] = {}
        """Per subscription, the notification held back until the next one has been tried."""
        self._after: dict[Delivery, Delivery] = {}
        """Delivery -> the held one to send once its first attempt is over."""
        self._jitter = random.Random()

    @property
    def running(self) -> bool:
        return self._queue is not None

    @property
    def idle(self) -> bool:
        return not self._open

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._idle = asyncio.Event()
        self._client = httpx.AsyncClient(trust_env=False, transport=LeanTransport())
        self._workers = [asyncio.create_task(self._work(), name=f"webhook-worker-{n}") for n in range(WORKERS)]
        backlog, self._backlog = self._backlog, []
        for delivery in backlog:
            self._enqueue(delivery)
        self._update_idle()

    def submit(self, delivery: Delivery, delay: float = 0.0, *, reorder: bool = False) -> None:
        """Send `delivery` after `delay` seconds; `reorder` holds it back until the next
        notification of the same subscription has been tried (or `REORDER_WINDOW` passed)."""
        self._open.add(delivery)
        self._update_idle()
        held = self._held.pop(delivery.subscription_id, None)
        if held is not None:
            self._after[delivery] = held
        elif reorder:
            self._held[delivery.subscription_id] = delivery
            self._later(REORDER_WINDOW, lambda: self._release(delivery))
            return
        self._later(delay, lambda: self._enqueue(delivery))

    async def drain(self, timeout: float) -> bool:
        """Wait until every submitted delivery is done (delivered or failed); False on timeout."""
        if self._idle is None:
            return self.idle
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), timeout)
        return self.idle

    def clear(self) -> None:
        """Forget every pending delivery (attempts in flight finish but are not retried)."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        if self._queue is not None:
            while not self._queue.empty():
                self._queue.get_nowait()
                self._queue.task_done()
        self._open.clear()
        self._backlog.clear()
        self._held.clear()
        self._after.clear()
        self._update_idle()

    async def stop(self, grace: float) -> list[Delivery]:
        """Give pending deliveries `grace` seconds, then stop; returns the undelivered ones."""
        await self.drain(grace)
        undelivered = sorted(self._open, key=lambda delivery: delivery.id)
        for delivery in undelivered:
            delivery.state = UNDELIVERED
        self.clear()
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []
        if self._client is not None:
            await self._client.aclose()
        self._queue = self._idle = self._client = None
        return undelivered

    def _later(self, delay: float, action: Callable[[], None]) -> None:
        if delay <= 0 or not self.running:
            action()
            return

        def fire() -> None:
            self._timers.discard(timer)
            action()

        timer = asyncio.get_running_loop().call_later(delay, fire)
        self._timers.add(timer)

    def _enqueue(self, delivery: Delivery) -> None:
        if self._queue is None:
            self._backlog.append(delivery)
        elif delivery in self._open:
            self._queue.put_nowait(delivery)

    def _release(self, delivery: Delivery) -> None:
        if self._held.get(delivery.subscription_id) is delivery:
            del self._held[delivery.subscription_id]
            self._enqueue(delivery)

    def _update_idle(self) -> None:
        if self._idle is not None:
            if self._open:
                self._idle.clear()
            else:
                self._idle.set()

    async def _work(self) -> None:
        assert self._queue is not None
        queue = self._queue
        while True:
            delivery = await queue.get()
            try:
                await self._attempt(delivery)
            except Exception:
                log.exception("webhook delivery %s failed unexpectedly", delivery.id)
                self._finish(delivery, FAILED)
            finally:
                queue.task_done()

    async def _attempt(self, delivery: Delivery) -> None:
        assert self._client is not None
        started, clock = time.time(), time.perf_counter()
        status: int | None = None
        error: str | None = None
        try:
            response = await self._client.post(
                delivery.url, content=delivery.body, headers=HEADERS, timeout=self.settings.webhook_timeout
            )
            status = response.status_code
        except httpx.TimeoutException:
            error = f"timeout after {self.settings.webhook_timeout:g} s"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        latency_ms = round((time.perf_counter() - clock) * 1000, 3)
        delivery.attempts.append(Attempt(round(started, 3), status, error, latency_ms))
        follower = self._after.pop(delivery, None)
        if follower is not None:
            self._enqueue(follower)
        if delivery not in self._open:
            return
        if status is not None and 200 <= status < 300:
            self._finish(delivery, DELIVERED)
        elif len(delivery.attempts) > self.settings.webhook_retries:
            log.warning("webhook #%s %s failed after %d attempt(s): %s to %s", delivery.id, delivery.payload["topic"],
                        len(delivery.attempts), error or f"HTTP {status}", delivery.url)
            self._finish(delivery, FAILED)
        else:
            delivery.state = RETRYING
            self._later(self._backoff(len(delivery.attempts)), lambda: self._enqueue(delivery))

    def _backoff(self, attempts: int) -> float:
        return self.settings.webhook_backoff * 2 ** (attempts - 1) * self._jitter.uniform(0.5, 1.5)

    def _finish(self, delivery: Delivery, state: str) -> None:
        delivery.state = state
        self._open.discard(delivery)
        self._update_idle()

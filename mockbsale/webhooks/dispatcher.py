"""Delivery: one lane per subscription, each with a small bounded number of workers, and one shared
lean HTTP/1.1 client (`webhooks/transport.py`).

A notification is POSTed as JSON; a 2xx answer delivers it; a connection error, a timeout or any
other status is retried after `backoff * 2**(n-1)` seconds times a random factor in [0.5, 1.5), up
to `retries` retries. `webhook_timeout` bounds a whole attempt (connecting, sending, and a receiver
that trickles its answer), and lanes share no worker, so a slow or broken receiver only ever delays
its own subscription's notifications. Nothing here ever blocks the API response that caused the
notification.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import deque
from collections.abc import Callable

import httpx

from mockbsale.config import Settings
from mockbsale.webhooks.log import DELIVERED, FAILED, MAX_ERROR, RETRYING, UNDELIVERED, Attempt, Delivery
from mockbsale.webhooks.transport import LeanClient

log = logging.getLogger("mockbsale.webhooks")

WORKERS = 4
"""Deliveries in flight at once per subscription (design notes: ~4 sustains ~1,200 deliveries/s; a
task per delivery collapses under load). Workers start when a lane has work and end when it is empty."""
MAX_PENDING = 10_000
"""Notifications of one subscription waiting at once (queued, in flight or before a retry): a
receiver that cannot keep up never makes the mock's memory grow without bound."""
BACKLOG_FULL = f"not sent: {MAX_PENDING} notifications of this subscription were already waiting"
REORDER_WINDOW = 1.0
"""How long a notification held back by the `reorder` fault waits for a next one to overtake it."""
HEADERS = {"Content-Type": "application/json"}


class Dispatcher:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._running = False
        self._idle: asyncio.Event | None = None
        self._client: LeanClient | None = None
        self._lanes: dict[int, deque[Delivery]] = {}
        """Per subscription, the deliveries waiting for a worker, oldest first."""
        self._lane_workers: dict[int, int] = {}
        self._pending: dict[int, int] = {}
        """Per subscription, how many of its deliveries are not done yet (bounded by `MAX_PENDING`)."""
        self._workers: set[asyncio.Task[None]] = set()
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
        return self._running

    @property
    def idle(self) -> bool:
        return not self._open

    async def start(self) -> None:
        self._running = True
        self._idle = asyncio.Event()
        self._client = LeanClient()
        backlog, self._backlog = self._backlog, []
        for delivery in backlog:
            self._enqueue(delivery)
        self._update_idle()

    def submit(self, delivery: Delivery, delay: float = 0.0, *, reorder: bool = False) -> None:
        """Send `delivery` after `delay` seconds; `reorder` holds it back until the next
        notification of the same subscription has been tried (or `REORDER_WINDOW` passed).
        A subscription with `MAX_PENDING` notifications not done yet fails the new one at once."""
        pending = self._pending.get(delivery.subscription_id, 0)
        if pending >= MAX_PENDING:
            delivery.attempts.append(Attempt(round(time.time(), 3), None, BACKLOG_FULL, 0.0))
            delivery.state = FAILED
            return
        self._pending[delivery.subscription_id] = pending + 1
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
        self._lanes.clear()
        self._open.clear()
        self._pending.clear()
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
        workers = list(self._workers)
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        self._workers.clear()
        self._lane_workers.clear()
        if self._client is not None:
            await self._client.aclose()
        self._running = False
        self._idle = self._client = None
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
        if not self._running:
            self._backlog.append(delivery)
            return
        if delivery not in self._open:
            return
        lane_id = delivery.subscription_id
        self._lanes.setdefault(lane_id, deque()).append(delivery)
        workers = self._lane_workers.get(lane_id, 0)
        if workers < WORKERS:
            self._lane_workers[lane_id] = workers + 1
            worker = asyncio.create_task(self._work(lane_id), name=f"webhook-lane-{lane_id}")
            self._workers.add(worker)
            worker.add_done_callback(self._workers.discard)

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

    async def _work(self, lane_id: int) -> None:
        """Deliver the lane's notifications until it is empty."""
        try:
            while lane := self._lanes.get(lane_id):
                delivery = lane.popleft()
                if not lane:
                    del self._lanes[lane_id]
                try:
                    await self._attempt(delivery)
                except Exception:
                    log.exception("webhook delivery %s failed unexpectedly", delivery.id)
                    self._finish(delivery, FAILED)
        finally:
            left = self._lane_workers[lane_id] - 1
            if left:
                self._lane_workers[lane_id] = left
            else:
                del self._lane_workers[lane_id]

    async def _attempt(self, delivery: Delivery) -> None:
        assert self._client is not None
        started, clock = time.time(), time.perf_counter()
        status: int | None = None
        error: str | None = None
        timeout = self.settings.webhook_timeout
        try:
            async with asyncio.timeout(timeout):
                response = await self._client.post(
                    delivery.url, content=delivery.body, headers=HEADERS, timeout=timeout
                )
            status = response.status_code
        except (httpx.TimeoutException, TimeoutError):
            error = f"timeout after {self.settings.webhook_timeout:g} s"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR]
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
        if delivery in self._open:
            self._open.discard(delivery)
            left = self._pending[delivery.subscription_id] - 1
            if left:
                self._pending[delivery.subscription_id] = left
            else:
                del self._pending[delivery.subscription_id]
        self._update_idle()

"""The webhook hub: turns the events of successful writes into Bsale notifications for every
matching subscription, and is the Python API of webhooks (used by the admin API, the CLI and
the pytest plugin)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from mockbsale.config import Settings
from mockbsale.events import Event
from mockbsale.store import Company
from mockbsale.webhooks.dispatcher import Dispatcher
from mockbsale.webhooks.faults import Faults
from mockbsale.webhooks.inprocess import Api
from mockbsale.webhooks.log import DROPPED, Delivery, DeliveryLog
from mockbsale.webhooks.payloads import RESOURCE_PATHS, build_payload, documented
from mockbsale.webhooks.subscriptions import ALL_ACTIONS, Subscription, check_url, choice
from mockbsale.webhooks.trigger import trigger_change

log = logging.getLogger("mockbsale.webhooks")


UNDELIVERED_SHOWN = 10
"""How many undelivered notifications shutdown names one by one (the rest are counted)."""

class WebhookHub:
    """Bsale webhooks of one mock server: a `Listener` of the engine's events.

    Every method runs on the server's event loop; from another thread go through
    `MockServer.call(hub.subscribe, ...)`. `drain` is a coroutine: from another thread use
    `asyncio.run_coroutine_threadsafe(hub.drain(5), server.loop).result()`.
    Errors: `ValueError` for a bad argument, `LookupError` for an unknown company or subscription.
    """

    def __init__(self, settings: Settings, companies: Mapping[int, Company], api: Api) -> None:
        self.settings = settings
        self.companies = companies
        """The server's companies by cpnId (the store's own mapping, kept current)."""
        self.api = api
        """Where `trigger` makes its change (the engine)."""
        self.log = DeliveryLog(attempts=settings.webhook_retries + 1)
        self.dispatcher = Dispatcher(settings)
        self._subscriptions: dict[int, list[Subscription]] = {}
        self._next_id = 1
        self.configured_topics = choice("topics", self.settings.webhook_topics or None, RESOURCE_PATHS)
        self.configured_actions = choice("actions", self.settings.webhook_actions or None, ALL_ACTIONS)
        for url in self.settings.webhook_urls:
            check_url(url)

    # -- subscriptions ------------------------------------------------------------------------

    def subscriptions(self, cpn_id: int) -> list[Subscription]:
        """The company's subscriptions; at first the ones configured with `--webhook-url`."""
        self._company(cpn_id)
        if cpn_id not in self._subscriptions:
            self._subscriptions[cpn_id] = [
                self._new(cpn_id, url, self.configured_topics, self.configured_actions, Faults())
                for url in self.settings.webhook_urls
            ]
        return self._subscriptions[cpn_id]

    def subscribe(
        self,
        cpn_id: int,
        url: str,
        topics: Iterable[str] | None = None,
        actions: Iterable[str] | None = None,
        faults: Faults | dict[str, Any] | None = None,
    ) -> Subscription:
        """Send company `cpn_id`'s notifications to `url` (verbatim): only `topics` and `actions`
        when given (default: all), with `faults` on purpose (see `Faults`)."""
        subscription = self._new(
            cpn_id, check_url(url), choice("topics", topics, RESOURCE_PATHS), choice("actions", actions, ALL_ACTIONS),
            faults if isinstance(faults, Faults) else Faults.from_dict(faults),
        )
        self.subscriptions(cpn_id).append(subscription)
        return subscription

    def update(self, subscription_id: int, **changes: Any) -> Subscription:
        """Change `url`, `topics`, `actions`, `faults` or `paused` of a subscription (all checked first)."""
        subscription = self.subscription(subscription_id)
        unknown = set(changes) - {"url", "topics", "actions", "faults", "paused"}
        if unknown:
            raise ValueError(f"unknown subscription field(s): {', '.join(sorted(unknown))}")
        url = check_url(changes["url"]) if "url" in changes else subscription.url
        topics = choice("topics", changes["topics"], RESOURCE_PATHS) if "topics" in changes else subscription.topics
        actions = choice("actions", changes["actions"], ALL_ACTIONS) if "actions" in changes else subscription.actions
        faults = Faults.from_dict(changes["faults"]) if "faults" in changes else subscription.faults
        paused = changes.get("paused", subscription.paused)
        if not isinstance(paused, bool):
            raise ValueError(f"webhook paused must be true or false, not {paused!r}")
        subscription.url, subscription.topics, subscription.actions, subscription.faults = url, topics, actions, faults
        subscription.paused = paused
        return subscription

    def unsubscribe(self, subscription: Subscription | int) -> None:
        """Remove a subscription (by object or id); its pending deliveries still go out."""
        found = self.subscription(subscription if isinstance(subscription, int) else subscription.id)
        self._subscriptions[found.cpn_id].remove(found)

    def restore(self, saved: Iterable[dict[str, Any]]) -> None:
        """Every company's subscriptions replaced by `saved` (as `Subscription.to_dict` gives them), ids kept:
        what a state file brings back."""
        self._subscriptions = {cpn_id: [] for cpn_id in self.companies}
        for entry in saved:
            subscription = self.subscribe(entry["cpnId"], entry["url"], entry.get("topics"), entry.get("actions"),
                                          entry.get("faults"))
            subscription.id = entry["id"]
            subscription.paused = entry.get("paused", False) is True
        ids = [subscription.id for subscriptions in self._subscriptions.values() for subscription in subscriptions]
        self._next_id = max(ids, default=0) + 1

    def subscription(self, subscription_id: int) -> Subscription:
        for cpn_id in self.companies:
            for subscription in self.subscriptions(cpn_id):
                if subscription.id == subscription_id:
                    return subscription
        raise LookupError(f"no webhook subscription {subscription_id}")

    # -- notifications ------------------------------------------------------------------------

    def publish(self, company: Company, events: Sequence[Event]) -> None:
        """Queue the notifications of one successful request (called by `Engine.publish`); only the
        topics and actions Bsale documents are sent."""
        send = int(time.time())
        for event in events:
            if not documented(event):
                continue
            targets = [sub for sub in self.subscriptions(company.cpn_id) if sub.wants(event)]
            if not targets:
                continue
            payload = self._payload(company.cpn_id, event, send)
            body = orjson.dumps(payload)
            for subscription in targets:
                self._deliver(subscription, payload, body)

    def trigger(
        self, cpn_id: int, topic: str, action: str | None = None, resource_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Fire `topic` (`action`, default the topic's first) for company `cpn_id` by making a
        realistic change through the API's own handlers (on `resource_id` when given); returns the
        payloads of every notification the change raised, the triggered one first."""
        events = trigger_change(self.api, self._company(cpn_id), topic, action, resource_id)
        send = int(time.time())
        payloads = [self._payload(cpn_id, event, send) for event in events if documented(event)]
        return sorted(payloads, key=lambda payload: payload["topic"] != topic)

    def redeliver(self, delivery_id: int) -> Delivery:
        """Send a logged notification again, as a new delivery to the same URL (same payload, same
        body, no faults): the inspector's "deliver again"."""
        original = next((delivery for delivery in self.log if delivery.id == delivery_id), None)
        if original is None:
            raise LookupError(f"no webhook delivery {delivery_id}")
        again = self.log.new(original.cpn_id, original.subscription_id, original.url, original.payload, original.body)
        self.dispatcher.submit(again)
        return again

    def deliveries(self, cpn_id: int | None = None) -> list[Delivery]:
        """Every delivery (of one company when given), newest first."""
        return [delivery for delivery in self.log if cpn_id is None or delivery.cpn_id == cpn_id]

    async def drain(self, timeout: float = 5.0) -> bool:
        """Wait until no delivery is pending (all delivered, failed or dropped); False on timeout."""
        return await self.dispatcher.drain(timeout)

    @property
    def idle(self) -> bool:
        return self.dispatcher.idle

    # -- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        await self.dispatcher.start()

    async def stop(self) -> None:
        undelivered = await self.dispatcher.stop(self.settings.webhook_grace)
        for delivery in undelivered[:UNDELIVERED_SHOWN]:
            log.warning(
                "webhook not delivered before shutdown: #%s %s %s to %s after %d attempt(s)",
                delivery.id, delivery.payload["topic"], delivery.payload["resource"], delivery.url,
                len(delivery.attempts),
            )
        if len(undelivered) > UNDELIVERED_SHOWN:
            log.warning("... and %d more webhooks not delivered before shutdown", len(undelivered) - UNDELIVERED_SHOWN)

    def reset(self) -> None:
        """Forget deliveries and pending notifications; subscriptions back to the configured ones."""
        self.dispatcher.clear()
        self.log.clear()
        self._subscriptions.clear()
        self._next_id = 1

    # -- internals ----------------------------------------------------------------------------

    def _company(self, cpn_id: int) -> Company:
        company = self.companies.get(cpn_id)
        if company is None:
            raise LookupError(f"no company with cpnId {cpn_id}")
        return company

    def _new(
        self, cpn_id: int, url: str, topics: frozenset[str] | None, actions: frozenset[str] | None, faults: Faults
    ) -> Subscription:
        subscription = Subscription(self._next_id, cpn_id, url, topics, actions, faults)
        self._next_id += 1
        return subscription

    def _payload(self, cpn_id: int, event: Event, send: int) -> dict[str, Any]:
        return build_payload(cpn_id, event, send, send_on_document=self.settings.webhook_send_on_document)

    def _deliver(self, subscription: Subscription, payload: dict[str, Any], body: bytes) -> None:
        faults = subscription.faults.draw() if subscription.faults.active else set()
        copies = 2 if "duplicate" in faults else 1
        delay = subscription.faults.delay_seconds if "delay" in faults else 0.0
        for copy in range(copies):
            delivery = self.log.new(subscription.cpn_id, subscription.id, subscription.url, payload, body)
            delivery.faults = sorted(faults) if copy == 0 else ["duplicate"]
            if "drop" in faults:
                delivery.state = DROPPED
                return
            self.dispatcher.submit(delivery, delay, reorder="reorder" in faults and copy == 0)

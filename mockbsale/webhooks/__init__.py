"""Bsale webhooks: subscriptions, payloads per topic, the delivery queue and log, faults on
purpose, and the on-demand trigger. `WebhookHub` (as `engine.webhooks`) is the entry point."""

from mockbsale.webhooks.faults import Faults
from mockbsale.webhooks.hub import WebhookHub
from mockbsale.webhooks.log import Attempt, Delivery
from mockbsale.webhooks.payloads import TOPICS, build_payload
from mockbsale.webhooks.subscriptions import Subscription

__all__ = ["TOPICS", "Attempt", "Delivery", "Faults", "Subscription", "WebhookHub", "build_payload"]

"""The webhook part of the command line: `serve`'s `--webhook-*` flags, `trigger` and `listen`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import httpx
import orjson

from mockbsale.arguments import COUNT, PORT, SECONDS, STATUS, TIMEOUT, ranged
from mockbsale.config import DEFAULT_HOST, DEFAULT_PORT, Settings, env, env_list
from mockbsale.webhooks.listen import listen as run_listener
from mockbsale.webhooks.payloads import ACTIONS, TOPICS
from mockbsale.webhooks.subscriptions import ALL_ACTIONS, check_url, choice

DEFAULTS = Settings()
LISTEN_PORT = 9000
ID = ranged(int, 1, 2**31 - 1, "an id")


def names_argument(kind: str, allowed: tuple[str, ...]) -> Callable[[str], list[str]]:
    """An argparse type: a comma-separated list of `allowed` names (empty: all)."""

    def parse(text: str) -> list[str]:
        try:
            return sorted(choice(kind, text, allowed) or ())
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def url_argument(text: str) -> str:
    try:
        return check_url(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_webhook_arguments(serve: argparse.ArgumentParser) -> None:
    """`serve`'s webhook flags; each has a MOCKBSALE_* variable."""
    serve.add_argument(
        "--webhook-url", action="append", dest="webhook_urls", type=url_argument, metavar="URL", default=None,
        help="send every company's notifications to URL (used verbatim: put a secret in the path or query); "
        "repeat for several (MOCKBSALE_WEBHOOK_URL, comma-separated)",
    )
    serve.add_argument(
        "--webhook-topics", type=names_argument("topics", TOPICS), default=env("WEBHOOK_TOPICS", ""),
        metavar="T1,T2", help=f"only these topics, of {','.join(TOPICS)}; empty: all (MOCKBSALE_WEBHOOK_TOPICS)",
    )
    serve.add_argument(
        "--webhook-actions", type=names_argument("actions", ALL_ACTIONS), default=env("WEBHOOK_ACTIONS", ""),
        metavar="post,put", help="only these actions; empty: both (MOCKBSALE_WEBHOOK_ACTIONS)",
    )
    for name, kind, text in (
        ("timeout", TIMEOUT, "seconds one delivery attempt may take, connecting and answering included"),
        ("retries", COUNT, "retries after a failed attempt (connection error, timeout, non-2xx)"),
        ("backoff", SECONDS, "seconds before the first retry, doubled for each next one, with jitter x0.5-1.5"),
        ("grace", SECONDS, "seconds pending deliveries get on shutdown before being reported undelivered"),
    ):
        default = getattr(DEFAULTS, f"webhook_{name}")
        serve.add_argument(
            f"--webhook-{name}", type=kind, default=env(f"WEBHOOK_{name.upper()}", str(default)),
            help=f"{text} (MOCKBSALE_WEBHOOK_{name.upper()})",
        )
    serve.add_argument(
        "--webhook-send-on-document", action=argparse.BooleanOptionalAction,
        default=env("WEBHOOK_SEND_ON_DOCUMENT", "1") not in ("0", "false", "no"),
        help="put `send` in document notifications like in every other topic; --no-webhook-send-on-document "
        "sends the documented document example's exact shape, without `send` (MOCKBSALE_WEBHOOK_SEND_ON_DOCUMENT)",
    )


def webhook_urls(args: argparse.Namespace) -> list[str]:
    """`--webhook-url` values, or those of MOCKBSALE_WEBHOOK_URL (exits with a usage error if one is bad)."""
    try:
        return args.webhook_urls or [check_url(url) for url in env_list("WEBHOOK_URL")]
    except ValueError as error:
        print(f"mockbsale: MOCKBSALE_WEBHOOK_URL: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def add_webhook_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    trigger = subparsers.add_parser(
        "trigger", help="fire one webhook on a running mock by making a real change",
        description="Make a realistic change on a running mock (a sale with dispatched stock, a price change, a "
        "stock reception, a product edit...) so that it sends the notification TOPIC, and print the payloads.",
    )
    trigger.add_argument("topic", choices=TOPICS, metavar="TOPIC", help=f"one of {', '.join(TOPICS)}")
    trigger.add_argument(
        "--action", choices=ALL_ACTIONS,
        help="post or put (default: " + ", ".join(f"{t} {a[0]}" for t, a in ACTIONS.items()) + ")",
    )
    trigger.add_argument("--company", type=ID, metavar="CPNID", help="the company (default: the first one)")
    trigger.add_argument("--resource-id", type=ID, metavar="ID", help="change this resource (default: one picked)")
    trigger.add_argument(
        "--url", default=env("URL", f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"),
        help="base URL of the running mock (MOCKBSALE_URL)",
    )
    listen = subparsers.add_parser(
        "listen", help="run a webhook receiver that prints every notification",
        description="Receive webhooks on http://HOST:PORT/ (any path) and print one line per notification.",
    )
    listen.add_argument("--host", default=DEFAULT_HOST, help="interface to bind")
    listen.add_argument("--port", type=PORT, default=LISTEN_PORT, help="port to listen on")
    listen.add_argument("--status", type=STATUS, default=200, help="status to answer (e.g. 500 to watch the retries)")
    listen.add_argument("--delay", type=SECONDS, default=0.0, help="seconds to wait before answering (a slow receiver)")


def trigger(args: argparse.Namespace) -> int:
    body = {"topic": args.topic, "action": args.action, "cpnId": args.company, "resourceId": args.resource_id}
    try:
        response = httpx.post(
            args.url.rstrip("/") + "/_mock/webhooks/trigger",
            json={key: value for key, value in body.items() if value is not None}, timeout=30, trust_env=False,
        )
    except httpx.HTTPError as error:
        print(f"mockbsale trigger: cannot reach the mock at {args.url}: {error}", file=sys.stderr)
        return 1
    if response.status_code != 201:
        print(f"mockbsale trigger: {response.status_code} {response.text}", file=sys.stderr)
        return 1
    for payload in response.json()["payloads"]:
        print(orjson.dumps(payload).decode())
    return 0


def listen(args: argparse.Namespace) -> int:
    return run_listener(args.host, args.port, args.status, args.delay)

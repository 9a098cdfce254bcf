"""`mockbsale` command line: `serve` (and the webhook commands `trigger`, `listen`)."""

from __future__ import annotations

import argparse
import json
import logging
import socket
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import uvicorn

from mockbsale import __version__
from mockbsale.arguments import PORT, SEED, OneLineParser, one_of, ranged
from mockbsale.config import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SEED, Settings, env, env_list
from mockbsale.dataset import commands as dataset_commands
from mockbsale.domain.countries import COUNTRIES, DEFAULT_COUNTRY, known_country
from mockbsale.engine import Engine
from mockbsale.http.faults import KINDS, Fault, parse_fault
from mockbsale.http.ratelimit import BSALE_LIMIT, BSALE_WINDOW, MAX_LIMIT, MAX_WINDOW
from mockbsale.net import bind, is_loopback, raise_interrupt_if_stopped_by_signal, reason
from mockbsale.server import uvicorn_config
from mockbsale.webhooks import commands as webhook_commands

log = logging.getLogger("mockbsale")

Command = Callable[[argparse.Namespace], int]
RATE_LIMIT = ranged(int, 0, MAX_LIMIT, "a number of requests")
RATE_WINDOW = ranged(float, 0, MAX_WINDOW, "a number of seconds", above_low=True)


def add_serve_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = subparsers.add_parser(
        "serve",
        help="run the mock Bsale API with a seeded demo company",
        description=(
            "Run a fake Bsale API (Chile, Peru, Mexico) on HOST:PORT with seeded, realistic data. "
            "Prints the base URL and each company's cpnId and access token. "
            "Every flag can also be set with the MOCKBSALE_* variable named in its help."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    serve.add_argument("--host", default=env("HOST", DEFAULT_HOST), help="interface to bind (MOCKBSALE_HOST)")
    serve.add_argument(
        "--port", type=PORT, default=env("PORT", str(DEFAULT_PORT)),
        help="port to listen on; 0 picks a free port and prints it (MOCKBSALE_PORT)",
    )
    add_data_arguments(serve)
    serve.add_argument(
        "--fixtures", default=env("FIXTURES"),
        help="load this JSON data set (the format of GET /_mock/snapshot) instead of generating data "
        "(MOCKBSALE_FIXTURES)",
    )
    serve.add_argument(
        "--public-base-url", default=env("PUBLIC_BASE_URL"),
        help="base of every href/next/document URL (default: the URL the request came in on), e.g. "
        "https://api.bsale.io to compare with production snapshots (MOCKBSALE_PUBLIC_BASE_URL)",
    )
    serve.add_argument(
        "--log-level", default=env("LOG_LEVEL", "info"), type=one_of("debug", "info", "warning", "error"),
        metavar="{debug,info,warning,error}",
        help="how much to log (MOCKBSALE_LOG_LEVEL)",
    )
    add_traffic_arguments(serve)
    webhook_commands.add_webhook_arguments(serve)
    dataset_commands.add_state_arguments(serve)


def fault_argument(text: str) -> str:
    """Check a `--fault` value now, so that a typo is a usage error, not a failure at start."""
    try:
        kind, options = parse_fault(text)
        Fault(kind, **options)
    except (TypeError, ValueError) as error:
        raise argparse.ArgumentTypeError(f"{text!r}: {error}") from None
    return text


def add_traffic_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--rate-limit", type=RATE_LIMIT, nargs="?", const=BSALE_LIMIT, default=env("RATE_LIMIT", "0"),
        help=f"emulate Bsale's rate limit: N requests per --rate-window seconds per token, then 429 with "
        f"Retry-After (N defaults to {BSALE_LIMIT}; 0 is off) (MOCKBSALE_RATE_LIMIT)",
    )
    serve.add_argument(
        "--rate-window", type=RATE_WINDOW, default=env("RATE_WINDOW", str(BSALE_WINDOW)),
        help="the rate limit's window in seconds (MOCKBSALE_RATE_WINDOW)",
    )
    serve.add_argument(
        "--fault", action="append", dest="faults", type=fault_argument, metavar="KIND[:k=v,..]",
        default=[text for text in (env("FAULT") or "").split(";") if text.strip()],
        help=f"inject a fault for every company; repeatable. KIND is one of {', '.join(KINDS)}; options rate, "
        "after, times, path, ms, retry_after, e.g. --fault 429:after=100,retry_after=5 --fault latency:ms=50,rate=0.1 "
        "(MOCKBSALE_FAULT, several separated by ';')",
    )
    serve.add_argument(
        "--fault-seed", type=SEED, default=None,
        help="seed of the fault decisions, for reproducible runs (None: the value of --seed)",
    )


def country_argument(text: str) -> str:
    try:
        return known_country(text.strip().upper())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags that choose the generated data, shared by `serve` and `dump`."""
    parser.add_argument(
        "--country", type=country_argument, default=env("COUNTRY", DEFAULT_COUNTRY),
        help=f"country of the generated companies, one of {', '.join(COUNTRIES)}: Bsale's keys, taxes, "
        "document types and tax ids there (MOCKBSALE_COUNTRY)",
    )
    parser.add_argument(
        "--seed", type=SEED, default=env("SEED", str(DEFAULT_SEED)),
        help="seed of the generated data: the same seed gives the same data (MOCKBSALE_SEED)",
    )
    parser.add_argument(
        "--token", action="append", dest="tokens", default=None,
        help="access token of a company; repeat for several companies, one per token. Without it, "
        "one company with a demo token derived from the seed (MOCKBSALE_TOKEN, comma-separated)",
    )
    parser.add_argument(
        "--today", type=day_argument, default=env("TODAY"), metavar="YYYY-MM-DD",
        help="date the generated history from this day (four weeks of sales before it); default: the seed's own "
        "date, 2023-11-14 (MOCKBSALE_TODAY)",
    )


def day_argument(text: str) -> str:
    """A `--today` value: a date as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def add_dump_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    dump = subparsers.add_parser(
        "dump",
        help="write the generated data set as a fixtures file",
        description=(
            "Generate the companies `serve` would start with and write them in the fixtures format "
            "(the format of GET /_mock/snapshot and of --fixtures): edit the file, then serve it."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    add_data_arguments(dump)
    dump.add_argument("--output", "-o", default="-", help="file to write; - for standard output")


def dump(args: argparse.Namespace) -> int:
    engine = Engine(Settings(seed=args.seed, tokens=args.tokens or env_list("TOKEN"), today=args.today,
                             country=args.country))
    engine.seed()
    text = json.dumps(engine.store.dump(), ensure_ascii=False, indent=1) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"mockbsale dump: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
            return 2
        companies = ", ".join(f"cpnId={company.cpn_id}" for company in engine.store.companies.values())
        print(f"mockbsale: wrote the data of {companies} to {args.output}", file=sys.stderr)
    return 0


def settings_from_args(args: argparse.Namespace) -> Settings:
    values = {key: value for key, value in vars(args).items() if key in Settings.__dataclass_fields__}
    values["tokens"] = args.tokens or env_list("TOKEN")
    values["webhook_urls"] = webhook_commands.webhook_urls(args)
    return Settings(**values)


def serve(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    engine = Engine(settings)
    try:
        engine.seed()
    except (OSError, ValueError, KeyError) as error:
        print(f"mockbsale: cannot load the data: {error}", file=sys.stderr)
        return 2
    try:
        sock = bind(settings.host, settings.port)
    except OSError as error:
        where = f"{settings.host}:{settings.port}"
        print(f"mockbsale: cannot listen on {where}: {reason(error)}", file=sys.stderr)
        return 2
    config = uvicorn_config(engine, log_level=settings.log_level)  # the traffic middleware logs each request
    server = uvicorn.Server(config)

    async def announce(sockets: list[socket.socket] | None = None) -> None:
        await original_startup(sockets)
        if server.started:
            print_banner(engine, f"http://{settings.host}:{sock.getsockname()[1]}")

    original_startup = server.startup
    server.startup = announce  # type: ignore[method-assign]
    server.run(sockets=[sock])
    if not server.started:
        return 1
    raise_interrupt_if_stopped_by_signal(server)
    return 0


def print_banner(engine: Engine, url: str) -> None:
    lines = [f"mockbsale {__version__}: fake Bsale API listening on {url}"]
    for company in engine.store.companies.values():
        name = company.instance.get("name", "")
        lines.append(f"  company cpnId={company.cpn_id} {name}")
        lines.append(f"    access_token: {company.token}")
    first = next(iter(engine.store.companies.values()), None)
    if first is not None:
        lines.append(f"  try: curl -H 'access_token: {first.token}' {url}/v1/variants.json")
    lines.append(f"  inspector (requests, webhooks, trigger, state): {url}/_mock/")
    lines.append(f"  admin API (unauthenticated, local use only): {url}/_mock/companies")
    print("\n".join(lines), flush=True)
    if not is_loopback(engine.settings.host):
        print(f"mockbsale: WARNING: listening on {engine.settings.host}, not on loopback: the unauthenticated admin "
              "API (tokens, reset, faults) is reachable from the network", file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="mockbsale",
        description="A faithful, stateful fake of the Bsale API that sends real Bsale webhooks.",
    )
    parser.add_argument("--version", action="version", version=f"mockbsale {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_serve_parser(subparsers)
    add_dump_parser(subparsers)
    dataset_commands.add_schema_parser(subparsers)
    dataset_commands.add_import_parser(subparsers)
    webhook_commands.add_webhook_commands(subparsers)
    return parser


COMMANDS: dict[str, Command] = {
    "serve": serve,
    "dump": dump,
    "schema": dataset_commands.schema,
    "import": dataset_commands.import_command,
    "trigger": webhook_commands.trigger,
    "listen": webhook_commands.listen,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print(f"mockbsale {args.command}: stopped", file=sys.stderr)
        return 0

"""The data-set part of the command line: `serve --state-file`, `mockbsale schema` and `mockbsale import`."""

from __future__ import annotations

import argparse
import json
import sys

from mockbsale.config import Settings, env
from mockbsale.dataset.schema import fixtures_schema

DEFAULTS = Settings()


def add_state_arguments(serve: argparse.ArgumentParser) -> None:
    """`serve`'s flags for keeping the state across restarts."""
    serve.add_argument(
        "--state-file", default=env("STATE_FILE"), metavar="PATH",
        help="keep the whole state (every company's data, webhook subscriptions, faults, rate limit) in PATH: "
        "loaded at start when it exists (else the data is seeded or --fixtures), saved atomically on shutdown "
        "and every --state-save-every seconds when it changed (MOCKBSALE_STATE_FILE)",
    )
    serve.add_argument(
        "--state-save-every", type=float, metavar="SECONDS",
        default=float(env("STATE_SAVE_EVERY", str(DEFAULTS.state_save_every)) or DEFAULTS.state_save_every),
        help="seconds between saves of --state-file while serving; 0 saves on shutdown only, so a crash "
        "loses at most this window (MOCKBSALE_STATE_SAVE_EVERY)",
    )


def add_schema_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the data-set (fixtures) format",
        description="Print the JSON Schema (draft 2020-12) of the files --fixtures loads and `dump`, "
        "GET /_mock/snapshot and --state-file write: every table, every row attribute, its type, the table a "
        "foreign key names and whether it is required.",
    )


def schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(fixtures_schema(), indent=1) + "\n")
    return 0

"""The data-set part of the command line: `serve --state-file`, `mockbsale schema` and `mockbsale import`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import orjson

from mockbsale.config import Settings, env
from mockbsale.dataset.importer import FetchedPages, ImportFailed, SourceApi, import_data_set
from mockbsale.dataset.schema import fixtures_schema
from mockbsale.dataset.statefile import write_atomically

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
        help="seconds between saves of --state-file while serving (when something changed); a crash loses at "
        "most this window; 0: no timed saves (MOCKBSALE_STATE_SAVE_EVERY)",
    )
    serve.add_argument(
        "--state-save-changes", type=int, metavar="N",
        default=int(env("STATE_SAVE_CHANGES", str(DEFAULTS.state_save_changes)) or DEFAULTS.state_save_changes),
        help="also save --state-file as soon as N rows changed since the last save; 0: off "
        "(MOCKBSALE_STATE_SAVE_CHANGES)",
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


def add_import_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="copy a Bsale account (or any mockbsale) into a data set",
        description="Read a Bsale account through its public API (offices, coins, sale conditions, book types, "
        "taxes, document and payment types, dynamic attributes, price lists and their details, product types, "
        "products, variants, stocks, clients, users; with --days the documents of the last N days with their "
        "details and payments) and write it as a data set for --fixtures. Pages of 50, at most 3,000 requests "
        "per 300 s, 429 answers waited out; a progress bar per resource. Interrupted, the same command resumes "
        "(the pages fetched are kept in FILE.partial). The source token is never written: the data set gets its "
        "own, printed at the end.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--from", dest="source", required=True, metavar="URL",
                        help="base URL of the API, e.g. https://api.bsale.io or http://127.0.0.1:8765")
    parser.add_argument("--token", required=True, help="the account's access token (only sent to URL)")
    parser.add_argument("--output", "-o", default="bsale-data.json", metavar="FILE", help="data set to write")
    parser.add_argument("--days", type=int, default=0, metavar="N",
                        help="also copy the documents emitted in the last N days, with their details and payments")


def import_command(args: argparse.Namespace) -> int:
    output = Path(args.output)
    api = SourceApi(args.source, args.token)
    try:
        fetched = FetchedPages(output.with_name(output.name + ".partial"), api.url, args.days)
        if fetched.resumed:
            print(f"mockbsale: resuming: {fetched.resumed} pages were already fetched", file=sys.stderr)
        document = import_data_set(api, fetched, args.days, bars=sys.stderr.isatty())
        write_atomically(output, orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    except (ImportFailed, OSError) as error:
        print(f"mockbsale: import stopped: {error}; the same command resumes it", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("mockbsale: import interrupted; the same command resumes it", file=sys.stderr)
        return 130
    finally:
        api.close()
    fetched.path.unlink(missing_ok=True)
    tables = document["companies"][0]["tables"]
    rows = sum(len(table["rows"]) for table in tables.values())
    print(f"mockbsale: wrote {rows} rows of {len(tables)} tables from {api.url} to {output} ({api.requests} requests); "
          f"serve it with: mockbsale serve --fixtures {output}  (its access token: {fetched.token})", file=sys.stderr)
    return 0

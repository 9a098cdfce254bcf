"""The servers a benchmark measures, each run as its own process on a loopback port it prints first
(`PORT <n>`), served by uvicorn with the same stack as `mockbsale serve` (uvloop, httptools):

    python -m benchmarks.servers mock [--variants N] [--stock Q] [--webhook-url URL]
    python -m benchmarks.servers baseline BODIES.json   # plain Starlette JSON routes
    python -m benchmarks.servers receiver               # a webhook receiver answering 200
"""

from __future__ import annotations

import argparse
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from mockbsale import Engine, Settings
from mockbsale.server import uvicorn_config
from mockbsale.store import Company

TOKEN = "bench-token"


def listen() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def serve(config: uvicorn.Config) -> None:
    sock = listen()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])


def resident_mb(pid: int) -> float:
    """Resident memory of a process, MB."""
    import psutil

    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process used so far."""
    import psutil

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def plain_config(app: ASGIApp) -> uvicorn.Config:
    return uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", interface="asgi3")


def grow_catalog(company: Company, total: int, stock: float | None) -> None:
    """Clone the seeded products and variants (with their prices and stock rows) until there are
    `total` variants: each round of clones gets its own products, so filters by product keep
    matching as many variants as on the seeded catalog. Rows are made one at a time as each table
    loads them, so the process never holds the catalog twice."""
    tables = {name: company.table(name) for name in ("products", "variants", "price_list_details", "stocks")}
    templates, products = tables["variants"].dump(), tables["products"].dump()
    product_count, first_clone = tables["products"].next_id - 1, tables["variants"].next_id
    clones = range(len(templates), total)

    def template_of(number: int) -> tuple[dict[str, Any], int]:
        """The variant cloned as number `number`, and the id of the clone."""
        return templates[number % len(templates)], first_clone + number - len(templates)

    def product_rows() -> Iterator[dict[str, Any]]:
        yield from products
        for clone_round in range(1, -(-total // len(templates))):
            for product in products:
                yield {**product, "id": product["id"] + clone_round * product_count,
                       "name": f"{product['name']} {clone_round}"}

    def variant_rows() -> Iterator[dict[str, Any]]:
        yield from templates
        for number in clones:
            template, variant_id = template_of(number)
            yield {**template, "id": variant_id, "code": f"BENCH-{number}", "barCode": f"B{number:012d}",
                   "productId": template["productId"] + number // len(templates) * product_count}

    def child_rows(name: str, changes: dict[str, Any]) -> Iterator[dict[str, Any]]:
        existing = tables[name].dump()
        by_variant: dict[int, list[dict[str, Any]]] = {}
        for row in existing:
            by_variant.setdefault(row["variantId"], []).append(row)
        next_id = tables[name].next_id
        yield from ({**row, **changes} for row in existing)
        for number in clones:
            template, variant_id = template_of(number)
            for row in by_variant.get(template["id"], []):
                yield {**row, **changes, "id": next_id, "variantId": variant_id}
                next_id += 1

    tables["products"].load(product_rows())
    tables["variants"].load(variant_rows())
    tables["price_list_details"].load(child_rows("price_list_details", {}))
    tables["stocks"].load(child_rows("stocks", {} if stock is None else {"quantity": stock}))


def mock(args: argparse.Namespace) -> None:
    settings = Settings(tokens=[TOKEN], seed=1, webhook_urls=[args.webhook_url] if args.webhook_url else [])
    engine = Engine(settings)
    engine.seed()
    company = engine.store.by_token(TOKEN)
    assert company is not None
    grow_catalog(company, args.variants, args.stock)
    company.mark_seeded()
    config = uvicorn_config(engine, log_level="warning")
    serve(config)


def baseline(args: argparse.Namespace) -> None:
    """Bare Starlette: one plain route per captured path (no catch-all, no body read), answering
    `JSONResponse` of the body and status captured from the mock for that path and query."""
    captured: dict[str, dict[str, Any]] = json.loads(Path(args.bodies).read_text())
    by_path: dict[str, dict[str, tuple[int, Any]]] = {}
    for target, (status, body) in captured.items():
        path, _, query = target.partition("?")
        by_path.setdefault(path, {})[query] = (status, body)

    def endpoint(answers: dict[str, tuple[int, Any]]) -> Any:
        async def answer(request: Request) -> Response:
            status, body = answers[request.scope["query_string"].decode("latin-1")]
            return JSONResponse(body, status_code=status)

        return answer

    routes = [Route(path, endpoint(answers), methods=["GET", "POST"]) for path, answers in by_path.items()]
    serve(plain_config(Starlette(routes=routes)))


def receiver(args: argparse.Namespace) -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    serve(plain_config(app))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    mock_parser = commands.add_parser("mock")
    mock_parser.add_argument("--variants", type=int, default=0)
    mock_parser.add_argument("--stock", type=float, default=None, help="set every stock row to this quantity")
    mock_parser.add_argument("--webhook-url", default=None)
    mock_parser.set_defaults(run=mock)
    baseline_parser = commands.add_parser("baseline")
    baseline_parser.add_argument("bodies")
    baseline_parser.set_defaults(run=baseline)
    commands.add_parser("receiver").set_defaults(run=receiver)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()

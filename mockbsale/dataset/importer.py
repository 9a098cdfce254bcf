"""`mockbsale import`: a copy of a real Bsale account (or of any mockbsale) as a data set.

It reads the public API with Bsale's manners: pages of `limit=50`, at most 3,000 requests per 300 s,
a `429` waits its `Retry-After`. Every page fetched is appended to a file next to the output
(`FILE.partial`), so a second run with the same source picks up where the first one stopped. The
source's token is never written anywhere: the data set gets a token of its own.
"""

from __future__ import annotations

import collections
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
from tqdm import tqdm

from mockbsale.dataset.rows import Rows, add_items
from mockbsale.dataset.validate import first_problem
from mockbsale.http.ratelimit import BSALE_LIMIT, BSALE_WINDOW
from mockbsale.resources.registry import REGISTRY

PAGE = 50
"""Bsale's largest page."""
DAY = 86400
RETRIES = 5
"""Attempts of one request on a connection error or a 5xx, and of 429s in a row."""
LONGEST_WAIT = BSALE_WINDOW


class ImportFailed(Exception):
    """The import cannot go on; the message is one line. `status`: the HTTP status that stopped it, if any."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Source:
    """One collection to copy: its resource, the sub-collections expanded into their own tables, the
    resource whose every row is a parent of it (price list details), and whether it is dated."""

    resource: str
    expand: tuple[str, ...] = ()
    parent: str | None = None
    dated: bool = False


SOURCES = (
    Source("offices"), Source("coins"), Source("sale_conditions"), Source("book_types"), Source("taxes"),
    Source("document_types"), Source("payment_types"), Source("dynamic_attributes", expand=("details",)),
    Source("price_lists"),
    Source("product_types", expand=("attributes",)), Source("products", expand=("product_taxes",)),
    Source("variants", expand=("attribute_values",)), Source("price_list_details", parent="price_lists"),
    Source("stocks"), Source("clients", expand=("contacts", "addresses")), Source("users"),
    Source("documents", expand=("details", "payments"), dated=True),
)


class Pacer:
    """At most `limit` requests in any `window` seconds (Bsale's 3,000 per 300 s)."""

    def __init__(self, limit: int = BSALE_LIMIT, window: float = BSALE_WINDOW,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.limit, self.window, self.sleep = limit, window, sleep
        self.sent: collections.deque[float] = collections.deque()

    def wait(self) -> None:
        now = time.monotonic()
        while self.sent and now - self.sent[0] >= self.window:
            self.sent.popleft()
        if len(self.sent) >= self.limit:
            self.sleep(self.sent[0] + self.window - now)
            self.sent.popleft()
        self.sent.append(time.monotonic())


class SourceApi:
    """GETs on the source with its token, paced, retried on 429 (after `Retry-After`), 5xx and lost connections."""

    def __init__(self, url: str, token: str, pacer: Pacer | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url.rstrip("/")
        self.http = httpx.Client(base_url=self.url, headers={"access_token": token}, timeout=60)
        self.pacer = pacer or Pacer(sleep=sleep)
        self.sleep = sleep
        self.requests = 0

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        failures = 0
        while True:
            self.pacer.wait()
            self.requests += 1
            try:
                answer = self.http.get(path, params=params)
            except httpx.HTTPError as error:
                answer, problem = None, f"{type(error).__name__} {error}".strip()
            else:
                problem = f"HTTP {answer.status_code}"
            if answer is not None and answer.status_code == 200:
                return answer.json()
            if answer is not None and answer.status_code != 429 and answer.status_code < 500:
                text = " ".join(answer.text[:200].split())
                raise ImportFailed(f"GET {self.url}{path} answered {answer.status_code}: {text}", answer.status_code)
            failures += 1
            if failures >= RETRIES:
                raise ImportFailed(f"GET {self.url}{path} failed {failures} times, last: {problem}")
            self.sleep(retry_after(answer, failures))

    def close(self) -> None:
        self.http.close()


def retry_after(answer: httpx.Response | None, failures: int) -> float:
    """The seconds to wait: a 429's `Retry-After` (or `retry_after` in its body), else 0.5 s doubled per failure."""
    if answer is not None and answer.status_code == 429:
        header = answer.headers.get("retry-after")
        try:
            seconds = float(header) if header else float(answer.json().get("retry_after", 1))
        except (ValueError, AttributeError):
            seconds = 1.0
        return min(max(seconds, 0.0), LONGEST_WAIT)
    return 0.5 * 2 ** (failures - 1)


class FetchedPages:
    """The pages fetched so far, one JSON line each, after a header naming the source (never its token)."""

    def __init__(self, path: Path, source: str, days: int) -> None:
        self.path = path
        self.pages: dict[str, dict[str, Any]] = {}
        header = {"source": source, "days": days}
        lines = path.read_bytes().splitlines() if path.exists() else []
        saved = orjson.loads(lines[0]) if lines else None
        if saved is not None and {key: saved.get(key) for key in header} == header:
            self.token = saved["token"]
            for line in lines[1:]:
                try:
                    page = orjson.loads(line)
                except orjson.JSONDecodeError:
                    break  # the line a crash cut short
                self.pages[page["key"]] = page
            self.resumed = len(self.pages)
        else:
            self.token = secrets.token_hex(20)
            path.write_bytes(orjson.dumps({**header, "token": self.token}) + b"\n")
            self.resumed = 0

    def page(self, key: str, fetch: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The page saved under `key`, else fetched now and saved."""
        if key not in self.pages:
            page = {"key": key, **fetch()}
            with self.path.open("ab") as file:
                file.write(orjson.dumps(page) + b"\n")
            self.pages[key] = page
        return self.pages[key]


def import_data_set(api: SourceApi, fetched: FetchedPages, days: int, now: float | None = None,
                    bars: bool = True) -> dict[str, Any]:
    """Copy every `SOURCES` collection (documents and their payments only with `days` > 0) into a data set."""
    instance = instance_of(api)
    rows: Rows = {}
    since = int((time.time() if now is None else now) - days * DAY)
    for source in SOURCES:
        if source.dated and days <= 0:
            continue
        resource = REGISTRY[source.resource]
        with tqdm(desc=f"{source.resource:<20}", unit=" rows", file=sys.stderr, disable=not bars,
                  dynamic_ncols=True) as bar:
            parents = sorted(rows.get(REGISTRY[source.parent].table, {})) if source.parent else [None]
            for parent_id in parents:
                path = resource.path.replace(f"{{{resource.parent_param}}}", str(parent_id)) + ".json"
                params: dict[str, Any] = {"expand": f"[{','.join(source.expand)}]"} if source.expand else {}
                if source.dated:
                    params["emissiondaterange"] = f"[{since},{since + days * DAY}]"
                for page in pages(api, fetched, path, params):
                    add_items(rows, resource, page["items"], parent_id)
                    bar.total = (bar.total or 0) + (page["count"] if page["offset"] == 0 else 0)
                    bar.update(len(page["items"]))
    company = {
        "cpnId": instance.get("id") or 1,
        "token": fetched.token,
        "instance": {key: value for key, value in instance.items() if value is not None},
        "tables": {table: {"rows": [by_id[row_id] for row_id in sorted(by_id)]} for table, by_id in rows.items()},
    }
    document = {"companies": [company]}
    problem = first_problem(document)
    if problem:
        raise ImportFailed(f"the copy does not hold together ({problem})")
    return document


def instance_of(api: SourceApi) -> dict[str, Any]:
    """The company behind the token; Bsale serves it on its credential host, so the API's host may answer
    404: then a company with cpnId 1 and no details."""
    try:
        return api.get(f"/v1/instances/basic/{api.http.headers['access_token']}.json")
    except ImportFailed as error:
        if error.status != 404:
            raise
        return {"id": 1}


def pages(api: SourceApi, fetched: FetchedPages, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every page of a list (offsets of 50), expanded sub-collections followed to their last item."""
    offset, count = 0, None
    while count is None or offset < count:
        query = {**params, "limit": PAGE, "offset": offset}
        key = f"{path}?{'&'.join(f'{name}={value}' for name, value in sorted(query.items()))}"
        page = fetched.page(key, lambda query=query: fetch_page(api, path, query))
        yield page
        count, offset = page["count"], offset + PAGE
        if not page["items"]:
            return


def fetch_page(api: SourceApi, path: str, query: dict[str, Any]) -> dict[str, Any]:
    answer = api.get(path, query)
    items = answer.get("items", [])
    for item in items:
        for value in item.values():
            while isinstance(value, dict) and value.get("next") and isinstance(value.get("items"), list):
                more = api.get(value["next"])
                value["items"].extend(more.get("items", []))
                value["next"] = more.get("next")
    return {"offset": query["offset"], "count": answer.get("count", len(items)), "items": items}

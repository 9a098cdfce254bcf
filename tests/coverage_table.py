"""Which documented CL endpoints the mock serves, matched against the app's own routes.

`python -m tests.coverage_table` prints the Markdown table of docs/coverage.md.
"""

from __future__ import annotations

import re
from collections import defaultdict

from starlette.routing import Match

from mockbsale import Engine, Settings
from mockbsale.app import create_app
from tests.conftest import reference_endpoints

EXAMPLE_VALUES = {"token": "tok", "date": "1533223010"}


def concrete_path(template: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: EXAMPLE_VALUES.get(m.group(1), "1"), template)


def served_endpoints() -> dict[str, bool]:
    """"METHOD /path" of every documented CL endpoint -> whether a route of the app serves it."""
    app = create_app(Engine(Settings(tokens=["tok"])))
    served = {}
    for endpoint in reference_endpoints():
        method, template = endpoint.split(" ", 1)
        scope = {"type": "http", "method": method, "path": concrete_path(template), "root_path": ""}
        served[endpoint] = any(route.matches(scope)[0] is Match.FULL for route in app.routes)
    return served


def markdown() -> str:
    by_group: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    served = served_endpoints()
    for endpoint, ok in served.items():
        group = endpoint.split(" ", 1)[1].split("/")[2].removesuffix(".json")
        by_group[group].append((endpoint, ok))
    lines = [
        f"{sum(served.values())} of {len(served)} documented CL endpoints are served.",
        "",
        "| group | served | not served |",
        "|---|---|---|",
    ]
    for group, rows in sorted(by_group.items()):
        missing = ", ".join(f"`{e}`" for e, ok in rows if not ok) or "—"
        lines.append(f"| {group} | {sum(ok for _, ok in rows)}/{len(rows)} | {missing} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())

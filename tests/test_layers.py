"""The layers: business rules (`domain/`), the store, events and settings know nothing of HTTP
routes, the engine, webhooks or the server; the import graph is checked from the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mockbsale"
LOWER = sorted(
    [*PACKAGE.joinpath("domain").glob("*.py"), *PACKAGE.joinpath("store").glob("*.py"),
     PACKAGE / "events.py", PACKAGE / "config.py"]
)
UPPER = ("resources", "engine", "webhooks", "admin", "inspector", "app", "server", "cli")


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (under `TYPE_CHECKING` too), as absolute names."""
    package = ".".join(["mockbsale", *path.relative_to(PACKAGE).parts[:-1]])
    return imports_of(path.read_text(), package)


def imports_of(source: str, package: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0]
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def forbidden(names: set[str]) -> list[str]:
    return sorted(name for name in names if any(name == f"mockbsale.{upper}" or name.startswith(
        f"mockbsale.{upper}.") for upper in UPPER))


@pytest.mark.parametrize("path", LOWER, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_lower_layers_do_not_import_upper_ones(path: Path) -> None:
    assert forbidden(imported_modules(path)) == []


def test_the_check_sees_imports_under_type_checking_and_relative_ones() -> None:
    source = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from mockbsale.engine import Engine\n"
        "from ..webhooks import hub\nimport mockbsale.app\n"
    )
    names = imports_of(source, "mockbsale.domain")
    assert forbidden(names) == ["mockbsale.app", "mockbsale.engine", "mockbsale.engine.Engine",
                                "mockbsale.webhooks", "mockbsale.webhooks.hub"]


def test_the_webhook_hub_does_not_import_the_engine() -> None:
    names = imported_modules(PACKAGE / "webhooks" / "hub.py")
    assert not [name for name in names if name.startswith("mockbsale.engine")]

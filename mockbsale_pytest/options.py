"""The plugin's settings: command-line options, ini keys and the `bsale` marker, merged into the
`DataSpec` of the data a test runs against."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mockbsale.config import Settings

MARKER = "bsale"
MARKER_HELP = (
    "bsale(seed=..., fixtures='path.json', companies=1, country='CL', **settings): the mock data set "
    "and mockbsale Settings this test runs against"
)
OPTIONS = {
    "seed": "seed of the generated data (the same seed gives the same data)",
    "fixtures": "JSON data set to load instead of generated data (the format of GET /_mock/snapshot)",
    "country": "country of the generated companies: CL (default), PE or MX; a marker's country= wins",
    "url": "base URL of an already running mock to use instead of starting one",
}


class SetupError(Exception):
    """A marker or mock the plugin cannot use: the test fails with this message (no traceback)."""


RESERVED = {"host", "port", "tokens", "seed", "fixtures", "country"}
"""Settings fields the marker does not take as `**settings` (handled by the spec itself)."""


@dataclass(frozen=True)
class DataSpec:
    """What one server is started with; tests with equal specs share a server."""

    seed: int | None = None
    """None: the engine's default seed."""
    fixtures: str | None = None
    companies: int = 1
    country: str = "CL"
    settings: tuple[tuple[str, Any], ...] = ()

    def tokens(self) -> list[str]:
        """Stable 40-hex-digit tokens (the shape of Bsale's), one per company."""
        return [hashlib.sha1(f"mockbsale-{self.seed}-{index}".encode()).hexdigest() for index in range(self.companies)]

    def to_settings(self) -> Settings:
        from mockbsale.config import Settings

        seeded = {} if self.seed is None else {"seed": self.seed}
        return Settings(
            port=0,
            **seeded,
            fixtures=self.fixtures,
            country=self.country,
            tokens=[] if self.fixtures else self.tokens(),
            **{key: list(value) if isinstance(value, tuple) else value for key, value in self.settings},
        )


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("mockbsale", "mockbsale (fake Bsale API)")
    for name, help_text in OPTIONS.items():
        group.addoption(f"--bsale-{name}", dest=f"bsale_{name}", default=None, help=f"{help_text} (ini: bsale_{name})")
        parser.addini(f"bsale_{name}", help_text, default=None)


def option(config: pytest.Config, name: str) -> str | None:
    """`--bsale-<name>`, else the `bsale_<name>` ini key, else None."""
    value = config.getoption(f"bsale_{name}")
    if value is None:
        value = config.getini(f"bsale_{name}") or None
    return value


def session_spec(config: pytest.Config) -> DataSpec:
    seed = option(config, "seed")
    fixtures = option(config, "fixtures")
    if fixtures:
        fixtures = str(config.rootpath / fixtures)
    country = (option(config, "country") or "CL").upper()
    if unknown_country(country):
        raise pytest.UsageError(f"--bsale-country / bsale_country: {unknown_country(country)}")
    try:
        return DataSpec(seed=int(seed) if seed else None, fixtures=fixtures, country=country)
    except ValueError:
        raise pytest.UsageError(f"--bsale-seed / bsale_seed must be an integer, not {seed!r}") from None


def unknown_country(code: object) -> str | None:
    """Why `code` is not a country the mock serves, or None when it is."""
    from mockbsale.domain.countries import known_country

    try:
        known_country(code)
    except ValueError as error:
        return str(error)
    return None


def marker_spec(base: DataSpec, marker: pytest.Mark | None, test_path: str) -> DataSpec:
    """The session's spec changed by the test's `@pytest.mark.bsale(...)` keywords."""
    if marker is None:
        return base
    if marker.args:
        raise SetupError("@pytest.mark.bsale takes keyword arguments only")
    kwargs = dict(marker.kwargs)
    known = {spec_field.name for spec_field in fields(DataSpec)} - {"settings"}
    spec = {key: kwargs.pop(key) for key in list(kwargs) if key in known}
    from mockbsale.config import Settings

    allowed = set(Settings.__dataclass_fields__) - RESERVED
    unknown = sorted(set(kwargs) - allowed)
    if unknown:
        raise SetupError(
            f"unknown @pytest.mark.bsale keyword(s) {', '.join(unknown)}; "
            f"use {', '.join(sorted(known | allowed))}"
        )
    if spec.get("fixtures"):
        spec["fixtures"] = _resolve(test_path, spec["fixtures"])
    if "country" in spec and unknown_country(spec["country"]):
        raise SetupError(f"@pytest.mark.bsale: {unknown_country(spec['country'])}")
    merged = {**dict(base.settings), **{key: tuple(v) if isinstance(v, list) else v for key, v in kwargs.items()}}
    return DataSpec(
        seed=spec.get("seed", base.seed),
        fixtures=spec.get("fixtures", base.fixtures),
        companies=spec.get("companies", base.companies),
        country=spec.get("country", base.country),
        settings=tuple(sorted(merged.items())),
    )


def _resolve(test_path: str, path: str) -> str:
    """A marker's fixtures path is relative to the test file's folder."""
    candidate = Path(path)
    return str(candidate if candidate.is_absolute() else Path(test_path).parent / candidate)

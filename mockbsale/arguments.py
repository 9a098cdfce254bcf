"""argparse types that check a value when the command starts (a flag or its `MOCKBSALE_*`
variable), so that a bad one is a one-line usage error, never a traceback or a failure later."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import NoReturn

INT64 = 2**63


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (with where to read more), exit code 2;
    its subcommands' parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


def ranged(kind: type[int] | type[float], low: float, high: float, what: str,
           *, above_low: bool = False) -> Callable[[str], int | float]:
    """A type reading `kind` between `low` and `high` (`above_low`: strictly above `low`)."""
    bounds = f"more than {low:g} and at most {high:g}" if above_low else f"from {low:g} to {high:g}"

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = math.nan
        if not (low < value <= high if above_low else low <= value <= high):
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} ({bounds})")
        return value

    parse.__name__ = what
    return parse


def one_of(*names: str) -> Callable[[str], str]:
    """A type reading one of `names` (argparse's `choices` is not checked on a variable's value)."""

    def parse(text: str) -> str:
        if text.lower() not in names:
            raise argparse.ArgumentTypeError(f"{text!r} is not one of {', '.join(names)}")
        return text.lower()

    parse.__name__ = "name"
    return parse


PORT = ranged(int, 0, 65535, "a port number")
SEED = ranged(int, -INT64, INT64 - 1, "a 64-bit integer")
SECONDS = ranged(float, 0, 3600, "a number of seconds")
"""A delay, a grace period: up to an hour."""
TIMEOUT = ranged(float, 0, 3600, "a number of seconds", above_low=True)
COUNT = ranged(int, 0, 1000, "a count")
STATUS = ranged(int, 100, 599, "an HTTP status")

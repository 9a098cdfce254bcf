"""Faults on purpose, per subscription: drop, duplicate, delay and reorder notifications, drawn
from a random generator seeded per subscription, so the same seed and the same changes give the
same faults. Off by default."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

KINDS = ("drop", "duplicate", "delay", "reorder")
SETTINGS = (*KINDS, "delay_seconds", "seed")
MAX_DELAY = 3600.0
"""The longest `delay_seconds` (an hour)."""


@dataclass
class Faults:
    """Probabilities (0 to 1) that one notification is dropped, sent twice, held back
    `delay_seconds` before its first attempt, or sent after the next one of the same subscription."""

    drop: float = 0.0
    duplicate: float = 0.0
    delay: float = 0.0
    reorder: float = 0.0
    delay_seconds: float = 0.5
    seed: int = 0
    _rng: random.Random = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in SETTINGS[:-1]:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_DELAY:
                raise ValueError(f"fault {name} must be a number between 0 and {MAX_DELAY:g}")
            if name in KINDS and value > 1:
                raise ValueError(f"fault {name} is a probability between 0 and 1")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not -(2**63) <= self.seed < 2**63:
            raise ValueError("fault seed must be a 64-bit integer")
        self._rng = random.Random(self.seed)

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> Faults:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ValueError("faults must be an object")
        unknown = set(raw) - set(SETTINGS)
        if unknown:
            raise ValueError(f"unknown fault(s): {', '.join(sorted(unknown))}")
        return cls(**raw)

    @property
    def active(self) -> bool:
        return any(getattr(self, name) > 0 for name in KINDS)

    def draw(self) -> set[str]:
        """The faults that hit the next notification (one draw per kind, always, so a seed replays)."""
        return {name for name in KINDS if self._rng.random() < getattr(self, name)}

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SETTINGS}

"""Ids in paths: at most 10 digits (Bsale's ids are 4-byte integers), so that an id of 5,000 digits
answers 404 like any unknown id and no handler converts an absurd number."""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

MAX_ID_DIGITS = 10


class IdConvertor(Convertor[int]):
    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("bsale_id", IdConvertor())


def is_id(text: str) -> bool:
    """Whether `text` reads as an id, as `IdConvertor.regex` does (ASCII digits, at most 10: `²` and
    5,000 digits do not), without the regular expression (this is on the hot path)."""
    return 0 < len(text) <= MAX_ID_DIGITS and text.isascii() and text.isdigit()


def bounded_ids(path: str) -> str:
    """`/v1/x/{id:int}.json` -> `/v1/x/{id:bsale_id}.json`: the route matches short ids only."""
    return path.replace(":int}", ":bsale_id}")

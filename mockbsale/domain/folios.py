"""Folios: each document type numbers its documents in sequence, never reusing a number.

`check` validates (an electronic type needs a folio left in its CAF range); `take` consumes the
number. Both run in the same synchronous stretch of a request, so concurrent POSTs get unique,
gap-free numbers.
"""

from __future__ import annotations

from mockbsale.domain.context import Ctx
from mockbsale.http.errors import bad_request
from mockbsale.store.table import Row

NO_NUMBERS = "does not have numbers available, check sii caf"


def check(document_type: Row) -> int:
    """The number the next document of this type gets (400 when the CAF range is used up)."""
    number = int(document_type["nextNumber"])
    last = document_type.get("lastNumber")
    if document_type.get("isElectronicDocument") and last is not None and number > int(last):
        raise bad_request(NO_NUMBERS)
    return number


def series(ctx: Ctx, document_type: Row) -> str | None:
    """The series a document type's folios carry: its own (Mexico's global invoice, `FG00`), else
    the country's for its authority code (`F001`, `FE00`), else none (Chile)."""
    return document_type.get("series") or ctx.country.folio_series.get(document_type["codeSii"])


def serial_number(ctx: Ctx, document_type: Row, number: int) -> str:
    """The folio as the country prints it: `F001-12`, `FE00-31`, or the bare number."""
    prefix = series(ctx, document_type)
    return f"{prefix}-{number}" if prefix else str(number)


def take(ctx: Ctx, document_type: Row) -> int:
    number = check(document_type)
    ctx.table("document_types").update(document_type["id"], {"nextNumber": number + 1})
    return number

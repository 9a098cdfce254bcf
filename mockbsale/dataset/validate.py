"""Checking a data set before a server serves it: the JSON Schema (types, required attributes), then
what a schema cannot say (unique cpnIds, tokens and ids, `nextId` above every id, references that
exist). A bad file is refused with one line naming the file, company, table, row id and attribute."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from mockbsale.dataset.schema import columns, fixtures_schema


class DataSetError(ValueError):
    """A data set the mock refuses to serve; the message is one line."""


@cache
def validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(fixtures_schema())


def read_data_set(path: str | Path) -> dict[str, Any]:
    """The data set in `path`, checked; DataSetError names what is wrong and where."""
    try:
        document = json.loads(Path(path).read_bytes())
    except json.JSONDecodeError as error:
        raise DataSetError(f"{path}: not JSON ({error})") from None
    except OSError as error:
        raise DataSetError(f"{path}: cannot read it ({error.strerror or error})") from None
    problem = first_problem(document)
    if problem:
        raise DataSetError(f"{path}: {problem}")
    return document


def first_problem(document: Any) -> str | None:
    """What is wrong with a data set, in one line, or None."""
    error = min(validator().iter_errors(document), key=lambda found: list(map(str, found.absolute_path)),
                default=None)
    if error is not None:
        return f"{where(document, list(error.absolute_path))}: {error.message}"
    return next(consistency_problems(document["companies"]), None)


def where(document: Any, path: Sequence[Any]) -> str:
    """`company cpnId=1, table variants, row id=4, attribute productId` for a JSON path into a data set."""
    if len(path) < 2:
        return "the file" if not path else f"attribute {path[0]}"
    company = document["companies"][path[1]]
    cpn_id = company.get("cpnId") if isinstance(company, dict) else None
    parts = [f"company {'#' + str(path[1] + 1) if cpn_id is None else f'cpnId={cpn_id}'}"]
    if len(path) == 3 or (len(path) > 2 and path[2] != "tables"):
        parts.append(f"attribute {path[2]}")
    if len(path) > 3 and path[2] == "tables":
        parts.append(f"table {path[3]}")
        rows = path[5:] if len(path) > 4 and path[4] == "rows" else None
        if rows:
            row = company["tables"][path[3]]["rows"][rows[0]]
            row_id = row.get("id") if isinstance(row, dict) else None
            parts.append(f"row #{rows[0] + 1}" if row_id is None else f"row id={row_id}")
            if len(rows) > 1:
                parts.append(f"attribute {rows[1]}")
        elif len(path) > 4:
            parts.append(f"attribute {path[4]}")
    return ", ".join(parts)


def consistency_problems(companies: list[dict[str, Any]]) -> Iterator[str]:
    for key in ("cpnId", "token"):
        seen: set[Any] = set()
        for number, company in enumerate(companies, 1):
            if company[key] in seen:
                yield f"company #{number}, attribute {key}: {company[key]!r} is used by an earlier company"
            seen.add(company[key])
    for company in companies:
        yield from company_problems(company)


def company_problems(company: dict[str, Any]) -> Iterator[str]:
    tables = company["tables"]
    ids: dict[str, set[int]] = {}
    for name, content in tables.items():
        place = f"company cpnId={company['cpnId']}, table {name}"
        ids[name] = set()
        for row in content["rows"]:
            if row["id"] in ids[name]:
                yield f"{place}, row id={row['id']}, attribute id: duplicate id"
            ids[name].add(row["id"])
        next_id = content.get("nextId")
        if next_id is not None and ids[name] and next_id <= max(ids[name]):
            yield f"{place}, attribute nextId: {next_id} is at or below the existing id {max(ids[name])}"
    schema = columns()
    for name, content in tables.items():
        references = [(key, column.references) for key, column in schema[name].items() if column.references]
        for row in content["rows"]:
            for key, target in references:
                value = row.get(key)
                if value and target in tables and value not in ids[target]:
                    yield (f"company cpnId={company['cpnId']}, table {name}, row id={row['id']}, attribute {key}: "
                           f"no row {value} in {target}")

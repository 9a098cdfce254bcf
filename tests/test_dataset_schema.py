"""The data-set format is documented (`mockbsale schema`) and checked: a bad `--fixtures` file refuses to
start with one line naming the file, company, table, row id and attribute, and exit code 2."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mockbsale import Engine, Settings
from mockbsale.cli import main
from mockbsale.data.tables import TABLES
from mockbsale.dataset.validate import first_problem
from mockbsale.domain.countries import COUNTRIES

pytest_plugins = ["pytester"]

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo.json"

Edit = Callable[[Any], Any]


def tables(document: Any) -> Any:
    return document["companies"][0]["tables"]


def set_row(table: str, index: int, **changes: Any) -> Edit:
    def edit(document: Any) -> Any:
        tables(document)[table]["rows"][index].update(changes)
        return document

    return edit


def second_company_like_the_first(document: Any) -> Any:
    document["companies"].append(copy.deepcopy(document["companies"][0]))
    return document


# edit of the demo data set (or a whole file's text), the words the one-line refusal must hold
BAD_FILES: dict[str, tuple[Edit | str, list[str]]] = {
    "wrong type": (set_row("variants", 3, productId="uno"),
                   ["table variants", "row id=4", "attribute productId", "'uno' is not of type"]),
    "dangling reference": (set_row("variants", 3, productId=9999),
                           ["table variants", "row id=4", "attribute productId", "no row 9999 in products"]),
    "dangling parent key": (set_row("document_details", 0, documentId=777),
                            ["table document_details", "row id=1", "attribute documentId", "no row 777 in documents"]),
    "duplicate id": (set_row("offices", 1, id=1), ["table offices", "row id=1", "attribute id", "duplicate id"]),
    "duplicate cpnId": (second_company_like_the_first, ["company #2", "attribute cpnId", "earlier company"]),
    "nextId at an existing id": (
        lambda document: tables(document)["products"].update(nextId=50) or document,
        ["table products", "attribute nextId", "50 is at or below the existing id 50"]),
    "missing id": (lambda document: tables(document)["stocks"]["rows"][0].pop("id") and document,
                   ["table stocks", "row #1", "'id' is a required property"]),
    "unknown table": (lambda document: tables(document).update(bogus={"rows": []}) or document,
                      ["company cpnId=1", "attribute tables", "'bogus' was unexpected"]),
    "unknown country": (lambda document: document["companies"][0].update(country="AR") or document,
                        ["company cpnId=1", "attribute country", "'AR' is not one of"]),
    "an array": ("[]", ["[] is not of type 'object'"]),
    "companies not a list": ('{"companies": 5}', ["attribute companies", "5 is not of type 'array'"]),
    "not JSON": ("{companies: [", ["not JSON"]),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_every_bad_file_refuses_to_start_with_one_line_and_exit_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit, words = BAD_FILES[name]
    path = tmp_path / "data.json"
    path.write_text(edit if isinstance(edit, str) else json.dumps(edit(json.loads(DEMO.read_text()))))
    assert main(["serve", "--port", "0", "--fixtures", str(path)]) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and out == "", err
    assert lines[0].startswith(f"mockbsale: cannot load the data: {path}: "), lines[0]
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"


def test_the_command_exits_2_on_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"companies": 5}')
    result = subprocess.run([sys.executable, "-m", "mockbsale", "serve", "--port", "0", "--fixtures", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (
        2, f"mockbsale: cannot load the data: {path}: attribute companies: 5 is not of type 'array'\n")


def test_the_plugin_refuses_a_bad_data_set_with_the_same_line(pytester: pytest.Pytester) -> None:
    demo = json.loads(DEMO.read_text())
    pytester.makefile(".json", data=json.dumps(set_row("variants", 3, productId=9999)(demo)))
    pytester.makepyfile("def test_it(bsale):\n    pass\n")
    result = pytester.runpytest("--bsale-fixtures=data.json")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*cannot load the data*data.json: company cpnId=1, table variants, row id=4, "
                                 "attribute productId: no row 9999 in products*"])
    assert "Traceback" not in result.stdout.str()


def test_schema_command_prints_a_valid_schema_of_every_table_and_attribute() -> None:
    output = subprocess.run([sys.executable, "-m", "mockbsale", "schema"], capture_output=True, text=True,
                            timeout=60, check=True).stdout
    schema = json.loads(output)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(DEMO.read_text()), schema)
    assert set(schema["$defs"]) == {"company", *TABLES}
    variant = schema["$defs"]["variants"]["properties"]["rows"]["items"]
    assert schema["$defs"]["price_list_details"]["properties"]["rows"]["items"]["required"] == ["id", "priceListId"]
    assert variant["properties"]["productId"] == {"type": ["integer", "null"], "description": "id of a row of products"}
    assert variant["properties"]["code"] == {"type": ["string", "null"]}
    demo = json.loads(DEMO.read_text())
    attributes = {key for row in tables(demo)["documents"]["rows"] for key in row}
    assert attributes <= set(schema["$defs"]["documents"]["properties"]["rows"]["items"]["properties"])
    assert schema["$defs"]["company"]["properties"]["country"] == {"enum": list(COUNTRIES)}


@pytest.mark.parametrize("seed", [2, 9])
def test_generated_data_sets_pass_the_checks(seed: int) -> None:
    engine = Engine(Settings(seed=seed, tokens=["a", "b"]))
    engine.seed()
    assert first_problem(engine.store.dump()) is None


def test_a_snapshot_after_writes_passes_the_checks(api: Any, server: Any) -> None:
    """What the API writes (a sale, a client, a product) loads back: the checks agree with the writes."""
    assert api.post("/v1/clients.json", json={"firstName": "Ana", "lastName": "Soto", "code": "11111111-1"}
                    ).status_code == 201
    assert api.post("/v1/products.json", json={"name": "Taza", "productTypeId": 1}).status_code == 201
    sale = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "details": [{"variantId": 1, "quantity": 1}],
            "payments": [{"paymentTypeId": 1, "amount": 100000}]}
    assert api.post("/v1/documents.json", json=sale).status_code == 201
    snapshot = api.get(f"{server.url}/_mock/snapshot").json()
    assert first_problem(snapshot) is None

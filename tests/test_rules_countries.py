"""Country rules users meet: which Chilean RUTs a tax document's new client may carry, and which
countries the mock serves (a clear error naming them for any other)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale.engine import Engine
from tests.conftest import snapshot
from tests.test_documents import CLIENT
from tests.test_mexico import CLIENT as MEXICAN_CLIENT
from tests.test_mexico import invoice

RUT_REQUIRED = 'This document type has the following client attributes required: "Rut del Cliente"'
LINE = {"variantId": 1, "quantity": 1, "taxId": "[1]"}


def factura(api: httpx.Client, code: str) -> httpx.Response:
    return api.post("/v1/documents.json", json={"codeSii": 33, "client": {**CLIENT, "code": code}, "details": [LINE]})


def test_a_rut_of_nine_digits_is_valid(api: httpx.Client) -> None:
    # 9,8,7,6,5,4,3,2,1 times 2,3,4,5,6,7,2,3,4 adds up to 174; 174 mod 11 = 9; 11 - 9 = 2
    response = factura(api, "123456789-2")
    assert response.status_code == 201, response.text
    assert api.get(response.json()["client"]["href"]).json()["code"] == "123456789-2"


@pytest.mark.parametrize("code", [
    "1234567890-3",  # ten digits (3 is their right check digit: 195 mod 11 = 8, 11 - 8 = 3)
    "0-0",  # zero is no taxpayer, though 0 is its check digit
    "00-0",
    "12A45678-5",  # a letter in the number
    "K",  # a check digit alone
    "-",
])
def test_a_rut_that_is_no_taxpayer_is_refused(api: httpx.Client, server: MockServer, code: str) -> None:
    before = snapshot(server)
    response = factura(api, code)
    assert (response.status_code, response.json()) == (400, {"error": RUT_REQUIRED})
    assert snapshot(server) == before
    assert server.engine.server_errors == []


@pytest.mark.parametrize(("country", "shown"), [("AR", "'AR'"), ("cl", "'cl'"), ("", "''"), (None, "None"),
                                                (["CL"], "['CL']")])
def test_a_country_the_mock_does_not_serve_is_refused_by_name(country: Any, shown: str) -> None:
    engine = Engine(Settings(tokens=["t"], country=country))
    with pytest.raises(ValueError) as refused:
        engine.seed()
    assert str(refused.value) == f"country {shown} is not one of CL, PE, MX"


def test_a_data_set_company_of_another_country_is_refused_naming_the_company() -> None:
    engine = Engine(Settings(tokens=["t"]))
    engine.seed()
    document = {"companies": [{"cpnId": 7, "token": "u", "country": "AR", "tables": {}}]}
    with pytest.raises(ValueError) as refused:
        engine.load_fixtures(document)
    assert str(refused.value) == "company 7: country 'AR' is not one of CL, PE, MX"
    assert sorted(engine.store.companies) == [1]


@pytest.mark.parametrize("code", ["xaxx010101000", " XAXX010101000 "])
def test_the_sats_public_rfc_is_taken_in_any_case_and_padding(mx: httpx.Client, code: str) -> None:
    """A factura to the general public (the SAT's generic RFC `XAXX010101000`, regime 616)."""
    public = invoice(mx, client={**MEXICAN_CLIENT, "code": code, "regime": "616"})
    assert public["client"]["id"]

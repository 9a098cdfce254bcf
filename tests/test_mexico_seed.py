"""The generated Mexican company: deterministic, realistic, valid where the SAT validates; and
`mockbsale serve --country MX`."""

from __future__ import annotations

import httpx
from hypothesis import given, settings
from stdnum.ean import is_valid as valid_ean
from stdnum.mx import rfc

from mockbsale import Engine, Settings, strategies
from mockbsale.domain.cfdi import PAYMENT_FORMS, REGIMES
from mockbsale.domain.countries import valid_rfc
from mockbsale.store import Company
from tests.test_cli import serve


def seeded(seed: int) -> Engine:
    engine = Engine(Settings(tokens=["t"], seed=seed, country="MX"))
    engine.seed()
    return engine


def company_of(seed: int) -> Company:
    return seeded(seed).store.companies[1]


def test_same_seed_same_data_other_seed_other_data() -> None:
    assert seeded(5).store.dump() == seeded(5).store.dump()
    assert seeded(5).store.dump() != seeded(6).store.dump()


def test_a_realistic_mexican_company() -> None:
    company = company_of(1)
    assert company.country == "MX" and rfc.is_valid(company.instance["code"], validate_check_digits=True)
    assert [row["country"] for row in company.table("offices")] == ["México"] * 3
    assert {row["codeSii"] for row in company.table("document_types")} == {"", "I", "E", "P", "T", "R"}
    assert (company.table("taxes").rows[1]["name"], company.table("taxes").rows[1]["percentage"]) == ("IVA", "16.0")
    coin = company.table("coins").rows[1]
    assert (coin["isoCode"], coin["decimals"]) == ("MXN", 2)
    assert all(valid_ean(row["barCode"]) and row["barCode"].startswith("750") for row in company.table("variants"))


def test_clients_have_rfcs_postal_codes_and_regimes() -> None:
    clients = list(company_of(1).table("clients"))
    assert (clients[0]["id"], clients[0]["code"], clients[0]["regime"]) == (1, "XAXX010101000", "616")
    for client in clients[1:]:
        assert rfc.is_valid(client["code"], validate_check_digits=True), client["code"]
        assert len(client["code"]) == (12 if client["companyOrPerson"] else 13)
        assert len(client["postalCode"]) == 5 and client["postalCode"].isdigit()
        assert client["regime"] in REGIMES


def test_history_has_tickets_facturas_and_a_global_invoice() -> None:
    company = company_of(1)
    codes = {row["id"]: row["codeSii"] for row in company.table("document_types")}
    documents = list(company.table("documents"))
    tickets = [row for row in documents if codes[row["documentTypeId"]] == "T"]
    facturas = [row for row in documents if codes[row["documentTypeId"]] == "I" and row.get("clientId") != 1]
    global_invoice = next(row for row in documents if row.get("globalCfdiPeriodicity"))
    assert len(tickets) >= 5 and len(facturas) >= 3
    assert all(row["globalInvoiceId"] == global_invoice["id"] for row in tickets)
    assert global_invoice["clientId"] == 1 and global_invoice["cfdiPaymentTypeCode"] in PAYMENT_FORMS
    assert round(global_invoice["netAmount"], 2) == round(sum(row["netAmount"] for row in tickets), 2)
    assert any(row["totalAmount"] != int(row["totalAmount"]) for row in documents), "pesos carry cents"


@settings(max_examples=30, deadline=None)
@given(code=strategies.tax_ids("MX"))
def test_the_strategies_draw_valid_rfcs(code: str) -> None:
    assert valid_rfc(code) and len(code) in (12, 13)


def test_serve_country_mx_serves_a_mexican_company() -> None:
    with serve("--port", "0", "--token", "cdmx", "--country", "mx") as (url, banner):
        assert "access_token: cdmx" in banner
        headers = {"access_token": "cdmx"}
        assert httpx.get(f"{url}/v1/instances/basic/cdmx.json").json()["country"] == "MX"
        assert httpx.get(f"{url}/v2/documents/ticket_invoice/global.json?init_date=0", headers=headers).json()[
            "count"] == 1
        document = httpx.get(f"{url}/openapi.json").json()
        assert "/v1/documents/void/{id}.json" in document["paths"] and "/v1/dte_codes.json" not in document["paths"]
        assert "postal_code" in document["components"]["schemas"]["Clients"]["properties"]

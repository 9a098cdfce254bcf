"""Totals as Bsale computes them for Chile, on property-based samples of lines and of bodies."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbsale.domain.totals import Line, document_totals, line_amounts, pesos

IVA, ILA = 19.0, 20.5
taxes = st.sampled_from([{}, {1: IVA}, {1: IVA, 3: ILA}])
lines = st.builds(
    Line,
    quantity=st.integers(1, 50).map(float) | st.sampled_from([0.5, 1.25, 2.75]),
    net_unit_value=st.integers(1, 500_000).map(float) | st.floats(0.5, 99_999).map(lambda v: round(v, 2)),
    discount=st.sampled_from([0.0, 5.0, 10.0, 33.3, 50.0, 100.0]),
    taxes=taxes,
)


def half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def test_pesos_round_half_up() -> None:
    assert [pesos(v) for v in (0.5, 1.5, 2.5, 4453.22, 4453.5, 10.49)] == [1, 2, 3, 4453, 4454, 10]


@given(st.lists(lines, min_size=1, max_size=8))
@settings(deadline=None)  # no timed assertions: on two busy cores one example took 466 ms
def test_document_totals_add_up(sample: list[Line]) -> None:
    totals = document_totals(sample)
    assert totals.netAmount + totals.taxAmount + totals.exemptAmount == totals.totalAmount
    assert all(float(amount).is_integer() for amount in (totals.netAmount, totals.taxAmount, totals.exemptAmount))
    taxed = [line for line in sample if line.taxes]
    iva_base = sum(Decimal(repr(line_amounts(line).netAmount)) for line in taxed)
    assert totals.taxes.get(1, 0.0) == float(half_up(iva_base * Decimal("0.19")))
    assert totals.exemptAmount == sum(line_amounts(line).netAmount for line in sample if not line.taxes)


@given(lines)
def test_line_amounts(line: Line) -> None:
    amounts = line_amounts(line)
    gross = Decimal(repr(line.quantity)) * Decimal(repr(line.net_unit_value))
    expected = half_up(gross * (1 - Decimal(repr(line.discount)) / 100))
    assert amounts.netAmount == float(expected)
    assert amounts.totalAmount == amounts.netAmount + amounts.taxAmount
    assert amounts.netDiscount >= 0 and (line.taxes or amounts.taxAmount == 0)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(lines, min_size=1, max_size=4))
def test_served_totals_match_the_rules(api: httpx.Client, sample: list[Line]) -> None:
    details = [
        {
            "comment": f"linea {index}",
            "quantity": line.quantity,
            "netUnitValue": line.net_unit_value,
            "discount": line.discount,
            "taxId": str(sorted(line.taxes)).replace(" ", ""),
        }
        for index, line in enumerate(sample)
    ]
    document = api.post("/v1/documents.json", json={"codeSii": 39, "details": details}).json()
    totals = document_totals(sample)
    served = (document["netAmount"], document["taxAmount"], document["exemptAmount"], document["totalAmount"])
    assert served == (totals.netAmount, totals.taxAmount, totals.exemptAmount, totals.totalAmount)
    items = api.get(document["details"]["href"]).json()["items"]
    assert [item["netAmount"] for item in items] == [line_amounts(line).netAmount for line in sample]
    taxes = {int(t["tax"]["id"]): t["totalAmount"] for t in api.get(document["document_taxes"]["href"]).json()["items"]}
    assert taxes == totals.taxes

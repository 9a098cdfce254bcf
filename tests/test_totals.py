"""Totals as Bsale computes them for Chile: figures worked out by hand, and property-based samples
checked against an oracle written here in Decimal arithmetic (never against `domain/totals.py`).

Bsale's rules (CL): a line's net is quantity x net unit value less its discount, in whole pesos; its
taxes are per line for the detail; the document's taxes are computed once per tax on the sum of the
taxed nets (IVA = round(net x 19 %)), and `taxAmount` is the sum of that tax list. Pesos round half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbsale.domain.totals import Line, document_totals, line_amounts, pesos

IVA, ILA = 19.0, 20.5
TAX_IDS = {IVA: 1, ILA: 3}
taxes = st.sampled_from([{}, {1: IVA}, {1: IVA, 3: ILA}])
lines = st.builds(
    Line,
    quantity=st.integers(1, 50).map(float) | st.sampled_from([0.5, 1.25, 2.75]),
    net_unit_value=st.integers(1, 500_000).map(float) | st.floats(0.5, 99_999).map(lambda v: round(v, 2)),
    discount=st.sampled_from([0.0, 5.0, 10.0, 33.3, 50.0, 100.0]),
    taxes=taxes,
)
LINE_KEYS = ("netUnitValue", "totalUnitValue", "netAmount", "taxAmount", "totalAmount", "netDiscount", "totalDiscount")
DOCUMENT_KEYS = ("netAmount", "taxAmount", "exemptAmount", "totalAmount")


def half_up(value: Decimal) -> float:
    return float(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def dec(value: float) -> Decimal:
    return Decimal(repr(value))


def oracle_line(line: Line) -> dict[str, float]:
    """A detail's amounts by Bsale's rules, in Decimal."""
    rate = sum((dec(p) for p in line.taxes.values()), Decimal(0)) / 100
    gross = dec(line.quantity) * dec(line.net_unit_value)
    net = half_up(gross * (1 - dec(line.discount) / 100))
    tax = half_up(dec(net) * rate)
    discount = half_up(gross) - net
    return {"netUnitValue": line.net_unit_value, "totalUnitValue": half_up(dec(line.net_unit_value) * (1 + rate)),
            "netAmount": net, "taxAmount": tax, "totalAmount": net + tax,
            "netDiscount": discount, "totalDiscount": half_up(dec(discount) * (1 + rate))}


def oracle_document(sample: list[Line]) -> tuple[dict[str, float], dict[int, float]]:
    """A document's amounts and its tax list (tax id -> amount) by Bsale's rules, in Decimal."""
    nets = [(line, Decimal(oracle_line(line)["netAmount"])) for line in sample]
    taxed = sum((net for line, net in nets if line.taxes), Decimal(0))
    exempt = sum((net for line, net in nets if not line.taxes), Decimal(0))
    tax_list = {}
    for tax_id, percentage in {(t, p) for line in sample for t, p in line.taxes.items()}:
        base = sum((net for line, net in nets if tax_id in line.taxes), Decimal(0))
        tax_list[tax_id] = half_up(base * dec(percentage) / 100)
    tax = sum(tax_list.values())
    return {"netAmount": float(taxed), "taxAmount": tax, "exemptAmount": float(exempt),
            "totalAmount": float(taxed) + tax + float(exempt)}, tax_list


def post_lines(api: httpx.Client, details: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]], dict]:
    """A boleta with these details: the document, its details, its tax list (tax id -> amount)."""
    response = api.post("/v1/documents.json", json={"codeSii": 39, "details": details})
    assert response.status_code == 201, response.text
    document = response.json()
    items = api.get(document["details"]["href"]).json()["items"]
    tax_list = {int(t["tax"]["id"]): t["totalAmount"]
                for t in api.get(document["document_taxes"]["href"]).json()["items"]}
    return document, items, tax_list


def detail(quantity: float, net_unit_value: float, tax_ids: str = "[1]", discount: float = 0) -> dict[str, Any]:
    return {"comment": "linea", "quantity": quantity, "netUnitValue": net_unit_value, "discount": discount,
            "taxId": tax_ids}


# Worked by hand: (line, its amounts in LINE_KEYS order).
HAND_LINES = [
    # 2 x 1000 less 10 % = 1800; IVA 342; discount 200 net, 238 with IVA.
    (detail(2, 1000, discount=10), (1000, 1190, 1800, 342, 2142, 200, 238)),
    # IVA 190 + ILA 205 = 395 on 1000 (a line taxed ILA alone would show 205).
    (detail(1, 1000, "[1,3]"), (1000, 1395, 1000, 395, 1395, 0, 0)),
    # 150 x 19 % = 28.5: half up 29 (half-even would give 28).
    (detail(1, 150), (150, 179, 150, 29, 179, 0, 0)),
    # exempt: 3 x 333.33 = 999.99 -> 1000; no tax; the unit value with tax is 333.
    (detail(3, 333.33, "[]"), (333.33, 333, 1000, 0, 1000, 0, 0)),
    # 50 % off 3 x 999 = 2997 -> 1498.5 -> 1499 net; taxes 1499 x 39.5 % = 592.105 -> 592; unit 999 x 1.395 =
    # 1393.605 -> 1394; discount 2997 - 1499 = 1498, with its taxes 1498 x 1.395 = 2089.71 -> 2090.
    (detail(3, 999, "[1,3]", discount=50), (999, 1394, 1499, 592, 2091, 1498, 2090)),
]


def test_pesos_round_half_up() -> None:
    assert [pesos(v) for v in (0.5, 1.5, 2.5, 4453.22, 4453.5, 10.49)] == [1, 2, 3, 4453, 4454, 10]


@pytest.mark.parametrize(("line", "expected"), HAND_LINES, ids=["discount", "iva-ila", "half-up", "exempt", "all"])
def test_each_detail_amount_worked_by_hand(api: httpx.Client, line: dict[str, Any], expected: tuple) -> None:
    _, [item], _ = post_lines(api, [line])
    assert tuple(item[key] for key in LINE_KEYS) == expected


def test_document_tax_is_once_on_the_taxed_net_rounded_half_up(api: httpx.Client) -> None:
    """1800 + 1000 + 150 taxed, 1000 exempt: IVA on 2950 = 560.5 -> 561 (half-even: 560), ILA on 1000 = 205."""
    document, items, tax_list = post_lines(api, [line for line, _ in HAND_LINES[:4]])
    assert tuple(document[key] for key in DOCUMENT_KEYS) == (2950, 766, 1000, 4716)
    assert tax_list == {1: 561, 3: 205}
    assert [item["taxAmount"] for item in items] == [342, 395, 29, 0]


def test_a_line_is_summed_in_decimals_not_floats(api: httpx.Client) -> None:
    """25 x 32768.38 is 819209.50 (819209.4999999999 in floats): the net rounds half up to 819210."""
    document, [item], _ = post_lines(api, [detail(25, 32768.38)])
    assert (item["netAmount"], item["taxAmount"]) == (819210, 155650)
    assert tuple(document[key] for key in DOCUMENT_KEYS) == (819210, 155650, 0, 974860)


def test_document_tax_amount_is_its_tax_list_not_the_sum_of_its_lines(api: httpx.Client) -> None:
    """Two lines of 150: each shows 29 of IVA, but the document's IVA is round(300 x 19 %) = 57."""
    document, items, tax_list = post_lines(api, [detail(1, 150), detail(1, 150)])
    assert [item["taxAmount"] for item in items] == [29, 29]
    assert tax_list == {1: 57}
    assert tuple(document[key] for key in DOCUMENT_KEYS) == (300, 57, 0, 357)


@given(st.lists(lines, min_size=1, max_size=8))
@settings(deadline=None)  # no timed assertions: on two busy cores one example took 466 ms
def test_document_totals_follow_the_rules(sample: list[Line]) -> None:
    totals = document_totals(sample)
    expected, tax_list = oracle_document(sample)
    assert (totals.netAmount, totals.taxAmount, totals.exemptAmount, totals.totalAmount) == tuple(expected.values())
    assert totals.taxes == tax_list


@given(lines)
def test_line_amounts_follow_the_rules(line: Line) -> None:
    amounts = line_amounts(line)
    assert {key: getattr(amounts, key) for key in LINE_KEYS} == oracle_line(line)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(lines, min_size=1, max_size=4))
def test_served_totals_follow_the_rules(api: httpx.Client, sample: list[Line]) -> None:
    details = [detail(line.quantity, line.net_unit_value, str(sorted(line.taxes)).replace(" ", ""), line.discount)
               for line in sample]
    document, items, tax_list = post_lines(api, details)
    expected, expected_taxes = oracle_document(sample)
    assert {key: document[key] for key in DOCUMENT_KEYS} == expected
    assert [{key: item[key] for key in LINE_KEYS} for item in items] == [oracle_line(line) for line in sample]
    assert tax_list == expected_taxes

"""Document totals as Bsale computes them for Chile (pure arithmetic, no store).

Each line: net = quantity x net unit value, less the discount (a percentage), rounded to whole pesos;
its taxes are rounded per line for the detail. The document's taxes are computed once per tax on the
sum of the taxed nets (as the SII reads a factura: IVA = round(net x 19 %)); a line with no tax is
exempt. Pesos round half up. `netAmount + taxAmount + exemptAmount = totalAmount` always holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


def pesos(amount: float) -> float:
    """Whole pesos, half up (`round` would round 0.5 to even)."""
    return float(Decimal(repr(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Line:
    """One detail: `taxes` maps a tax id to its percentage (19.0 for IVA); empty means exempt."""

    quantity: float
    net_unit_value: float
    discount: float = 0.0
    taxes: Mapping[int, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return sum(self.taxes.values()) / 100


@dataclass(frozen=True)
class LineAmounts:
    """The amounts of one detail, named as `/documents/{id}/details` serves them."""

    netUnitValue: float
    totalUnitValue: float
    netAmount: float
    taxAmount: float
    totalAmount: float
    netDiscount: float
    totalDiscount: float


@dataclass(frozen=True)
class Totals:
    netAmount: float
    taxAmount: float
    exemptAmount: float
    totalAmount: float
    taxes: dict[int, float]
    """Tax id -> amount of that tax on the document."""


def line_amounts(line: Line) -> LineAmounts:
    gross = line.quantity * line.net_unit_value
    net = pesos(gross * (1 - line.discount / 100))
    tax = pesos(net * line.rate)
    net_discount = pesos(gross) - net
    return LineAmounts(
        netUnitValue=float(line.net_unit_value),
        totalUnitValue=pesos(line.net_unit_value * (1 + line.rate)),
        netAmount=net,
        taxAmount=tax,
        totalAmount=net + tax,
        netDiscount=net_discount,
        totalDiscount=pesos(net_discount * (1 + line.rate)),
    )


def document_totals(lines: Sequence[Line]) -> Totals:
    """Net of taxed lines, exempt lines apart, each tax once on the nets it applies to."""
    taxed_net = 0.0
    exempt = 0.0
    base: dict[tuple[int, float], float] = {}
    for line in lines:
        net = line_amounts(line).netAmount
        if not line.taxes:
            exempt += net
            continue
        taxed_net += net
        for tax_id, percentage in line.taxes.items():
            base[tax_id, percentage] = base.get((tax_id, percentage), 0.0) + net
    taxes: dict[int, float] = {}
    for (tax_id, percentage), net in base.items():
        taxes[tax_id] = taxes.get(tax_id, 0.0) + pesos(net * percentage / 100)
    tax_total = sum(taxes.values())
    return Totals(
        netAmount=taxed_net,
        taxAmount=tax_total,
        exemptAmount=exempt,
        totalAmount=taxed_net + tax_total + exempt,
        taxes=taxes,
    )

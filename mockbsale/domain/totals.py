"""Document totals as Bsale computes them (pure arithmetic, no store).

Each line: net = quantity x net unit value, less the discount (a percentage), rounded to the
country's money (`money`: whole pesos in Chile, cents of a sol in Peru, half up); its taxes are
rounded per line for the detail. The document's taxes are computed once per tax on the sum of the
taxed nets (as the SII reads a factura: IVA = round(net x 19 %)); a line with no tax is exempt.
A per-unit tax (Peru's ICBPER: `amountTax` 1, its `percentage` an amount per unit) adds
quantity x amount and is no part of the net. `netAmount + taxAmount + exemptAmount = totalAmount`
always holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

Money = Callable[[float], float]
"""Rounds an amount to the country's money (`Country.money`)."""


def exact(amount: float) -> Decimal:
    """A float as the decimal it was written as (`25.0 * 32768.38` is 819209.4999999999 in floats,
    819209.50 in decimals: Bsale's sums are decimal)."""
    return Decimal(repr(amount))


def pesos(amount: float) -> float:
    """Whole pesos, half up (`round` would round 0.5 to even)."""
    return float(exact(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Line:
    """One detail: `taxes` maps a tax id to its percentage (19.0 for IVA); empty means exempt.
    `unit_taxes` maps a per-unit tax id to its amount per unit (ICBPER: 0.5 soles a bag)."""

    quantity: float
    net_unit_value: float
    discount: float = 0.0
    taxes: Mapping[int, float] = field(default_factory=dict)
    unit_taxes: Mapping[int, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return sum(self.taxes.values()) / 100

    @property
    def per_unit(self) -> float:
        return sum(self.unit_taxes.values())


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


def line_amounts(line: Line, money: Money = pesos) -> LineAmounts:
    rate = exact(line.rate)
    gross = exact(line.quantity) * exact(line.net_unit_value)
    net = money(float(gross * (1 - exact(line.discount) / 100)))
    tax = money(float(exact(net) * rate))
    if line.unit_taxes:
        tax = money(float(exact(tax) + exact(line.quantity) * exact(line.per_unit)))
    net_discount = money(money(float(gross)) - net)
    return LineAmounts(
        netUnitValue=float(line.net_unit_value),
        totalUnitValue=money(float(exact(line.net_unit_value) * (1 + rate) + exact(line.per_unit))),
        netAmount=net,
        taxAmount=tax,
        totalAmount=money(net + tax),
        netDiscount=net_discount,
        totalDiscount=money(float(exact(net_discount) * (1 + rate))),
    )


def document_totals(lines: Sequence[Line], money: Money = pesos) -> Totals:
    """Net of taxed lines, exempt lines apart, each tax once on the nets (or the quantities, for a
    per-unit tax) it applies to."""
    taxed_net = 0.0
    exempt = 0.0
    base: dict[tuple[int, float], float] = {}
    units: dict[tuple[int, float], float] = {}
    for line in lines:
        net = line_amounts(line, money).netAmount
        for tax_id, amount in line.unit_taxes.items():
            units[tax_id, amount] = units.get((tax_id, amount), 0.0) + line.quantity
        if not line.taxes:
            exempt += net
            continue
        taxed_net += net
        for tax_id, percentage in line.taxes.items():
            base[tax_id, percentage] = base.get((tax_id, percentage), 0.0) + net
    taxes: dict[int, float] = {}
    for (tax_id, percentage), net in base.items():
        taxes[tax_id] = money(taxes.get(tax_id, 0.0) + money(float(exact(net) * exact(percentage) / 100)))
    for (tax_id, amount), quantity in units.items():
        taxes[tax_id] = money(taxes.get(tax_id, 0.0) + money(float(exact(quantity) * exact(amount))))
    tax_total = money(sum(taxes.values()))
    return Totals(
        netAmount=money(taxed_net),
        taxAmount=tax_total,
        exemptAmount=money(exempt),
        totalAmount=money(taxed_net + tax_total + exempt),
        taxes=taxes,
    )

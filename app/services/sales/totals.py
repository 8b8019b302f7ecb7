"""The one place amounts are computed: lines, discount, taxes, total (Decimal, rounded)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


def quantize(amount: Decimal, decimals: int) -> Decimal:
    """Round half up to the currency's decimals (0 for JPY, 3 for KWD...)."""
    return amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    quantity: Decimal
    rate: Decimal
    taxes: tuple[tuple[str, Decimal], ...] = ()  # (name, percent)


@dataclass
class Totals:
    line_amounts: list[Decimal] = field(default_factory=list)
    subtotal: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    tax_lines: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)
    total: Decimal = Decimal(0)


def compute(
    lines: list[Line],
    decimals: int,
    discount_type: str = "none",
    discount_value: Decimal = Decimal(0),
    discount_before_tax: bool = True,
) -> Totals:
    """Every figure of a document, each rounded to the currency's decimals."""
    totals = Totals()
    totals.line_amounts = [quantize(line.quantity * line.rate, decimals) for line in lines]
    totals.subtotal = sum(totals.line_amounts, Decimal(0))
    if discount_type == "percent":
        base = totals.subtotal
        if not discount_before_tax:
            base = totals.subtotal + _taxes(lines, totals.line_amounts, Decimal(1), decimals)[1]
        totals.discount = quantize(base * discount_value / 100, decimals)
    elif discount_type == "fixed":
        totals.discount = quantize(discount_value, decimals)
    # A discount before tax lowers every line's taxable amount in proportion.
    factor = Decimal(1)
    if discount_before_tax and totals.discount and totals.subtotal:
        factor = (totals.subtotal - totals.discount) / totals.subtotal
    totals.tax_lines, tax_total = _taxes(lines, totals.line_amounts, factor, decimals)
    totals.total = totals.subtotal - totals.discount + tax_total
    return totals


def _taxes(lines, amounts, factor, decimals):
    """Tax lines grouped by name and percent, each rounded once."""
    grouped: dict[tuple[str, Decimal], Decimal] = {}
    for line, amount in zip(lines, amounts, strict=True):
        for name, percent in line.taxes:
            key = (name, Decimal(format(percent.normalize(), "f")))
            grouped[key] = grouped.get(key, Decimal(0)) + amount * factor * percent / 100
    tax_lines = [
        (name, percent, quantize(value, decimals))
        for (name, percent), value in sorted(grouped.items(), key=lambda kv: kv[0])
    ]
    return tax_lines, sum((amount for _n, _p, amount in tax_lines), Decimal(0))

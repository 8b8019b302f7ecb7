"""Amounts: Decimal, rounded half up to the currency's decimals, taxes grouped, discounts."""

from decimal import Decimal as D

from app.services.sales.totals import Line, compute

VAT20 = (("VAT", D("20")),)


def test_lines_taxes_and_total_in_two_decimals():
    totals = compute([Line(D("3"), D("19.99"), VAT20), Line(D("1"), D("100"), VAT20)], 2)
    assert totals.line_amounts == [D("59.97"), D("100.00")]
    assert totals.subtotal == D("159.97")
    assert totals.tax_lines == [("VAT", D("20"), D("31.99"))]
    assert totals.total == D("191.96")


def test_zero_decimal_currency_like_jpy():
    totals = compute([Line(D("3"), D("333.5"), (("Consumption", D("10")),))], 0)
    assert totals.line_amounts == [D("1001")]
    assert totals.tax_lines[0][2] == D("100")
    assert totals.total == D("1101")


def test_three_decimal_currency_like_kwd():
    totals = compute([Line(D("1"), D("1.2345"), (("VAT", D("5")),))], 3)
    assert totals.subtotal == D("1.235") and totals.tax_lines[0][2] == D("0.062")
    assert totals.total == D("1.297")


def test_percent_discount_before_tax_lowers_the_taxable_amount():
    lines = [Line(D("3"), D("19.99"), VAT20), Line(D("1"), D("100"), VAT20 + (("Eco", D("1.5")),))]
    totals = compute(lines, 2, "percent", D("10"), True)
    assert totals.discount == D("16.00")
    assert totals.tax_lines == [("Eco", D("1.5"), D("1.35")), ("VAT", D("20"), D("28.79"))]
    assert totals.total == D("174.11")


def test_fixed_discount_after_tax():
    totals = compute([Line(D("1"), D("100"), VAT20)], 2, "fixed", D("20"), False)
    assert totals.tax_lines[0][2] == D("20.00") and totals.total == D("100.00")


def test_percent_discount_after_tax_applies_to_the_taxed_total():
    totals = compute([Line(D("1"), D("100"), VAT20)], 2, "percent", D("10"), False)
    assert totals.discount == D("12.00") and totals.total == D("108.00")


def test_half_up_rounding():
    assert compute([Line(D("1"), D("0.005"))], 2).total == D("0.01")
    assert compute([Line(D("1"), D("2.5"))], 0).total == D("3")

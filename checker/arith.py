"""Exact decimal arithmetic for the checks (never binary floats).

Every computed figure is rounded half-up to the form's number of decimals (填报说明 2:
保留小数点后 2 位) in the unit it is compared in, before it is compared, as the
applicant would report it: 10.004 % is 10.00 % and is not 高于10%.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

PREC = 50
# Wide exponent range: a pasted 100 000-digit number must compare, not overflow.
# 425 000 000 is decimal's limit on 32-bit builds (Pyodide is wasm32): the same
# range on both sides keeps the browser's reports identical to CPython's.
CONTEXT = Context(prec=PREC, rounding=ROUND_HALF_UP, Emax=425_000_000, Emin=-425_000_000)
HUNDRED = Decimal(100)
ONE = Decimal(1)
_DISPLAY_DIGITS = 30  # longer figures are shown in scientific notation


def arithmetic():
    """A decimal context for one evaluation (precision 50, half-up)."""
    return localcontext(CONTEXT)


def quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def round_to(value: Decimal, q: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Half-up (or as asked) to the quantum; figures too long to quantize are left as they are."""
    if not value.is_finite():
        raise ArithmeticError("not a finite number")
    if value.adjusted() - q.adjusted() >= PREC - 1:
        return value
    return value.quantize(q, rounding=rounding)


def cap(value: Decimal, q: Decimal) -> Decimal:
    """A declared figure: rounded half-up only when it has more decimals than the form allows."""
    if not value.is_finite():
        raise ArithmeticError("not a finite number")
    if value.as_tuple().exponent >= q.as_tuple().exponent:  # type: ignore[operator]
        return value
    return round_to(value, q)


def percent(ratio: Decimal) -> Decimal:
    return ratio * HUNDRED


def cagr(first: Decimal, last: Decimal, years: int) -> Decimal:
    """Compound annual growth in percent, unrounded: (last / first) ^ (1/years) - 1.

    Raises ValueError when the base is 0 or negative, or the end value negative.
    """
    if first <= 0:
        raise ValueError("base")
    ratio = last / first
    if ratio < 0:
        raise ValueError("negative")
    if ratio == 0:
        return -HUNDRED
    if years == 1:
        root = ratio
    elif years == 2:
        root = ratio.sqrt()
    else:
        root = ratio ** (ONE / Decimal(years))
    return percent(root - ONE)


def yearly_growth(prev: Decimal, cur: Decimal) -> Decimal:
    """One year's growth in percent, unrounded; ValueError when prev <= 0."""
    if prev <= 0:
        raise ValueError("base")
    return percent(cur / prev - ONE)


def drop(base: Decimal, target: Decimal) -> Decimal:
    """Relative fall in percent, unrounded: (base - target) / base."""
    if base <= 0:
        raise ValueError("base")
    return percent((base - target) / base)


def fmt(value: Decimal | None) -> str | None:
    """A decimal as report text: plain digits, scientific only for absurd lengths."""
    if value is None:
        return None
    text = str(value)
    if "E" not in text and len(text) < _DISPLAY_DIGITS:  # the common case: already plain
        return text
    if not value.is_finite():
        return str(value)
    if value.is_zero():
        return format(value, "f") if value.as_tuple().exponent < 0 else "0"
    if -_DISPLAY_DIGITS < value.adjusted() < _DISPLAY_DIGITS and value.as_tuple().exponent > -_DISPLAY_DIGITS:
        return format(value, "f")
    return format(value, ".6E")


def fmt2(value: Decimal | None, q: Decimal) -> str | None:
    """Rounded to the quantum, then as text ("12.50")."""
    return None if value is None else fmt(round_to(value, q))

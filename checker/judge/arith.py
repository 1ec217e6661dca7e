"""Exact decimal arithmetic for the checks (never binary floats).

Every computed figure is rounded half-up to the form's number of decimals (填报说明 2:
保留小数点后 2 位) in the unit it is compared in, before it is compared, as the
applicant would report it: 10.004 % is 10.00 % and is not 高于10%.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, getcontext, localcontext

PREC = 50
# Wide exponent range: a pasted 100 000-digit number must compare, not overflow.
# 425 000 000 is decimal's limit on 32-bit builds (Pyodide is wasm32): the same
# range on both sides keeps the browser's reports identical to CPython's.
CONTEXT = Context(prec=PREC, rounding=ROUND_HALF_UP, Emax=425_000_000, Emin=-425_000_000)
HUNDRED = Decimal(100)
ONE = Decimal(1)
# Far beyond any figure the parser lets in (40 digits) or the checks compute from such
# figures: a figure this long is compared as it is and shown cut short.
MAX_SHOWN_DIGITS = 1000
_SHOWN_HEAD = 20  # digits of such a figure that are shown


def arithmetic():
    """A decimal context for one evaluation (precision 50, half-up)."""
    return localcontext(CONTEXT)


def quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def round_to(value: Decimal, q: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Half-up (or as asked) to the quantum, however many digits the figure has
    (a 45-digit figure keeps its 2 decimals: the context is widened to hold them)."""
    if not value.is_finite():
        raise ArithmeticError("not a finite number")
    digits = value.adjusted() - q.adjusted() + 1
    if digits > MAX_SHOWN_DIGITS:
        return value  # no application has such a figure: compared as it is, shown cut short
    ctx = getcontext()
    if digits < ctx.prec:
        return value.quantize(q, rounding=rounding)
    return value.quantize(q, rounding=rounding,
                          context=Context(prec=digits + 2, Emax=CONTEXT.Emax, Emin=CONTEXT.Emin))


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
    """A decimal as report text: always plain digits (never 1.000000E+40), no negative zero.

    A figure too long to write out (only an Application built by hand can hold one: the
    parser refuses more than 40 digits) is cut short: ``10000…（共 1000001 位整数）``."""
    if value is None:
        return None
    if not value.is_finite():
        return str(value)
    text = str(value.copy_abs() if value.is_zero() else value)  # C-fast even for 100 000 digits
    if "E" not in text:
        if len(text) <= MAX_SHOWN_DIGITS:
            return text
        minus, body = ("-", text[1:]) if text[0] == "-" else ("", text)
        whole, _, fraction = body.partition(".")
    else:
        mantissa, _, exp = text.partition("E")
        minus = "-" if mantissa[0] == "-" else ""
        head, _, tail = mantissa.lstrip("-").partition(".")
        digits, exponent = head + tail, int(exp) - len(tail)
        point = len(digits) + exponent  # digits before the point (<= 0: none)
        if point <= MAX_SHOWN_DIGITS and -exponent <= MAX_SHOWN_DIGITS:
            return format(value.copy_abs() if value.is_zero() else value, "f")
        if point > MAX_SHOWN_DIGITS:
            return f"{minus}{(digits + '0' * _SHOWN_HEAD)[:_SHOWN_HEAD]}…（共 {point} 位整数）"
        whole = digits[:point] if point > 0 else "0"
        fraction = "0" * max(-point, 0) + digits[max(point, 0):]
    if len(whole) > MAX_SHOWN_DIGITS:
        return f"{minus}{whole[:_SHOWN_HEAD]}…（共 {len(whole)} 位整数）"
    if len(fraction) > MAX_SHOWN_DIGITS:
        return f"{minus}{whole}.{fraction[:_SHOWN_HEAD]}…（小数点后共 {len(fraction)} 位）"
    return text


def fmt2(value: Decimal | None, q: Decimal) -> str | None:
    """Rounded to the quantum, then as text ("12.50")."""
    return None if value is None else fmt(round_to(value, q))

"""Ticked and empty boxes as Word, WPS and LibreOffice write them, as one character each.

A box reaches the value readers as ☑ (ticked) or ☐ (empty), whatever wrote it:
- a character (☑ ☒ ✓ √ ■ ☐ □ …) in any font: read as typed (``checker.intake.values``);
- a symbol of a symbol font, either ``w:sym`` (Insert → Symbol) or text in a run whose
  font is Wingdings/Wingdings 2 (what LibreOffice writes back): the table below, code
  points as the font's (the 0xF0xx private-use form and the plain byte both accepted);
- a Word 2010 content control (``w14:checkbox``, state in ``w14:checked``) and a legacy
  form field (``w:ffData/w:checkBox``: ``w:checked``, else ``w:default``): ``TICKED``
  or ``EMPTY`` from their state, whatever glyph they show.
A symbol of a symbol font that is not a box becomes U+FFFD, so it can never be taken for
a letter of a label: an unreadable mix stays unreadable.
"""

from __future__ import annotations

TICKED = "☑"
EMPTY = "☐"
UNKNOWN = "\ufffd"

# (font, code) -> box. Codes are the font's own (0x00-0xFF).
SYMBOL_FONTS: dict[str, dict[int, str]] = {
    "wingdings": {
        0xFE: TICKED,   # ☑ box with a tick
        0xFD: TICKED,   # ☒ box with a cross (a mark in the box: ticked)
        0x78: TICKED,   # ⌧ box with a cross
        0xFC: TICKED,   # ✓ tick
        0x6F: EMPTY,    # □ empty box
        0xA8: EMPTY,    # □ empty box (WPS's 方框)
        0x71: EMPTY,    # ❑ shadowed box
        0x72: EMPTY,    # ❒ shadowed box
    },
    "wingdings 2": {
        0x52: TICKED,   # ☑ box with a tick
        0x53: TICKED,   # ☒ box with a cross
        0x54: TICKED,   # ☒ box with a bold cross
        0x50: TICKED,   # ✓ tick
        0xA3: EMPTY,    # □ empty box
        0x2A: EMPTY,    # □ empty box
        0xA2: EMPTY,    # □ empty box (thin)
    },
    # Symbol: √ is a common tick; the few signs a formula uses are kept.
    "symbol": {0xD6: "√", 0xB4: "×", 0xB8: "÷", 0xB1: "±"},
}
# Fonts whose symbols are Unicode already (Segoe UI Symbol, MS Gothic, 宋体…): read as is.
# Boxes documented on the 自评输入格式 page come from these two tables.


def symbol(font: str | None, code: int) -> str:
    """The character a symbol of ``font`` stands for (U+FFFD for a non-box symbol)."""
    table = SYMBOL_FONTS.get((font or "").strip().lower())
    if table is None:
        if 0xF000 <= code <= 0xF0FF:
            return UNKNOWN  # a private-use symbol of a font we do not know
        return chr(code) if 0 < code < 0x110000 else UNKNOWN
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return table.get(code, UNKNOWN)


def is_symbol_font(font: str | None) -> bool:
    return (font or "").strip().lower() in SYMBOL_FONTS or (font or "").strip().lower() in (
        "wingdings 3", "webdings")


def symbol_text(font: str, text: str) -> str:
    """Text in a run of a symbol font, symbol by symbol."""
    if (font or "").strip().lower() not in SYMBOL_FONTS:
        return "".join(UNKNOWN if c.strip() else c for c in text)
    return "".join(symbol(font, ord(c)) if c.strip() else c for c in text)


def _private_use() -> dict[int, str]:
    """U+F0xx -> box for the codes where exactly one symbol font of the table has a box:
    LibreOffice's HTML and plain text keep a symbol's private-use code but may drop its font."""
    seen: dict[int, set[str]] = {}
    for font in ("wingdings", "wingdings 2"):
        for code, box in SYMBOL_FONTS[font].items():
            seen.setdefault(0xF000 + code, set()).add(box)
    return {code: next(iter(got)) for code, got in seen.items() if len(got) == 1 and got <= {TICKED, EMPTY}}


PRIVATE_USE_BOXES = _private_use()


def checked(value: str | None) -> bool:
    """A WordprocessingML on/off value: absent (None) means on."""
    return value is None or value.strip().lower() not in ("0", "false", "off")

"""Character-level helpers shared by every input format.

Only figures, answers, keys and labels are folded to half width: free text (names,
descriptions) is kept exactly as typed, apart from surrounding blanks and control
characters.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls other than tab and line breaks, the BOM and zero-width marks that Word
# and web pages leave behind, and the bidirectional embeddings and isolates (they can make
# a name read backwards on the page: U+202A-U+202E, U+2066-U+2069).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b-\u200f\u2028\u2029\u2060"
                     "\u202a-\u202e\u2066-\u2069]")
# Code points that are not text and cannot be written out as UTF-8 (a lone surrogate,
# from a JSON escape such as \ud800 or a broken copy), or are the BMP's noncharacters.
# (The 32 astral noncharacters are left out: they are valid UTF-8, and listing them in
# the class makes every scan ten times slower.)
ODD = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
REPLACEMENT = "\ufffd"
# Blanks a value may be padded with: ASCII, no-break and ideographic spaces.
BLANKS = " \t\r\n\u00a0\u3000\u2002\u2003\u2009\u202f"
_WS = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u2009\u202f]+")
QUOTE_LIMIT = 80


def quote(raw: str) -> str:
    """The raw text for a finding: controls shown as '?', at most ~80 characters."""
    shown = CONTROL.sub("?", raw)
    if len(shown) > QUOTE_LIMIT:
        return shown[:QUOTE_LIMIT] + f"…（共 {len(raw)} 字符）"
    return shown


def code_points(chars: list[str], limit: int = 6) -> str:
    """``U+D800、U+FFFF``: the distinct code points, in order of value, at most ``limit``."""
    return "、".join(f"U+{ord(c):04X}" for c in sorted(set(chars))[:limit])


def half_width(s: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms (NFKC)."""
    if s.isascii():
        return s
    # NFKC maps １２．５０％ to 12.50%, （）to (), ：to :, ，to , and the ideographic
    # space to a space; the minus sign and dashes are not covered, so map them here.
    return unicodedata.normalize("NFKC", s).replace("\u2212", "-")


def strip_blanks(s: str) -> str:
    return s.strip(BLANKS)


def compact_blanks(s: str) -> str:
    """Every run of blanks as one space (a pattern then never rescans a long run)."""
    return _WS.sub(" ", s)


def compact(s: str) -> str:
    """Remove every blank (labels are compared without spaces)."""
    return _WS.sub("", s)

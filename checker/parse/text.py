"""Character-level helpers shared by every input format.

Only figures, answers, keys and labels are folded to half width: free text (names,
descriptions) is kept exactly as typed, apart from surrounding blanks and control
characters.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls other than tab and line breaks, plus the BOM and zero-width marks
# that Word and web pages leave behind.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b-\u200f\u2028\u2029\u2060]")
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

"""XML of Office files, parsed incrementally and never with a DTD.

Office parts never carry a document type declaration; one that does is refused before
the parser sees it, so no entity is ever declared, let alone expanded (billion laughs,
external entities). The markers are looked for in every chunk, with a carry-over so a
marker split across two chunks is still seen, in UTF-8 and both UTF-16 byte orders.
Elements come as ``xml.etree.ElementTree`` events: the standard library, in CPython and
in Pyodide alike (no lxml).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator

from checker.intake import limits
from checker.intake.limits import Refused

_MARKERS = tuple(marker.encode(codec) for marker in ("<!DOCTYPE", "<!ENTITY")
                 for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_CARRY = max(len(m) for m in _MARKERS)

Element = ET.Element


def events(chunks: Iterable[bytes], wanted: tuple[str, ...] = ("start", "end")
           ) -> Iterator[tuple[str, ET.Element]]:
    """(event, element) pairs of the XML in ``chunks``; raises ``Refused`` only."""
    parser = ET.XMLPullParser(wanted)
    tail = b""
    try:
        for chunk in chunks:
            window = tail + chunk
            for marker in _MARKERS:
                if marker in window:
                    raise Refused(limits.XML_DTD)
            tail = window[-_CARRY:]
            parser.feed(chunk)
            yield from parser.read_events()
        parser.close()
        yield from parser.read_events()
    except ET.ParseError:
        raise Refused(limits.XML_BROKEN) from None


def parse(data: bytes) -> ET.Element:
    """A small part (relationships, workbook, styles) as one tree."""
    root = None
    for event, elem in events((data,), ("start",)):
        if root is None:
            root = elem
    if root is None:
        raise Refused(limits.XML_BROKEN)
    return root

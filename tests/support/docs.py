"""Reading an application document (the JSON shape) by a leaf's path."""

from __future__ import annotations


def get(doc: object, parts: list[str]) -> object:
    """The value at ``parts`` in nested mappings, or None when a part is absent (a null
    value and an absent key read alike: neither is a figure to write or check)."""
    for part in parts:
        if not isinstance(doc, dict) or part not in doc:
            return None
        doc = doc[part]
    return doc

"""The verbatim prose of the forms that is not field data (``prose.yaml``), its years
filled from a catalogue's round (``checker.law.wording``: ``{basis_year}``, ``{years[0]}``...)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from checker.law.catalogue import Catalogue
from checker.law.pack import load_catalogue
from checker.law.wording import fill_all, year_context


def prose(cat: Catalogue | None = None) -> dict[str, Any]:
    """The prose for ``cat``'s round (the site's by default)."""
    cat = cat or load_catalogue()
    return _filled(cat.years, cat.basis_year, cat.stage_years, cat.target_year, cat.round_year)


@cache
def _filled(*round_years: Any) -> dict[str, Any]:
    text = yaml.safe_load((Path(__file__).parent / "prose.yaml").read_text("utf-8"))
    return fill_all(text, year_context(*round_years), "prose.yaml")

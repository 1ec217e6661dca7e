"""The verbatim prose of the forms that is not field data (``prose.yaml``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def prose() -> dict[str, Any]:
    return yaml.safe_load((Path(__file__).parent / "prose.yaml").read_text("utf-8"))

"""Compile the YAML law data into ``compiled.json`` (stdlib-readable, for Pyodide).

Run ``python -m checker.data.build`` after editing any YAML here; a test fails when
the compiled file is stale. Only this build step needs PyYAML.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent


def compile_data() -> str:
    fields = yaml.safe_load((HERE / "fields.yaml").read_text("utf-8"))
    rules = [
        {"file": p.name, **yaml.safe_load(p.read_text("utf-8"))}
        for p in sorted((HERE / "rules").glob("*.yaml"))
    ]
    return json.dumps({"fields": fields, "rules": rules}, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    out = HERE / "compiled.json"
    text = compile_data()
    if "--check" in sys.argv:
        if out.read_text("utf-8") != text:
            print("checker/data/compiled.json is stale: run python -m checker.data.build", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

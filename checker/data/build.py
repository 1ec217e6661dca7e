"""Write the package's generated data files: ``python -m checker.data.build``.

- ``compiled.json``: the YAML law data compiled for the standard library (Pyodide has no
  PyYAML); re-run after editing any YAML here.
- ``report.schema.json``: the report's published JSON Schema, from ``checker.report``'s models.

``--check`` writes nothing and exits 1 naming the stale files; tests check the same.
Only this build step needs PyYAML.
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
    _validate(fields, rules)
    return json.dumps({"fields": fields, "rules": rules}, ensure_ascii=False, indent=1) + "\n"


def _validate(fields: dict, rules: list[dict]) -> None:
    """Fail the build on a bad catalogue or rule (unknown key, duplicate id, unknown field):
    the run-time loaders trust compiled.json and build it without validating."""
    from checker.catalogue import validate_catalogue
    from checker.rules import build_rules

    build_rules(rules, validate_catalogue(fields))


def report_schema() -> str:
    # Imported late: the checker package reads compiled.json, written just before.
    from checker.report import json_schema

    return json_schema()


OUTPUTS = (("compiled.json", compile_data), ("report.schema.json", report_schema))


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    stale = []
    for name, make in OUTPUTS:
        out = HERE / name
        text = make()
        if out.exists() and out.read_text("utf-8") == text:
            continue
        if check:
            stale.append(f"checker/data/{name}")
        else:
            out.write_text(text, "utf-8")
    if stale:
        print(f"{', '.join(stale)} stale: run python -m checker.data.build", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

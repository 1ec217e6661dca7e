"""Write the package's generated data files: ``python -m checker.data.build``.

- ``compiled.json``: each rule pack of ``packs/`` with the YAML law data filled with its
  years, compiled for the standard library (Pyodide has no PyYAML); re-run after
  editing any YAML here.
- ``report.schema.json``: the report's published JSON Schema, from ``checker.judge.report``'s models.

``--check`` writes nothing and exits 1 naming the stale files; tests check the same.
Only this build step needs PyYAML.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
HASH_CHARS = 12


def _yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text("utf-8"))


def compile_pack(pack_dir: Path, law: Path | None = None) -> dict:
    """One pack as the run-time loaders read it: its ``pack.yaml``, and the catalogue and
    the rules of ``law`` (this folder's ``fields.yaml`` and ``rules/``) filled with its
    years; ``hash`` is a short sha-256 of all three. Fails on a bad pack, catalogue or rule."""
    from checker.law.wording import fill_all, fill_rules, round_context

    law = law or HERE
    info = _yaml(pack_dir / "pack.yaml")
    context = round_context(info)
    years = {**{k: info[k] for k in ("years", "basis_year", "stage_years", "target_year")},
             "round_year": info["notice"]["round_year"], "issued": info["notice"]["date"]}
    fields = {**years, **fill_all(_yaml(law / "fields.yaml"), context, "fields.yaml")}
    files = [{"file": p.name, **_yaml(p)} for p in sorted((law / "rules").glob("*.yaml"))]
    data = {"pack": info, "fields": fields, "rules": fill_rules(files, context)}
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data["hash"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_CHARS]
    _validate(data)
    return data


def compile_data() -> str:
    packs = {d.name: compile_pack(d) for d in sorted((HERE / "packs").iterdir()) if (d / "pack.yaml").is_file()}
    for name, data in packs.items():
        if data["pack"]["id"] != name:
            raise ValueError(f"packs/{name}: its id is {data['pack']['id']!r}")
    site = [name for name, data in packs.items() if data["pack"].get("site")]
    if len(site) != 1:
        raise ValueError(f"packs/: exactly one pack must say site: true (found {site})")
    return json.dumps({"site": site[0], "packs": packs}, ensure_ascii=False, indent=1) + "\n"


def _validate(data: dict) -> None:
    """Fail the build on a bad pack, catalogue or rule (unknown key, duplicate id, unknown
    field): the run-time loaders trust compiled.json and build it without validating."""
    from checker.law.pack import pack_from_data

    pack_from_data(data, validate=True)


def report_schema() -> str:
    # Imported late: the checker package reads compiled.json, written just before.
    from checker.judge.report import json_schema

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

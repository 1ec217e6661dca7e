"""A small JSON Schema checker for the subset pydantic emits (no jsonschema dependency).

Supports $ref into $defs, type (incl. null), enum, const, anyOf, properties, required,
additionalProperties (false or a schema), items. Returns a list of error strings.
"""

from __future__ import annotations

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def errors(instance: object, schema: dict, root: dict | None = None, at: str = "$") -> list[str]:
    root = root or schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return errors(instance, root["$defs"][name], root, at)
    out: list[str] = []
    if "anyOf" in schema:
        if all(errors(instance, s, root, at) for s in schema["anyOf"]):
            out.append(f"{at}: matches no alternative")
        return out
    t = schema.get("type")
    if t is not None:
        if t == "integer":
            ok = isinstance(instance, int) and not isinstance(instance, bool)
        elif t == "number":
            ok = isinstance(instance, (int, float)) and not isinstance(instance, bool)
        else:
            ok = isinstance(instance, TYPES[t])
        if not ok:
            return [f"{at}: expected {t}, got {type(instance).__name__}"]
    if "enum" in schema and instance not in schema["enum"]:
        out.append(f"{at}: {instance!r} not in {schema['enum']}")
    if "const" in schema and instance != schema["const"]:
        out.append(f"{at}: {instance!r} != {schema['const']!r}")
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in instance:
                out.append(f"{at}: missing {key}")
        extra = schema.get("additionalProperties", True)
        for key, value in instance.items():
            if key in props:
                out += errors(value, props[key], root, f"{at}.{key}")
            elif extra is False:
                out.append(f"{at}: unexpected {key}")
            elif isinstance(extra, dict):
                out += errors(value, extra, root, f"{at}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, value in enumerate(instance):
            out += errors(value, schema["items"], root, f"{at}[{i}]")
    return out

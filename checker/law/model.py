"""The one base of the checker's run-time models: a frozen, keyword-only, slotted
stdlib dataclass, described in Chinese field by field.

Why not pydantic's BaseModel: the self-assessment page runs these models in the
browser, where loading pydantic-core's wasm and importing pydantic cost 0.4-0.7 s of
a ~1.4 s start-up. pydantic still validates them wherever data comes from outside
the code (``validate``: compiled.json at build time, the tests), reading the same
type hints, the ``extra="forbid"`` config and the descriptions below; it is
imported only then. The report (the public JSON contract) stays a pydantic model:
``checker.judge.report``.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any, Callable, TypeVar

T = TypeVar("T")
MISSING: Any = dataclasses.MISSING
# Read by pydantic when it validates one of these dataclasses: unknown keys fail.
PYDANTIC_CONFIG = {"extra": "forbid"}


def model(cls: type[T]) -> type[T]:
    """``cls`` as a frozen record: immutable, keyword-only, compared by value."""
    cls.__pydantic_config__ = PYDANTIC_CONFIG  # type: ignore[attr-defined]
    return dataclasses.dataclass(frozen=True, kw_only=True, slots=True)(cls)


def F(default: Any = MISSING, *, description: str | None = None,
      default_factory: Callable[[], Any] = MISSING) -> Any:
    """A described field (pydantic puts the description into JSON Schema)."""
    metadata = {"description": description} if description else {}
    return dataclasses.field(default=default, default_factory=default_factory, metadata=metadata)


def derived(default: Any = None) -> Any:
    """Computed in ``__post_init__``: not an input, not compared, not shown."""
    return dataclasses.field(init=False, repr=False, compare=False, default=default)


def validate(cls: type[T], data: object) -> T:
    """``data`` checked against ``cls`` by pydantic (types, unknown keys, nested models)."""
    from pydantic import TypeAdapter  # only where data is validated: not in the browser

    return _adapter(cls, TypeAdapter).validate_python(data)


@cache
def _adapter(cls: type, adapter: type) -> Any:
    return adapter(cls)


def dump(obj: Any) -> Any:
    """The model as plain data (nested models as dicts, ``derived`` fields left out),
    like pydantic's ``model_dump``: what ``validate`` takes back."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: dump(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.init}
    if isinstance(obj, (tuple, list)):
        return type(obj)(dump(item) for item in obj)
    if isinstance(obj, dict):
        return {key: dump(item) for key, item in obj.items()}
    return obj


@cache
def input_fields(cls: type) -> dict[str, type | None]:
    """Name -> the model its value holds, if any (``tuple[Option, ...]`` -> Option),
    for every field given at construction (not ``derived``)."""
    hints = typing.get_type_hints(cls)
    return {f.name: model_in(hints[f.name]) for f in dataclasses.fields(cls) if f.init}


def model_in(annotation: object) -> type | None:
    """The model a field's type holds (``tuple[Option, ...]`` -> Option), if any."""
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None


def _plain(value: object, cls: type | None) -> object:
    if isinstance(value, dict):
        if cls is not None:
            return construct(cls, value)
        return {key: _plain(item, None) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_plain(item, cls) for item in value)
    return value


def construct(cls: type[T], data: dict) -> T:
    """``cls`` built from data that already passed ``validate``, without validating
    again: JSON lists become tuples, nested dicts become the field's model.

    Only for ``compiled.json``, validated when it is built and by the tests (which
    check that both ways give equal objects): the browser's start-up skips it.
    """
    fields = input_fields(cls)
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown keys {sorted(unknown)}")
    return cls(**{name: _plain(data[name], inner) for name, inner in fields.items() if name in data})

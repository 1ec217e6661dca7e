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
    """``cls`` as a frozen record: immutable, keyword-only, compared by value, slotted.

    What ``dataclasses.dataclass(frozen=True, kw_only=True, slots=True)`` makes, built
    without it: the stdlib writes each class's methods as source text and compiles it
    (``exec``), which was about half of importing the checker in the browser
    (Pyodide compiles slowly, and nothing else at start-up needs the compiler). Here
    the methods are shared functions reading a per-class plan. The class is still a
    dataclass to ``dataclasses.fields``/``is_dataclass``/``replace`` and to pydantic
    (real ``Field`` objects in ``__dataclass_fields__``); tests/law/test_model.py
    compares both ways, method by method.
    """
    names = cls.__annotations__  # the class's own (strings: every module has the __future__ import)
    fields: dict[str, dataclasses.Field] = {}
    for name, annotation in names.items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar", "InitVar", "dataclasses.InitVar")):
            raise TypeError(f"{cls.__name__}.{name}: ClassVar and InitVar are not supported by model()")
        default = cls.__dict__.get(name, MISSING)
        field = default if isinstance(default, dataclasses.Field) else dataclasses.field(default=default)
        if isinstance(field.default, (list, dict, set)):
            raise ValueError(f"{cls.__name__}.{name}: mutable default; use default_factory")
        field.name, field.type, field.kw_only = name, annotation, True
        field._field_type = dataclasses._FIELD  # type: ignore[attr-defined]  # what fields() keeps
        fields[name] = field
    body = {key: value for key, value in cls.__dict__.items()
            if key not in fields and key not in ("__dict__", "__weakref__")}
    body.update(
        __qualname__=cls.__qualname__, __slots__=tuple(fields), __dataclass_fields__=fields, __match_args__=(),
        __pydantic_config__=PYDANTIC_CONFIG, **_METHODS,
        _model_plan=_Plan(fields, post_init=hasattr(cls, "__post_init__")),
    )
    return type(cls)(cls.__name__, cls.__bases__, body)


class _Plan:
    """What the shared methods need to know about one model class."""

    __slots__ = ("given", "required", "defaults", "factories", "compared", "shown", "post_init")

    def __init__(self, fields: dict[str, dataclasses.Field], post_init: bool) -> None:
        self.given = frozenset(name for name, f in fields.items() if f.init)
        self.required = tuple(name for name, f in fields.items()
                              if f.init and f.default is MISSING and f.default_factory is MISSING)
        # Every field not given takes its default (init=False ones too, as dataclasses do).
        self.defaults = tuple((name, f.default) for name, f in fields.items() if f.default is not MISSING)
        self.factories = tuple((name, f.default_factory) for name, f in fields.items()
                               if f.default_factory is not MISSING)
        self.compared = tuple(name for name, f in fields.items() if f.compare)
        self.shown = tuple(name for name, f in fields.items() if f.repr)
        self.post_init = post_init


def _init(self: Any, **given: Any) -> None:
    plan: _Plan = self._model_plan
    if not plan.given.issuperset(given):
        unknown = sorted(set(given) - plan.given)
        raise TypeError(f"{type(self).__qualname__}.__init__() got an unexpected keyword argument {unknown[0]!r}")
    put = object.__setattr__
    try:
        for name in plan.required:
            put(self, name, given[name])
    except KeyError:
        missing = [name for name in plan.required if name not in given]
        raise TypeError(f"{type(self).__qualname__}.__init__() missing {len(missing)} required keyword-only "
                        f"argument{'s' if len(missing) > 1 else ''}: {', '.join(map(repr, missing))}") from None
    for name, default in plan.defaults:
        put(self, name, given.get(name, default))
    for name, factory in plan.factories:
        put(self, name, given[name] if name in given else factory())
    if plan.post_init:
        self.__post_init__()


def _values(self: Any, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(self, name) for name in names)


def _eq(self: Any, other: object) -> Any:
    if self is other:
        return True
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = self._model_plan.compared
    return _values(self, compared) == _values(other, compared)


def _hash(self: Any) -> int:
    return hash(_values(self, self._model_plan.compared))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._model_plan.shown)
    return f"{type(self).__qualname__}({shown})"


def _frozen(self: Any, name: str, *value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _getstate(self: Any) -> list:  # copy and pickle, as dataclasses do for a frozen slotted class
    return [getattr(self, name) for name in self.__slots__]


def _setstate(self: Any, state: list) -> None:
    for name, value in zip(self.__slots__, state):
        object.__setattr__(self, name, value)


def _replace(self: Any, **changes: Any) -> Any:  # copy.replace (Python 3.13+), as dataclasses.replace
    return dataclasses.replace(self, **changes)


_METHODS = {
    "__init__": _init, "__eq__": _eq, "__hash__": _hash, "__repr__": _repr,
    "__setattr__": _frozen, "__delattr__": _frozen,
    "__getstate__": _getstate, "__setstate__": _setstate, "__replace__": _replace,
}


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

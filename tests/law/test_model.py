"""checker.law.model.model builds its classes without dataclasses' code generation
(the browser's import was half that); these tests pin that a model behaves as the
``dataclasses.dataclass(frozen=True, kw_only=True, slots=True)`` class it replaces."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from checker.law import catalogue, pack, rules
from checker.law.model import F, PYDANTIC_CONFIG, derived, dump, model, validate


def _twins():
    """The same class body made both ways: (model class, stdlib dataclass)."""

    def body():
        class Item:
            """An item."""

            key: str = F(description="键")
            count: int = F(0, description="个数")
            tags: tuple[str, ...] = F(default_factory=tuple)
            total: int | None = derived()

            def __post_init__(self) -> None:
                object.__setattr__(self, "total", self.count * 2)
                if self.count < 0:
                    raise ValueError("negative")

            def label(self) -> str:
                return f"{self.key}:{self.count}"

        return Item

    ours = model(body())
    theirs = dataclasses.dataclass(frozen=True, kw_only=True, slots=True)(body())
    return ours, theirs


def test_construction_equality_hash_and_repr_match_the_stdlib_dataclass():
    ours, theirs = _twins()
    for kwargs in ({"key": "a"}, {"key": "b", "count": 3}, {"key": "c", "tags": ("x",), "count": 1}):
        a, b = ours(**kwargs), theirs(**kwargs)
        assert [getattr(a, f.name) for f in dataclasses.fields(a)] == [getattr(b, f.name) for f in dataclasses.fields(b)]
        assert repr(a) == repr(b)
        assert a == ours(**kwargs) and hash(a) == hash(ours(**kwargs))
        assert hash(a) == hash(b)  # the same tuple of compared fields
        assert a.label() == b.label()
    assert ours(key="a") != ours(key="a", count=1)
    assert ours(key="a") != theirs(key="a")  # another class is never equal, as with dataclasses
    assert ours(key="a").__eq__(object()) is NotImplemented


def test_fields_and_errors_match_the_stdlib_dataclass():
    ours, theirs = _twins()
    described = [(f.name, f.init, f.repr, f.compare, f.kw_only, f.default, f.metadata.get("description"))
                  for f in dataclasses.fields(theirs)]
    assert [(f.name, f.init, f.repr, f.compare, f.kw_only, f.default, f.metadata.get("description"))
            for f in dataclasses.fields(ours)] == described
    assert dataclasses.is_dataclass(ours) and ours.__slots__ == theirs.__slots__
    assert ours.__pydantic_config__ == PYDANTIC_CONFIG and ours.__doc__ == "An item."
    for cls in (ours, theirs):
        with pytest.raises(TypeError):
            cls()  # a required field missing
        with pytest.raises(TypeError):
            cls(key="a", nope=1)
        with pytest.raises(TypeError):
            cls(key="a", total=1)  # derived: not an input
        with pytest.raises(TypeError):
            cls("a")  # keyword-only
        with pytest.raises(ValueError):
            cls(key="a", count=-1)  # __post_init__ runs
        item = cls(key="a")
        with pytest.raises(dataclasses.FrozenInstanceError):
            item.key = "b"
        with pytest.raises(dataclasses.FrozenInstanceError):
            del item.key
        with pytest.raises((AttributeError, TypeError)):
            object.__setattr__(item, "other", 1)  # slotted: no other attributes


def test_copy_pickle_replace_dump_and_pydantic():
    ours, _ = _twins()
    item = ours(key="a", count=2, tags=("x",))
    assert copy.copy(item) == item and copy.deepcopy(item) == item
    changed = dataclasses.replace(item, count=5)
    assert (changed.count, changed.total, changed.key) == (5, 10, "a")
    assert dump(item) == {"key": "a", "count": 2, "tags": ("x",)}
    assert validate(ours, {"key": "a", "count": 2, "tags": ["x"]}) == item
    with pytest.raises(Exception, match="unexpected_keyword"):
        validate(ours, {"key": "a", "unknown": 1})


def test_site_models_are_models():
    """The real ones (deepcopy and pickle included, which dataclasses get from their slots)."""
    site = pack.load_pack()
    for obj in (site.catalogue, site.rules[0], site.words):
        assert copy.deepcopy(obj) == obj
        assert pickle.loads(pickle.dumps(obj)) == obj
    assert dataclasses.is_dataclass(catalogue.Field) and dataclasses.is_dataclass(rules.Rule)

"""No import cycle among the modules of ``checker/``.

The graph is read from the source with ``ast`` (nothing is imported): every ``import``
and ``from … import`` anywhere in a module, a function's late import and a
``TYPE_CHECKING`` one included, is an edge to the module it names (``from pkg import
name`` names ``pkg.name`` when that is a module of the tree, else ``pkg``). A late
import hides a cycle from the interpreter, not from a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Dotted name -> file, for every .py under ``root/package``."""
    names = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def import_graph(modules: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the modules of ``modules`` it imports, from each one's source text."""
    graph: dict[str, set[str]] = {}
    for name, source in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names if alias.name in modules)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolved against the importing module's package
                    parts = name.split(".")
                    anchor = parts[: len(parts) - node.level + _is_package(name, modules)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    if sub in modules:
                        edges.add(sub)
                    elif base in modules:
                        edges.add(base)
        edges.discard(name)
        graph[name] = edges
    return graph


def _is_package(name: str, modules: dict[str, str]) -> bool:
    return any(other.startswith(name + ".") for other in modules)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each as
    one cycle through them, sorted so that a failure reads the same every run."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(_path(graph, set(component)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def _path(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """One cycle inside a strongly connected component, from its first module back to it."""
    start = min(component)
    seen = {start: [start]}
    todo = [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(graph[v] & component):
            if w == start:
                return [*seen[v], start]
            if w not in seen:
                seen[w] = [*seen[v], w]
                todo.append(w)
    raise AssertionError(f"not a cycle: {sorted(component)}")


def test_the_detector_finds_a_late_import_cycle():
    sources = {
        "p": "",
        "p.a": "from p.b import x\n",
        "p.b": "def f():\n    from p import c\n",
        "p.c": "import typing\nif typing.TYPE_CHECKING:\n    from p.a import y\n",
        "p.d": "from p.a import x\n",
    }
    assert cycles(import_graph(sources)) == [["p.a", "p.b", "p.c", "p.a"]]
    assert cycles(import_graph({**sources, "p.c": ""})) == []


def test_checker_has_no_import_cycle():
    files = module_names(ROOT, "checker")
    graph = import_graph({name: path.read_text(encoding="utf-8") for name, path in files.items()})
    # The graph is real: the entry point reaches the five parts of the tree.
    assert {"checker.intake.read", "checker.judge.evaluate", "checker.law.pack"} <= graph["checker.api"] | {
        m for v in graph["checker.api"] for m in graph[v]}
    found = cycles(graph)
    assert not found, "import cycles in checker/:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_parts_of_checker_depend_one_way():
    """The graph of the parts (checker.law, checker.intake, …, the entry modules) has no
    cycle either, and the law (catalogue, rules, packs) depends on no other part."""
    files = module_names(ROOT, "checker")
    graph = import_graph({name: path.read_text(encoding="utf-8") for name, path in files.items()})

    def part(module: str) -> str:
        return ".".join(module.split(".")[:2])

    parts: dict[str, set[str]] = {}
    for module, imported in graph.items():
        parts.setdefault(part(module), set()).update(part(m) for m in imported if part(m) != part(module))
    assert {"checker.law", "checker.intake", "checker.judge", "checker.batch", "checker.office"} <= set(parts)
    assert parts["checker.law"] == set()
    assert "checker.law" in parts["checker.intake"]  # the graph of the parts is real
    found = cycles(parts)
    assert not found, "cycles between the parts of checker/:\n" + "\n".join(" -> ".join(c) for c in found)

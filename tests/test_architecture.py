"""The house rules of design.md "Layers": the import-linter contracts hold, and no import cycle.

The contracts live in ``.importlinter`` at the repository root. The cycle check reads the source
with ``ast`` instead of importing it, so it sees every import statement, including those inside
functions (a "lazy" import is still a dependency) and under ``if TYPE_CHECKING:``.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

TOP = "ordertui"


def test_import_linter_contracts_are_kept():
    # `lint-imports` is import-linter's console script; run its entry point with this interpreter
    # so the check uses the environment the tests run in. No cache: it would land in the tree.
    proc = subprocess.run(
        [sys.executable, "-c",
         "import sys; from importlinter.cli import lint_imports_command; "
         "sys.exit(lint_imports_command())", "--no-cache"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", errors="replace",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    assert proc.returncode == 0, f"lint-imports failed:\n{proc.stdout}\n{proc.stderr}"
    assert "0 broken" in proc.stdout, proc.stdout


# --------------------------------------------------------------------------- import cycles


def module_files(top: str = TOP, repo: Path = REPO) -> dict[str, Path]:
    """Dotted module name -> source file, for every module of the package ``top`` in ``repo``."""
    out = {}
    for path in sorted((repo / top).rglob("*.py")):
        parts = path.relative_to(repo).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> dict[str, int]:
    """Modules of ``modules`` that ``name`` imports anywhere in its source -> first line.

    ``from pkg import x`` counts as importing ``pkg.x`` when that is a module, else ``pkg``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            if target in modules and target != name:
                found[target] = min(found.get(target, node.lineno), node.lineno)
    return found


def import_graph(top: str = TOP, repo: Path = REPO) -> dict[str, dict[str, int]]:
    modules = module_files(top, repo)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
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
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def describe(component: list[str], graph: dict[str, dict[str, int]]) -> str:
    members = set(component)
    edges = [f"    {a} -> {b} (line {line})" for a in component
             for b, line in sorted(graph[a].items()) if b in members]
    return "  cycle among " + ", ".join(component) + ":\n" + "\n".join(edges)


def test_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from . import c\n")
    (pkg / "c.py").write_text("import pkg.a\n")
    (pkg / "d.py").write_text("from pkg.a import x\nfrom .c import y\n")
    graph = import_graph("pkg", tmp_path)
    assert graph["pkg.d"] == {"pkg.a": 1, "pkg.c": 2}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


@pytest.mark.parametrize("root", ["ordertui.sap", "ordertui"])
def test_no_import_cycle(root):
    # The graph spans the whole package, so a cycle that leaves `root` and comes back counts.
    graph = import_graph()
    found = [c for c in cycles(graph)
             if any(m == root or m.startswith(root + ".") for m in c)]
    assert not found, "import cycles:\n" + "\n".join(describe(c, graph) for c in found)

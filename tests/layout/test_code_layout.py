"""The project's rules for the shape of src/pointrules (docs/architecture.md, issue 11), checked over
the source text: modules stay small, functions stay short, no module imports another's private
name, and the imports between modules make no circle."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "pointrules"
MAX_MODULE_LINES = 420  # "under ~400 lines", with the margin a rule of thumb needs
MAX_FUNCTION_LINES = 60
# Functions allowed to be longer, each with the reason its module gives.
LONG_FUNCTIONS = {
    # the compiled evaluator's loop over an event's lines: a step moved out costs a call per line
    # (its docstring and docs/performance.md, "The compiled core in steps", say what was measured)
    "evaluate/compiled/core.py:EventEvaluator._lines",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(module: str, tree: ast.Module) -> list[tuple[ast.ImportFrom | ast.Import, str]]:
    """Every import of a pointrules module in ``tree``, function-level ones included, as (node, the
    absolute name it imports from); those under ``if TYPE_CHECKING`` are left out (they never run)."""
    skipped = {id(n) for node in ast.walk(tree) if _type_checking(node) for n in ast.walk(node)}
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[ast.ImportFrom | ast.Import, str]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.extend((node, alias.name) for alias in node.names if alias.name.startswith("pointrules"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            if base.startswith("pointrules"):
                found.append((node, base))
    return found


def _module_of(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def test_no_module_is_over_the_limit():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split by meaning, docs/architecture.md): {long}"


def test_no_function_is_over_the_limit():
    long = {}
    for path in MODULES.values():
        where = path.relative_to(PACKAGE).as_posix()
        stack: list[tuple[ast.AST, str]] = [(_tree(path), "")]
        while stack:
            node, prefix = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = prefix + child.name
                    size = child.end_lineno - child.lineno + 1  # type: ignore[operator]
                    key = f"{where}:{name}"
                    if not isinstance(child, ast.ClassDef) and size > MAX_FUNCTION_LINES and key not in LONG_FUNCTIONS:
                        long[key] = size
                    stack.append((child, name + "."))
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines (a function per step): {long}"


def test_no_module_imports_another_modules_private_name():
    found = []
    for module, path in MODULES.items():
        for node, source in _imports(module, _tree(path)):
            if isinstance(node, ast.ImportFrom) and _module_of(source) != module:
                found.extend(f"{module} imports {alias.name} from {source}" for alias in node.names
                             if alias.name.startswith("_") and not alias.name.startswith("__"))
    assert not found, found


def test_module_level_imports_make_no_circle():
    """The imports a module runs when it is imported (function-level ones aside) form no cycle."""
    edges: dict[str, set[str]] = {module: set() for module in MODULES}
    for module, path in MODULES.items():
        tree = _tree(path)
        top = {id(n) for stmt in tree.body if not _type_checking(stmt) for n in ast.walk(stmt)
               if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        inner = {id(n) for stmt in tree.body for f in ast.walk(stmt) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                 for n in ast.walk(f)}
        for node, source in _imports(module, tree):
            if id(node) not in top or id(node) in inner:
                continue
            names = [source] if isinstance(node, ast.Import) else [f"{source}.{a.name}" for a in node.names]
            for name in names:
                target = name if name in MODULES else _module_of(source)
                if target is not None and target != module:
                    edges[module].add(target)
    cycle = _a_cycle(edges)
    assert cycle is None, " -> ".join(cycle or ())


def _a_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, or None (a depth-first search, without recursion)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start, targets in edges.items():
        if start in state:
            continue
        path = [start]
        todo = [iter(sorted(targets))]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(sorted(edges[nxt])))
    return None

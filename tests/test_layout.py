"""The shape of the code, checked: no import circles, modules and
functions of a readable size, and the layering the README describes."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("newsroom", "articles", "people")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
MAX_PARAMETERS = 6
# Exceptions kept on purpose (see the README's layout section).
LONG_MODULES = {
    # One models.py per app (STYLE.md): small models with their verbose
    # names and help texts.
    "people/models.py",
    "articles/models.py",
}


def python_files(*folders: str) -> list[Path]:
    return sorted(
        path
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    )


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Project modules `path` imports, at any level (function-level imports
    hide circles, they do not remove them)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = python_files(*APPS)
    known = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, known) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_between_modules():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("importer", "forbidden"),
    [
        ("people", ("articles.views", "articles.feeds", "articles.admin")),
        ("articles", ("people.admin", "people.views", "people.feeds")),
        ("newsroom.caching", ("articles", "people")),
        ("people.linking", ("django", "articles", "newsroom", "people.models")),
    ],
)
def test_layers_import_downward_only(importer, forbidden):
    graph = import_graph()
    for path in python_files(*APPS):
        name = module_name(path)
        if name != importer and not name.startswith(importer + "."):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {
            alias.name
            for n in ast.walk(tree)
            if isinstance(n, ast.Import)
            for alias in n.names
        } | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        modules |= graph[name]
        bad = [m for m in modules for f in forbidden if m == f or m.startswith(f + ".")]
        assert not bad, f"{name} imports {bad}"


def sizes():
    for path in python_files(*APPS, "bench", "tests"):
        relative = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        yield relative, len(text.splitlines()), ast.parse(text)


def test_modules_stay_small():
    long = [
        (name, n)
        for name, n, _ in sizes()
        if n > MAX_MODULE_LINES and name not in LONG_MODULES
    ]
    assert long == []


def test_functions_are_short_with_few_parameters():
    found = []
    for name, _, tree in sizes():
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            params += [a for a in (args.vararg, args.kwarg) if a is not None]
            params = [a for a in params if a.arg not in ("self", "cls")]
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES or len(params) > MAX_PARAMETERS:
                found.append((name, node.name, length, len(params)))
    assert found == []

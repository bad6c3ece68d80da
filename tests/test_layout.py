"""The layout shows the data flow: small modules, no import cycles, and each stage imports
only itself and earlier stages (docs/architecture.md)."""
import ast
from pathlib import Path

import pytest

import helpers

SRC = Path(helpers.__file__).parent
# Stages in data-flow order; the top-level modules are the shared foundation (0), and the
# command line (last) may reach every stage.
STAGES = {"sources": 1, "cleaning": 2, "analysis": 3, "reporting": 4}
ENTRY = {"helpers.cli", "helpers.__main__", "helpers.check"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def stage(module: str) -> int:
    if module in ENTRY:
        return len(STAGES) + 1
    parts = module.split(".")
    return STAGES.get(parts[1], 0) if len(parts) > 1 else 0


def imports(path: Path) -> set[str]:
    """Every helpers module the file imports, at top level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in found if m in MODULES and m != "helpers"}


GRAPH = {name: imports(path) - {name} for name, path in MODULES.items()}


def test_the_stage_check_sees_every_stage():
    assert {stage(m) for m in MODULES} == {0, 1, 2, 3, 4, 5}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_small(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by job"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_imports_only_its_own_or_earlier_stages(name):
    later = sorted(m for m in GRAPH[name] if stage(m) > stage(name))
    assert not later, f"{name} (stage {stage(name)}) imports later stages: {later}"


def test_no_import_cycles():
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(nxt):] + [node, nxt]))
            if nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [])


def test_cycle_detection_would_catch_a_cycle(monkeypatch):
    monkeypatch.setitem(GRAPH, "helpers.paths", {"helpers.files"})
    monkeypatch.setitem(GRAPH, "helpers.files", {"helpers.paths"})
    with pytest.raises(AssertionError, match="import cycle"):
        test_no_import_cycles()

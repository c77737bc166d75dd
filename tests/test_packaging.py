"""What a wheel must carry: the licence it claims, and the marker for typed imports."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


def test_the_license_file_matches_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")


def test_the_package_is_marked_typed() -> None:
    assert (REPO / "src" / "netplan" / "py.typed").is_file()


def test_no_import_cycle_between_the_layers() -> None:
    """The model imports nothing of the rules, engine, reports or CLI, and so on down."""
    import ast

    layers = ["model", "rules", "engine", "report", "sources", "cli"]
    allowed = {
        "model": {"model"},
        "rules": {"model", "rules"},
        "engine": {"model", "rules", "engine"},
        # rules: their own documentation; engine: the roll-up of several plans (team)
        "report": {"model", "report", "rules", "engine"},
        "sources": {"model", "sources", "rules", "starter"},
    }
    for layer, may in allowed.items():
        for path in (REPO / "src" / "netplan" / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("netplan."):
                    target = node.module.split(".")[1]  # type: ignore[union-attr]
                    if target in layers:
                        assert target in may, f"{path.relative_to(REPO)} imports {node.module}"

"""The shape the code keeps (handbook/architecture.md): MkDocs reaches the project through its plugin, not
hooks; tests import the package, never through sys.path; the package keeps no state in module globals
but where a forked worker must inherit it."""

import ast
import re
from pathlib import Path

from helpers import ROOT

# Module globals the package rebinds, and why: a forked worker inherits its parent's memory, and the job
# it runs is passed that way (newsbuild/parallel.py).
REBOUND_GLOBALS = {("newsbuild/parallel.py", "_job")}


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_mkdocs_yml_has_no_hooks():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"(?m)^hooks\s*:", config)
    assert re.search(r"(?m)^  - newsbuild\b", config)


def test_tests_reach_the_code_as_a_package_not_through_sys_path():
    found = []
    for path in python_files("tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("insert", "append", "extend")
                and ast.unparse(node.value) == "sys.path"
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_the_package_rebinds_no_module_global_but_the_forked_workers_job():
    rebound = set()
    for path in python_files("newsbuild"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Global):
                rebound |= {(path.relative_to(ROOT).as_posix(), name) for name in node.names}
    assert rebound == REBOUND_GLOBALS

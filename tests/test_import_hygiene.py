"""The core never imports Textual: checked by importing it in a clean interpreter."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "reader" / "core"


def test_core_modules_do_not_import_textual_in_source():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "textual"]
    assert offenders == []


def test_importing_the_core_loads_no_textual():
    code = (
        "import sys, pkgutil, importlib, reader.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'reader.core.'): importlib.import_module(m.name)\n"
        "from reader.core.store import Store; import reader.core.entities\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

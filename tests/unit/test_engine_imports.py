"""The engine and the format never pull in Textual or SQL; the engine imports no YAML either."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import coach.engine

PROBE = (
    "import sys\n"
    "{setup}"
    "import coach.format, coach.engine\n"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlite3'))\n"
    "assert not loaded, loaded\n"
)


def _probe(setup: str = "") -> subprocess.CompletedProcess[str]:
    # a fresh interpreter: this test process may have imported Textual already
    code = PROBE.format(setup=setup)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_importing_format_and_engine_loads_no_textual_and_no_sql() -> None:
    result = _probe()
    assert result.returncode == 0, result.stderr


def test_the_probe_would_notice() -> None:
    result = _probe("import textual.app\n")
    assert result.returncode != 0 and "textual" in result.stderr


def test_no_engine_module_imports_yaml_textual_or_sqlite() -> None:
    bad = []
    for path in sorted(Path(coach.engine.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            bad += [(path.name, n) for n in names
                    if n.split(".")[0] in ("yaml", "textual", "sqlite3", "rich")]
    assert bad == []

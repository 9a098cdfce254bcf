"""The built wheel, installed in a fresh virtual environment, serves a project that has a `pytest_plugin.py`
of its own: the examples of "Use it in your project" (README.md) and "Úsalo en tu proyecto" (README.es.md)
pass there as written.

To stay fast, the fresh environment gets the wheel alone (`--no-deps`) and reaches the dependencies
through a `.pth` line naming this environment's site-packages: a plain path, so this environment's own
(editable) mockbsale is not activated there, and the test checks that mockbsale runs from the wheel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = re.compile(r"```python\n# (test_\w+\.py)\n(.*?)```", re.DOTALL)


SECTIONS = {"README.md": "## Use it in your project", "README.es.md": "## Úsalo en tu proyecto"}


def readme_examples() -> dict[str, str]:
    """The test files of the READMEs' sections on using mockbsale in a project, by name."""
    examples = {}
    for readme, heading in SECTIONS.items():
        section = (ROOT / readme).read_text().split(heading, 1)[1].split("\n## ", 1)[0]
        examples.update(EXAMPLE.findall(section))
    return examples


def run(*command: str | Path, cwd: Path | None = None) -> str:
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300,
                            env=environment)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.long
def test_the_wheel_serves_a_project_with_its_own_pytest_plugin_module(tmp_path: Path) -> None:
    examples = readme_examples()
    assert set(examples) == {"test_shop.py", "test_shop_properties.py", "test_tienda.py", "test_tienda_propiedades.py"}
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", tmp_path / "dist",
        ROOT)
    (wheel,) = (tmp_path / "dist").glob("mockbsale-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    project = tmp_path / "shop"
    project.mkdir()
    (project / "pytest_plugin.py").write_text('"""The shop\'s own test helpers (a common module name)."""\n')
    for name, code in examples.items():
        (project / name).write_text(code)
    (project / "test_installed.py").write_text(
        "import mockbsale, mockbsale_pytest\n\n\n"
        "def test_mockbsale_runs_from_the_wheel():\n"
        f"    assert mockbsale.__file__.startswith({str(site)!r})\n"
        f"    assert mockbsale_pytest.__file__.startswith({str(site)!r})\n"
    )
    output = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", cwd=project)
    assert "6 passed" in output, output

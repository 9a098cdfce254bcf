"""README.es.md: the same quick start as README.md, and every `mockbsale` command it shows is one the
command line accepts (its Python examples run in `tests/test_wheel.py`)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from mockbsale.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
SHELL = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def shell_blocks(readme: str) -> list[str]:
    return SHELL.findall((ROOT / readme).read_text())


def test_the_quick_start_is_the_same_two_commands() -> None:
    assert shell_blocks("README.es.md")[:2] == shell_blocks("README.md")[:2]
    assert "[README.es.md](README.es.md)" in (ROOT / "README.md").read_text().split("\n## ", 1)[0]


def commands() -> list[str]:
    text = (ROOT / "README.es.md").read_text()
    lines = [line.split("  #")[0].strip() for block in shell_blocks("README.es.md") for line in block.splitlines()]
    inline = re.findall(r"`(mockbsale [^`]+)`", text)
    return [line for line in lines + inline if line.startswith("mockbsale ") and "TEMA" not in line]


@pytest.mark.parametrize("command", commands())
def test_every_command_is_accepted(command: str) -> None:
    args = build_parser().parse_args(shlex.split(command)[1:])
    assert args.command in ("serve", "listen", "trigger", "dump", "schema", "import")


def test_the_commands_cover_the_sections() -> None:
    assert {shlex.split(command)[1] for command in commands()} >= {"serve", "listen", "trigger", "dump", "schema",
                                                                   "import"}

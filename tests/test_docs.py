"""The CLI reference documents every command and option that --help shows."""

from __future__ import annotations

from pathlib import Path

import click

from storytrace.cli import main

DOC = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        found.append((full, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, prefix=f"{full} "))
    return found


def test_every_command_and_option_is_documented():
    for name, command in _commands(main):
        assert f"storytrace {name.split()[0]}" in DOC, name
        assert f"`{name.split()[-1]}`" in DOC or f"storytrace {name}" in DOC, name
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                for flag in parameter.opts:
                    if flag.startswith("--") and flag != "--help":
                        assert f"`{flag}" in DOC or f" {flag}" in DOC, f"{name}: {flag} is not in docs/cli.md"

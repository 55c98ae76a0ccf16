"""The `exwatch` command line: a thin click layer over the library."""
from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="extradition-watch")
def cli() -> None:
    """Extradition Watch: crawl news, find extradition cases, alert monitors."""


def _register_command_modules() -> None:
    # Each module adds its commands to `cli`; imported here so `exwatch --help` lists them all.
    from exwatch import cli_nlp  # noqa: F401


def main() -> None:
    _register_command_modules()
    cli(prog_name="exwatch")

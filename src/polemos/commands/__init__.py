"""The `polemos` command line: one click group, one module per command."""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="polemos")
def main() -> None:
    """polemos: news about armed conflict and diplomacy in, source-attributed events out.

    \b
    Exit codes: 0 all inputs coded; 2 usage error; 3 every input rejected;
    4 some inputs rejected; 70 internal error (a bug: please report it).
    """


def _register() -> None:
    from .code import code
    from .eval import eval_command

    main.add_command(code)
    main.add_command(eval_command)


_register()

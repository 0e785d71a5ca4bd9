"""The `polemos` command line: one click group, one module per command."""

from __future__ import annotations

import os
import sys
import traceback

import click

from .. import __version__
from ..errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ConfigurationError, PolemosError


class _Group(click.Group):
    """Errors become one line on stderr and a documented exit code, never a bare traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a reader that closed the pipe shows here, not at interpreter exit
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(EXIT_OK)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except ConfigurationError as err:
            click.echo(f"polemos: configuration error: {err}", err=True)
            sys.exit(EXIT_INTERNAL)
        except PolemosError as err:
            click.echo(f"polemos: {err}", err=True)
            sys.exit(EXIT_USAGE)
        except Exception as err:  # noqa: BLE001 - the last line of defence of a CLI
            if os.environ.get("POLEMOS_DEBUG"):
                traceback.print_exc()
            click.echo(
                f"polemos: internal error: {type(err).__name__}: {err}. This is a bug; "
                "rerun with POLEMOS_DEBUG=1 for the traceback and report it.",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


def _quiet_stdout() -> None:
    """The reader of our output is gone (`polemos query | head -1`): that is a normal end, exit 0.
    Standard output is pointed at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout has no file descriptor (captured in a test): nothing to flush
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
    from .export import export
    from .ingest import ingest
    from .label import label
    from .query import query
    from .serve import serve

    main.add_command(code)
    main.add_command(eval_command)
    main.add_command(ingest)
    main.add_command(query)
    main.add_command(export)
    main.add_command(label)
    main.add_command(serve)


_register()

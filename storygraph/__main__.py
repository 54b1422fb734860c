"""`python -m storygraph` runs the command line, as the `storygraph` script does."""

import sys


def main() -> None:
    """The `storygraph` command. Ctrl-C while it starts (loading its modules, typer reading
    the commands' signatures: a second or more on a busy machine) ends it quietly, as Ctrl-C
    does once a command runs, not with a traceback."""
    try:
        from storygraph.cli import app

        app(prog_name="storygraph")
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()

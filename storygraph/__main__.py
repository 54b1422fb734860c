"""`python -m storygraph` runs the command line, as the `storygraph` script does."""

import errno
import sys


def main() -> None:
    """The `storygraph` command. Ctrl-C while it starts (loading its modules, typer reading
    the commands' signatures: a second or more on a busy machine) ends it quietly, as Ctrl-C
    does once a command runs, not with a traceback. Output that cannot be written (a full
    disk under `> file`) is one line, whichever command was printing."""
    try:
        from storygraph.cli import app

        app(prog_name="storygraph")
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as error:
        if error.errno == errno.EPIPE:  # the reader went away (`| head`): as before
            raise
        where = error.filename or "cannot write the output"
        sys.stderr.write(f"Error: {where} ({error.strerror or error})\n")
        sys.exit(1)


if __name__ == "__main__":
    main()

"""`python -m storygraph` runs the command line, as the `storygraph` script does."""

import errno
import sys
import traceback
from pathlib import Path

# What a write to a full or failing stream raises. Any other error without a file name is
# not the output's (too many open files, a store's lock): calling it that would send the
# user to look at the wrong thing.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def main() -> None:
    """The `storygraph` command. Ctrl-C while it starts (loading its modules, typer reading
    the commands' signatures: a second or more on a busy machine) ends it quietly, as Ctrl-C
    does once a command runs, not with a traceback. Output that cannot be written (a full
    disk under `> file`) is one line, whichever command was printing; so is any other
    operating-system error, naming the file or else the code that failed."""
    try:
        from storygraph.cli import app

        app(prog_name="storygraph")
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as error:
        if error.errno == errno.EPIPE:  # the reader went away (`| head`): as before
            raise
        sys.stderr.write(f"Error: {_what_failed(error)}\n")
        sys.exit(1)


def _what_failed(error: OSError) -> str:
    """One line: the file, else the output, else where in the code the error was raised."""
    reason = error.strerror or str(error)
    if error.filename:
        return f"{error.filename} ({reason})"
    if error.errno in _OUTPUT_ERRNOS:
        return f"cannot write the output ({reason})"
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return reason
    frame = frames[-1]
    root = Path(__file__).resolve().parent.parent
    path = Path(frame.filename).resolve()
    shown = path.relative_to(root) if path.is_relative_to(root) else path.name
    return f"{reason} (in {frame.name}, {shown}:{frame.lineno})"


if __name__ == "__main__":
    main()

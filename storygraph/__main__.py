"""`python -m storygraph` runs the command line, as the `storygraph` script does."""

from storygraph.cli import app

app(prog_name="storygraph")

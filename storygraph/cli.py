"""The `storygraph` command: each command parses options, calls the library, renders."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from storygraph.errors import InputError, StorygraphError
from storygraph.model import Extraction

app = typer.Typer(
    help="Track a developing news story as a knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy model (default: $STORYGRAPH_MODEL, else en_core_web_sm)."),
]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parser processes.")]


@app.callback()
def main() -> None:
    """Track a developing news story as a knowledge graph.

    Example: storygraph extract seeds/
    """


def fail(message: str) -> None:
    err.print(f"Error: {message}", markup=False)


def _extractions(paths: list[str], model: str | None, jobs: int,
                 problems: list[str]) -> Iterator[Extraction]:
    from storygraph.nlp import load_model
    from storygraph.pipeline import extract_articles
    from storygraph.sources import read_paths

    nlp = load_model(model)
    for item in extract_articles(read_paths(paths), nlp, n_process=jobs):
        if isinstance(item, InputError):
            fail(str(item))
            problems.append(str(item))
        else:
            yield item


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    model: ModelOption = None,
    jobs: JobsOption = 1,
) -> None:
    """Show what articles say, without storing anything.

    Example: storygraph extract seeds/ --format json
    """
    if format not in {"table", "json"}:
        raise typer.BadParameter("--format must be table or json")
    problems: list[str] = []
    try:
        results = _extractions(paths, model, jobs, problems)
        if format == "json":
            _print_json_lines(results, single=len(paths) == 1 and Path(paths[0]).is_file()
                              and Path(paths[0]).suffix.lower() not in {".jsonl", ".ndjson"})
        else:
            from storygraph.render import print_extraction

            for extraction in results:
                print_extraction(out, extraction)
    except StorygraphError as error:
        fail(str(error))
        raise typer.Exit(1) from None
    if problems:
        raise typer.Exit(1)


def _print_json_lines(results: Iterable[Extraction], *, single: bool) -> None:
    for extraction in results:
        data: dict[str, Any] = extraction.to_json()
        text = json.dumps(data, ensure_ascii=False, indent=2 if single else None)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


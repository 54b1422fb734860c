"""The `storygraph` command: each command parses options, calls the library, renders.

Annotations here are evaluated when the module is (no `from __future__ import
annotations`): typer reads every command's parameters at start-up, and resolving them
from strings cost ~10 ms of each process; names imported only for type checking are
written as strings.
"""

import json
import math
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from storygraph.errors import InputError, StorygraphError
from storygraph.render import print_rows, printable

if TYPE_CHECKING:
    from spacy.language import Language

    from storygraph.model import Extraction
    from storygraph.store import GraphStore, SelectResult


class _Commands(TyperGroup):
    """The top-level command group; checks every argument before any command sees it."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        # An argument with bytes that are not UTF-8 reaches Python with surrogate
        # escapes, and fails later wherever text is encoded (the store, a message).
        for argument in args:
            try:
                argument.encode("utf-8")
            except UnicodeEncodeError:
                fail(f"argument {ascii(os.fsencode(argument))[1:]} is not valid UTF-8")
                raise typer.Exit(2) from None
        # The same for the settings read from the environment; their values are not shown
        # (one is a password).
        for name in sorted(n for n in os.environ if n.startswith("STORYGRAPH_")):
            try:
                os.environ[name].encode("utf-8")
            except UnicodeEncodeError:
                fail(f"environment variable {name} is not valid UTF-8")
                raise typer.Exit(2) from None
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:
        # The one place a reader that went away (`| head`) is met, whichever command was
        # writing: the output written so far stands, and the command ends quietly with 0.
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # what is left in the buffer meets a closed pipe here
            return result
        except BrokenPipeError:
            # Nothing more goes to the pipe, not even the buffer Python flushes at exit
            # (which would print "Exception ignored ... BrokenPipeError").
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None


class _Output(Console):
    """stdout. Rich ends the process with 1 on a closed pipe; `_Commands.invoke` decides."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


_rich_broken_pipe = Console.on_broken_pipe


def _on_broken_pipe(console: Console) -> None:
    # `--help` is printed by typer's own consoles, before any command runs (`invoke` never
    # sees it), and rich ends the process with 1 when stdout's reader went away
    # (`storygraph --help | head -1`): for stdout that is as quiet and 0 as a command's
    # output. A closed stderr stays rich's: an error must not end with 0.
    if console.file is not sys.stdout:
        _rich_broken_pipe(console)
        return
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(0)


Console.on_broken_pipe = _on_broken_pipe  # type: ignore[method-assign]


app = typer.Typer(
    cls=_Commands,
    help="Track a developing news story as a knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = _Output(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy model (default: $STORYGRAPH_MODEL, else en_core_web_sm)."),
]
# Forked parser processes all start at once, each soon as big as this one (the model): past
# a few per core they only take memory from everything else on the machine.
MAX_JOBS = 4 * (os.cpu_count() or 1)
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, max=MAX_JOBS,
                                         help="Parser processes.")]


def _store_location(location: str | None) -> str | None:
    """--store as given: an empty one (an unset shell variable) would open a store named ""
    somewhere, and fail far from the option."""
    if location is not None and not location:
        fail("--store is empty: give a store path, ':memory:' or a URL")
        raise typer.Exit(2)
    return location


StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", callback=_store_location,
                 help="Store path or ':memory:' (default: $STORYGRAPH_STORE, "
                 "else ~/.local/share/storygraph/store)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
FORMATS = ("table", "json", "csv")
# A table shows this many rows unless --limit says otherwise: a lookup at 10,000 articles
# can answer thousands, which a terminal cannot show and rich takes seconds to lay out.
TABLE_PAGE = 25
LimitOption = Annotated[int | None, typer.Option(
    "--limit", min=0, help=f"Rows to show (default: {TABLE_PAGE} in a table, all in json and "
    "csv; 0: all).")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Rows to skip first.")]
# `entity` shows this many profiles unless --matches says otherwise: a short name can match
# a hundred entities ("Athens": "University of Athens (1)", ...), best match first.
PROFILES = 5


@app.callback()
def main() -> None:
    """Track a developing news story as a knowledge graph.

    Example: storygraph extract seeds/
    """


def fail(message: str) -> None:
    say(f"Error: {message}")


def say(line: str) -> None:
    """One line on stderr: a newline, ESC or other control character that a file name or
    an input brought into it is written escaped (\\n, \\x1b), so that it neither breaks
    the line nor reaches the terminal."""
    err.print(printable(line, one_line=True), markup=False)


@contextmanager
def _errors() -> Iterator[None]:
    """Library errors become one `Error: ...` line and exit code 1."""
    try:
        yield
    except StorygraphError as error:
        fail(str(error))
        raise typer.Exit(1) from None


def _print_page(rows_for: Callable[[int | None, int], list[dict[str, Any]]], fmt: str,
                limit: int | None, offset: int, *, columns: list[str], title: str) -> None:
    """Print one page of a listing; `rows_for(limit, offset)` is the library call.

    One row more than the page is asked for, to say whether there are more.
    """
    size = (TABLE_PAGE if fmt == "table" else None) if limit is None else (limit or None)
    rows = rows_for(None if size is None else size + 1, offset)
    print_rows(out, rows[:size] if size is not None else rows, fmt, columns=columns,
               title=title)
    if size is not None and len(rows) > size:
        err.print(f"rows {offset + 1}-{offset + size}; more with --offset {offset + size} "
                  "(--limit 0 for all)", markup=False)


def _check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    if fmt not in allowed:
        raise typer.BadParameter(f"--format must be one of {', '.join(allowed)}")


@contextmanager
def _store(location: str | None, *, read_only: bool = True) -> Iterator["GraphStore"]:
    from storygraph.store import open_store

    store = open_store(location, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def _extractions(paths: list[str], model: str | None, jobs: int,
                 problems: list[str]) -> "Iterator[Extraction]":
    from storygraph.model import Skipped
    from storygraph.nlp import load_model
    from storygraph.pipeline import extract_articles
    from storygraph.sources import read_paths

    nlp = load_model(model)
    for item in extract_articles(read_paths(paths), nlp, n_process=jobs):
        if isinstance(item, InputError):
            fail(str(item))
            problems.append(str(item))
        elif isinstance(item, Skipped):
            say(f"{item.label}: {item}")
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
            from storygraph.sources import file_kind

            one_article = len(paths) == 1 and Path(paths[0]).is_file() and file_kind(
                Path(paths[0])) in {"text", "html"}
            _print_json_lines(results, single=one_article)
        else:
            from storygraph.render import print_extraction

            for extraction in results:
                print_extraction(out, extraction)
    except StorygraphError as error:
        fail(str(error))
        raise typer.Exit(1) from None
    if problems:
        raise typer.Exit(1)


def _print_json_lines(results: "Iterable[Extraction]", *, single: bool) -> None:
    for extraction in results:
        data: dict[str, Any] = extraction.to_json()
        text = json.dumps(data, ensure_ascii=False, indent=2 if single else None)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()



@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    store: StoreOption = None,
    model: ModelOption = None,
    jobs: JobsOption = 1,
    reextract: Annotated[bool, typer.Option(
        "--reextract", help="Re-extract articles stored by an older extractor version.")] = False,
    prune: Annotated[bool, typer.Option(
        "--prune", help="Afterwards remove every stored article whose key is not among these "
        "inputs, so the store holds exactly them (skipped if an input fails).")] = False,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Parse on a Dask cluster: its scheduler's address "
        "(tcp://HOST:8786), or local:N for N worker processes here.")] = None,
) -> None:
    """Read articles into the story graph; each article is one transaction.

    An article's key is its url, else its file's absolute path, else its text
    (JSON Lines lines and stdin without url). Nothing is removed unless asked:
    see --prune and `storygraph remove`. With --scheduler, Dask workers parse;
    the store is the same as without.

    Example: storygraph ingest seeds/
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from storygraph.errors import StoreWriteError
    from storygraph.ingest import ingest as run_ingest
    from storygraph.nlp import load_model

    counts: Counter[str] = Counter()
    stopped: StoreWriteError | None = None
    interrupted = False
    with _errors(), _store(store, read_only=False) as graph, _cluster(scheduler, model,
                                                                    jobs) as extractor:
        nlp = None if extractor else load_model(model)
        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[key]}"), console=err, transient=True)
        with progress:
            task = progress.add_task("ingest", total=None, key="")
            try:
                for result in run_ingest(paths, graph, nlp, reextract=reextract, prune=prune,
                                         n_process=jobs, extractor=extractor):
                    if result.outcome in ("skipped", "warning"):
                        say(f"{'Warning' if result.outcome == 'warning' else 'Note'}: "
                            f"{result.note}")
                        continue
                    counts[result.outcome] += 1
                    if result.error:
                        fail(result.error)
                    elif result.outcome == "removed":
                        say(result.note or f"removed {result.key}")
                    progress.update(task, advance=1, key=result.key[-50:])
            except StoreWriteError as error:
                stopped = error  # reported after what was done before it
            except KeyboardInterrupt:
                interrupted = True  # each article is one transaction: what was done stays
        summary = ", ".join(f"{counts[k]} {k}" for k in
                            ("added", "replaced", "unchanged", "duplicate", "removed", "error")
                            if counts[k])
        nothing = "nothing stored" if stopped or interrupted else "nothing to ingest"
        say(f"{summary or nothing} · store {graph.location}")
    if stopped is not None:
        fail(f"{stopped} (stopped there)")
        raise typer.Exit(1)
    if interrupted:
        fail("ingest interrupted (Ctrl-C): what is counted above is stored; the same "
             "command again goes on from there")
        raise typer.Exit(130)
    if counts["error"]:
        raise typer.Exit(1)


@contextmanager
def _cluster(scheduler: str | None, model: str | None, jobs: int) -> Iterator[Any]:
    """The Dask extractor --scheduler asks for (dask imported only then), else None."""
    if scheduler is None:
        yield None
        return
    if jobs != 1:
        raise typer.BadParameter("--jobs is for parsing here; with --scheduler the "
                                 "cluster's workers parse")
    from storygraph.cluster import dask_extractor

    with dask_extractor(scheduler, model=model) as extractor:
        yield extractor


@app.command()
def remove(
    keys: Annotated[list[str], typer.Argument(
        help="Keys of stored articles (url, absolute path or text:<id>), or article ids.")],
    store: StoreOption = None,
) -> None:
    """Remove articles, each with its story place and the entities only it named.

    One transaction an article; says what it removed.

    Example: storygraph remove https://example.org/news/1 text:3f2a9c0d1e4b5a67
    """
    from storygraph.ingest import remove_articles

    missing = 0
    with _errors(), _store(store, read_only=False) as graph:
        for removal in remove_articles(graph, keys):
            if removal.error:
                fail(removal.error)
                missing += 1
            else:
                err.print(removal.summary, markup=False)
    if missing:
        raise typer.Exit(1)


@app.command()
def check(
    repair: Annotated[bool, typer.Option(
        "--repair", help="Fix what is found (articles in no story are re-read with the model)."
    )] = False,
    store: StoreOption = None,
    model: ModelOption = None,
) -> None:
    """Find and repair what an older store may hold; exit code 1 if anything is left.

    Articles in no story, stories pointing at missing articles, orphan entity records,
    keys held twice; and writes that failed half way on a server that commits a
    request's operations one by one.

    Example: storygraph check --repair
    """
    from storygraph.check import KINDS, find_problems
    from storygraph.check import repair as repair_store

    def nlp() -> "Language":
        from storygraph.nlp import load_model

        return load_model(model)

    with _errors(), _store(store, read_only=not repair) as graph:
        problems = find_problems(graph)
        for problem in problems:
            out.print(f"found {problem}", markup=False)
        if problems and repair:
            done = repair_store(graph, problems, nlp)
            for kind, count in done.fixed.items():
                out.print(f"repaired {count} {KINDS[kind]}", markup=False)
            for failure in done.failed:
                fail(failure)
            problems = find_problems(graph)
        out.print(f"{'problems left' if problems else 'no problems'} · store {graph.location}",
                  markup=False)
    if problems:
        raise typer.Exit(1)


@app.command()
def entities(store: StoreOption = None, format: FormatOption = "table",
             limit: LimitOption = None, offset: OffsetOption = 0) -> None:
    """List entities with their type, mentions and number of articles.

    Example: storygraph entities --format csv
    """
    from storygraph.query import list_entities

    _check_format(format)
    with _errors(), _store(store) as graph:
        _print_page(lambda n, skip: list_entities(graph, limit=n, offset=skip), format, limit,
                    offset, columns=["name", "type", "mentions", "articles"], title="Entities")


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name or part of one, any case.")],
    why: Annotated[bool, typer.Option(
        "--why", help="Why it is this entity: its names, articles, the resolution decisions "
        "(merges and candidate links with scores and evidence) and manual edits.")] = False,
    store: StoreOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    limit: Annotated[int | None, typer.Option(
        "--limit", min=0, help=f"Items of each list in a profile or --why (articles, claims, "
        f"names, decisions; default: {TABLE_PAGE} in a table, all in json; 0: all).")] = None,
    matches: Annotated[int | None, typer.Option(
        "--matches", min=0, help=f"Profiles of the best matching entities (default: "
        f"{PROFILES} in a table, all in json; 0: all).")] = None,
) -> None:
    """Everything about one entity: type, aliases, roles, what they said and what was said.

    Example: storygraph entity "Ann Ross" --why
    """
    from storygraph.render import print_explanation, print_profile

    _check_format(format, ("table", "json"))
    table = format == "table"
    items = (TABLE_PAGE if table else None) if limit is None else (limit or None)
    shown = (PROFILES if table else None) if matches is None else (matches or None)
    with _errors(), _store(store) as graph:
        if why:  # the decisions are read by canned queries, which need the query engine
            from storygraph.query.resolution import explain_entity

            profiles = explain_entity(graph, name, items=items,
                                      matches=None if shown is None else shown + 1)
        else:
            from storygraph.query import entity_profile

            profiles = entity_profile(graph, name, items=items,
                                      matches=None if shown is None else shown + 1)
        if not profiles:
            fail(f"no entity matches {name!r}")
            raise typer.Exit(1)
        more = shown is not None and len(profiles) > shown
        profiles = profiles[:shown]
        if format == "json":
            print_rows(out, profiles, "json")
        else:
            for profile in profiles:
                (print_explanation if why else print_profile)(out, profile)
        if more:
            err.print(f"more entities match {name!r}: --matches {shown + 10} for more, "
                      "0 for all", markup=False)


@app.command()
def claims(
    speaker: Annotated[str | None, typer.Option(
        "--speaker", help="Only claims whose speaker matches (name or alias, any case).")] = None,
    store: StoreOption = None,
    format: FormatOption = "table",
    limit: LimitOption = None,
    offset: OffsetOption = 0,
) -> None:
    """Who said what: speaker (as resolved, and as the article named them), quote, cue, date.

    Example: storygraph claims --speaker Ross
    """
    from storygraph.query import list_claims

    _check_format(format)
    with _errors(), _store(store) as graph:
        _print_page(lambda n, skip: list_claims(graph, speaker=speaker, limit=n, offset=skip),
                    format, limit, offset, title="Claims", columns=[
                        "speaker_name", "speaker_text", "cue", "text", "date", "article_id"])


@app.command()
def figures(
    story: Annotated[str | None, typer.Option(
        "--story", help="Only this story's figures (its id, or words of its label).")] = None,
    store: StoreOption = None,
    format: FormatOption = "table",
    limit: LimitOption = None,
    offset: OffsetOption = 0,
) -> None:
    """Figures tracked across articles: series, value, source, date, discrepancies, changes.

    Example: storygraph figures --story "factory jobs" --format csv
    """
    from storygraph.query.resolution import list_figures

    _check_format(format)
    with _errors(), _store(store) as graph:
        _print_page(lambda n, skip: list_figures(graph, story=story, limit=n, offset=skip),
                    format, limit, offset, title="Figures", columns=[
                        "series", "value", "text", "source", "published", "superseded_by",
                        "supersedes", "discrepancy"])


@app.command()
def disputes(store: StoreOption = None, format: FormatOption = "table",
             limit: LimitOption = None, offset: OffsetOption = 0) -> None:
    """Who disputes whom: each denial or rejection with the claim it answers.

    Example: storygraph disputes --format json
    """
    from storygraph.query.resolution import list_disputes

    _check_format(format)
    with _errors(), _store(store) as graph:
        _print_page(lambda n, skip: list_disputes(graph, limit=n, offset=skip), format, limit,
                    offset, title="Disputes", columns=[
                        "speaker_name", "text", "date", "disputed_speaker_name",
                        "disputed_text", "disputed_date"])


ByOption = Annotated[str | None, typer.Option(
    "--by", help="Who is making the change (default: $USER).")]


@app.command()
def merge(
    kept: Annotated[str, typer.Argument(help="The entity that stays (name, alias or IRI).")],
    merged: Annotated[str, typer.Argument(help="The entity folded into it.")],
    by: ByOption = None,
    store: StoreOption = None,
) -> None:
    """Merge two entities into one, recording who did it and when (undo with split).

    Example: storygraph merge "Ann Ross" "Anne Ross" --by editor
    """
    from storygraph.edits import merge as do_merge

    with _errors(), _store(store, read_only=False) as graph:
        edit = do_merge(graph, _one_entity(graph, kept), _one_entity(graph, merged), by=by)
    err.print(f"merged {edit.merged} into {edit.kept} ({edit.statements} statements) "
              f"by {edit.by} at {edit.at} · {edit.activity}", markup=False)


@app.command()
def split(
    kept: Annotated[str, typer.Argument(help="The entity to split (name, alias or IRI).")],
    merged: Annotated[str | None, typer.Argument(
        help="Undo its merge with this entity: an IRI, or a name it had before the merge.")
    ] = None,
    article: Annotated[str | None, typer.Option(
        "--article", help="Instead, give what this article (id, url or key) says about the "
        "entity to a new entity of its own.")] = None,
    by: ByOption = None,
    store: StoreOption = None,
) -> None:
    """Undo a merge, or take one article's mentions away from an entity; history is kept.

    Example: storygraph split "Ann Ross" "Anne Ross" --by editor
    """
    from storygraph.edits import EditError, split_article
    from storygraph.edits import split as do_split
    from storygraph.query import article_ref

    with _errors(), _store(store, read_only=False) as graph:
        kept_iri = _one_entity(graph, kept)
        if (merged is None) == (article is None):
            raise EditError("give either the merged entity or --article, not both or neither")
        if article is not None:
            article_iri = article_ref(graph, article)
            if article_iri is None:
                raise EditError(f"no article {article!r} in the store")
            edit = split_article(graph, kept_iri, article_iri, by=by)
        else:
            assert merged is not None
            edit = do_split(graph, kept_iri, _merged_entity(graph, kept_iri, merged), by=by)
    err.print(f"split {edit.merged} from {edit.kept} ({edit.statements} statements) "
              f"by {edit.by} at {edit.at} · {edit.activity}", markup=False)


def _one_entity(graph: "GraphStore", name: str) -> str:
    from storygraph.edits import EditError
    from storygraph.query import find_entities

    if name.startswith(("http://", "https://")):
        return name
    found = find_entities(graph, name)
    typed = unicodedata.normalize("NFC", name).casefold()
    exact = [e for e in found if e["name"].casefold() == typed]
    choices = exact or found
    if len(choices) != 1:
        listed = "; ".join(f"{e['name']} <{e['entity']}>" for e in choices[:5])
        raise EditError(f"{name!r} names {len(choices)} entities; give one IRI"
                        + (f" ({listed})" if listed else ""))
    return str(choices[0]["entity"])


def _merged_entity(graph: "GraphStore", kept: str, name: str) -> str:
    from storygraph.edits import EditError, merged_into

    if name.startswith(("http://", "https://")):
        return name
    typed = unicodedata.normalize("NFC", name).casefold()
    found = [m for m in merged_into(graph, kept) if m["name"].casefold() == typed]
    if len(found) != 1:
        raise EditError(f"{name!r} is not one entity merged into {kept}")
    return str(found[0]["entity"])


# Kept literal so `--help` needs no query imports; a test checks it matches the library's.
QUERY_TIMEOUT = 30.0
# More rows than any store holds; past 2**64 the engine cannot read the LIMIT it is given.
MAX_QUERY_ROWS = 10**12
# A year: past it a clock overflows (1e308 s), and 0 already says "no limit".
MAX_TIMEOUT = 365 * 24 * 3600.0


def _seconds(value: float) -> float:
    """--timeout as a number of seconds: `nan` passes typer's range check and then made
    every query fail (a 500 from the endpoint, a traceback here)."""
    if math.isnan(value):
        raise typer.BadParameter("must be a number of seconds (0: no limit), not nan")
    return value


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(
        help="A .rq file, a canned query name, - for stdin, or the query text.")],
    store: StoreOption = None,
    format: FormatOption = "table",
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0, max=MAX_TIMEOUT, callback=_seconds,
        help="Stop the query after this many seconds (0: no limit).")] = QUERY_TIMEOUT,
    limit: Annotated[int | None, typer.Option(
        "--limit", min=1, max=MAX_QUERY_ROWS,
        help="Stop after this many rows (or triples).")] = None,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Let SERVICE send the query to remote endpoints (off: "
        "storygraph works offline).")] = False,
) -> None:
    """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query (updates are refused).

    Rows are printed as they come; Ctrl-C or --timeout stops the query at once.

    Example: storygraph query queries/who-said-what.rq --limit 20
    """
    from storygraph.render import stream_rows

    _check_format(format)
    try:
        with _errors(), _store(store) as graph, _naming(_query_source(sparql)):
            paged = _canned_page(graph, sparql, limit)
            if paged is not None:  # its first rows, found without running it over the store
                rows, truncated = paged
                stream_rows(out, [rows.rows], format, columns=rows.variables)
            else:
                # The query engine (its checks, its process) only for a query it runs.
                from storygraph.query import QueryLimits, open_query, write_triples

                limits = QueryLimits(timeout=timeout or None, max_rows=limit,
                                     allow_service=allow_service)
                with open_query(graph, _query_text(sparql), limits=limits) as answer:
                    if answer.kind == "select":
                        stream_rows(out, answer.batches(), format, columns=answer.variables)
                    elif answer.kind == "ask":
                        print_rows(out, [{"result": answer.boolean}], format)
                    else:
                        sys.stdout.flush()
                        write_triples(answer.batches(), sys.stdout.buffer,
                                      turtle=format == "table")
                truncated = answer.truncated
    except KeyboardInterrupt:
        fail("query interrupted (Ctrl-C); it was stopped")
        raise typer.Exit(130) from None
    if truncated:
        err.print(f"stopped at --limit {limit}; there may be more", markup=False)


def _canned_page(graph: "GraphStore", argument: str, limit: int | None
                 ) -> "tuple[SelectResult, bool] | None":
    """The first `limit` rows of the canned query `argument` names and whether there may
    be more, for a query that pages (`storygraph.query.paging`); else None."""
    if limit is None or argument == "-" or _is_file(Path(argument)):
        return None
    from storygraph.query import canned_queries
    from storygraph.query.paging import page_canned

    return page_canned(graph, argument, limit) if argument in canned_queries() else None


def _query_source(argument: str) -> str | None:
    """Where a query came from, for its error messages: the file, stdin, or None (the
    argument is the query text or a canned query's name)."""
    return "<stdin>" if argument == "-" else argument if _is_file(Path(argument)) else None


@contextmanager
def _naming(source: str | None) -> Iterator[None]:
    """A query error names the file (or stdin) the query came from."""
    from storygraph.errors import QueryError

    try:
        yield
    except QueryError as error:
        if source is None:
            raise
        raise QueryError(f"{source}: {error}") from None


def _is_file(path: Path) -> bool:
    try:
        return path.suffix in {".rq", ".sparql"} or path.is_file()
    except OSError:  # query text too long to be a file name
        return False


def _query_text(argument: str) -> str:
    from storygraph.query import canned_queries, load_query

    if argument == "-":
        from storygraph.sources import stdin_bytes

        try:  # the bytes, strictly: the text layer may let bad ones through as surrogates
            return stdin_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError("<stdin>", f"not UTF-8 text (invalid byte at position "
                                        f"{error.start})") from None
    path = Path(argument)
    if _is_file(path):
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(argument, f"cannot read query file ({error})") from None
    if argument in canned_queries():
        return load_query(argument)
    return argument


@app.command()
def stats(store: StoreOption = None,
          format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table"
          ) -> None:
    """Counts of articles, entities, mentions, roles, claims, figures, events and quads.

    Example: storygraph stats
    """
    from storygraph.query import stats as store_stats

    _check_format(format, ("table", "json"))
    with _errors(), _store(store) as graph:
        counts = store_stats(graph)
    if format == "json":
        sys.stdout.write(json.dumps(counts) + "\n")
    else:
        print_rows(out, [{"what": k, "count": v} for k, v in counts.items()], "table")


# Kept literal so `--help` needs no export imports; a test checks it matches the library's.
EXPORT_FORMATS = ("graphml", "gexf", "cytoscape", "html", "trig", "nquads", "turtle", "jsonld")
EntityFilter = Annotated[str | None, typer.Option(
    "--entity", help="Only this entity's ego network (name or alias, as `entity` finds it).")]
HopsFilter = Annotated[int, typer.Option("--hops", min=0, help="Ego network radius for --entity.")]
SinceFilter = Annotated[str | None, typer.Option(
    "--since", help="Only articles published on or after this day (YYYY-MM-DD).")]
UntilFilter = Annotated[str | None, typer.Option(
    "--until", help="Only articles published on or before this day (YYYY-MM-DD).")]
StoryFilter = Annotated[str | None, typer.Option(
    "--story", help="Only this story's articles (its id, or words of its label).")]


@app.command()
def export(
    output: Annotated[Path, typer.Argument(help="File to write.")],
    format: Annotated[str, typer.Option(
        "--format", "-f", help="graphml (Gephi, networkx, igraph), gexf (Gephi with time), "
        "cytoscape (JSON), html (offline explorer), trig, nquads, turtle or jsonld.")
    ] = "graphml",
    entity: EntityFilter = None,
    hops: HopsFilter = 1,
    since: SinceFilter = None,
    until: UntilFilter = None,
    story: StoryFilter = None,
    store: StoreOption = None,
) -> None:
    """Write the story graph, or the part the filters select, to a file.

    Example: storygraph export --format html --entity "Jane Doe" --hops 2 story.html
    """
    from storygraph.export import ExportFilter
    from storygraph.export.run import export as export_file

    _check_format(format, EXPORT_FORMATS)
    with _errors(), _store(store) as graph:
        spec = ExportFilter(entity=entity, hops=hops, since=since, until=until, story=story)
        try:
            with _written_whole(output) as target:
                summary = export_file(graph, target, format=format, spec=spec)
        except OSError as error:
            fail(f"{output}: cannot write ({error.strerror or error})")
            raise typer.Exit(1) from None
    err.print(f"wrote {output} ({summary})", markup=False)


@contextmanager
def _written_whole(output: Path) -> Iterator[Path]:
    """A file beside `output` to write, put in its place only once written whole: an export
    that fails half way (a full disk) leaves no half file and keeps the older export.

    What is not a plain file (a directory, /dev/stdout, a FIFO, a symlink) is written as
    it is, and so is a name too long to take the temporary prefix.
    """
    temporary = output.with_name(f".{os.getpid()}.partial.{output.name}")
    try:
        plain = not output.is_symlink() and (output.is_file() or not output.exists())
    except OSError:
        plain = False
    if not plain or len(temporary.name.encode()) > 255:
        yield output
        return
    try:
        yield temporary
        os.replace(temporary, output)
    finally:
        temporary.unlink(missing_ok=True)


chart_app = typer.Typer(
    help="Draw the story as pictures.\n\nExample: storygraph chart figures figures.png",
    no_args_is_help=True)
app.add_typer(chart_app, name="chart")


@chart_app.command("figures")
def chart_figures(
    output: Annotated[Path, typer.Argument(help="Picture to write: .png or .svg.")],
    since: SinceFilter = None,
    until: UntilFilter = None,
    story: StoryFilter = None,
    store: StoreOption = None,
) -> None:
    """Figures over time: one point per stated figure, by article date.

    Example: storygraph chart figures figures.svg
    """
    from storygraph.export import ExportFilter, select
    from storygraph.export.chart import write_figures_chart

    with _errors(), _store(store) as graph:
        selection = select(graph, ExportFilter(since=since, until=until, story=story))
        try:
            points = write_figures_chart(graph, output, selection=selection)
        except OSError as error:
            fail(f"{output}: cannot write ({error.strerror or error})")
            raise typer.Exit(1) from None
    err.print(f"wrote {output} ({points} figures)", markup=False)


@app.command()
def stories(
    articles: Annotated[bool, typer.Option(
        "--articles", help="One row per article, with its story.")] = False,
    store: StoreOption = None,
    format: FormatOption = "table",
    limit: LimitOption = None,
    offset: OffsetOption = 0,
) -> None:
    """List stories: label, time span, number of articles and key entities.

    Example: storygraph stories --articles --format csv
    """
    from storygraph.query.stories import list_stories, list_story_articles

    _check_format(format)
    with _errors(), _store(store) as graph:
        if articles:
            _print_page(lambda n, skip: list_story_articles(graph, limit=n, offset=skip),
                        format, limit, offset, title="Story articles", columns=[
                            "story_label", "article_title", "authors", "published",
                            "article_id"])
        else:
            _print_page(lambda n, skip: list_stories(graph, limit=n, offset=skip), format,
                        limit, offset, title="Stories",
                        columns=["label", "start", "end", "articles", "top_entities"])


@app.command()
def timeline(
    story: Annotated[str | None, typer.Option(
        "--story", help="Only this story (its id or words of its label).")] = None,
    entity: Annotated[str | None, typer.Option(
        "--entity", help="Only items involving this entity (name or alias, any case).")] = None,
    store: StoreOption = None,
    format: FormatOption = "table",
    limit: LimitOption = None,
    offset: OffsetOption = 0,
) -> None:
    """Events, claims and figures in date order, each with its article and date.

    Example: storygraph timeline --story "bakery closure" --entity Carraway
    """
    from storygraph.query.stories import timeline as story_timeline

    _check_format(format)
    with _errors(), _store(store) as graph:
        _print_page(lambda n, skip: story_timeline(graph, story=story, entity=entity, limit=n,
                                                   offset=skip),
                    format, limit, offset, title="Timeline",
                    columns=["date", "kind", "who", "what", "text", "article_id"])


@app.command()
def story(
    ref: Annotated[str, typer.Argument(help="A story id or words of its label.")],
    store: StoreOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """One story: its summary and, article by article, what each added.

    Example: storygraph story "bakery Ferncombe"
    """
    from storygraph.query.stories import story_summary
    from storygraph.render import print_story

    _check_format(format, ("table", "json"))
    with _errors(), _store(store) as graph:
        summary = story_summary(graph, ref)
    if format == "json":
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    else:
        print_story(out, summary)


# Kept literal so `--help` needs no server imports; a test checks they match the library's.
SERVE_HOST = "127.0.0.1"
SERVE_PORT = 7979
SERVE_MAX_ROWS = 100_000


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on (default: loopback only; 0.0.0.0 for every "
        "interface, which lets anyone who reaches this machine read the graph).")
    ] = SERVE_HOST,
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535,
                                      help="Port (0: any free one).")] = SERVE_PORT,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0, max=MAX_TIMEOUT, callback=_seconds,
        help="Stop each query after this many seconds (0: no limit).")] = QUERY_TIMEOUT,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", min=0, help="Cut each answer at this many rows or triples (0: none).")
    ] = SERVE_MAX_ROWS,
    max_queries: Annotated[int | None, typer.Option(
        "--max-queries", min=1, help="Queries run at once; more wait (default: the number "
        "of cores, at least 2).")] = None,
    cors: Annotated[list[str] | None, typer.Option(
        "--cors", help="Let pages from this origin query from a browser (repeat; * for "
        "any), e.g. for YASGUI.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per request.")] = False,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (GET/POST /sparql).

    The canned queries are at /queries/NAME and every quad at /dataset.

    What is served is a snapshot taken at start: ingest can go on writing the store.

    Example: storygraph serve --port 7979 --cors https://yasgui.triply.cc
    """
    from storygraph.serve import ServeOptions
    from storygraph.serve import serve as run_server

    defaults = ServeOptions()
    options = ServeOptions(timeout=timeout or None, max_rows=max_rows or None,
                           max_queries=max_queries or defaults.max_queries,
                           cors=tuple(cors or ()))
    with _errors():
        run_server(store, host=host, port=port, options=options, access_log=not quiet,
                   announce=lambda line: err.print(line, markup=False))

"""The graph commands end to end: ingest, lookups, SPARQL, export, on a real on-disk store."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import igraph
import networkx as nx
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.errors import StoreError
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def store(nlp, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("graph") / "store"
    result = run("ingest", SEEDS, "--store", path)
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr
    return str(path)


@pytest.fixture(scope="module")
def gold(seed_gold) -> dict:
    return seed_gold


def rows(*args: str) -> list[dict]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def quads(store: str) -> int:
    return json.loads(run("stats", "--store", store, "--format", "json").stdout)["quads"]


def test_reingesting_the_seed_changes_nothing(store):
    before = quads(store)
    result = run("ingest", SEEDS, "--store", store)
    assert result.exit_code == 0
    assert "1 unchanged" in result.stderr
    assert quads(store) == before


def test_entities_rows_have_the_contract_keys(store, gold):
    listed = rows("entities", "--store", store)
    assert {"entity", "name", "type", "mentions", "articles"} <= set(listed[0])
    names = {r["name"].casefold() for r in listed}
    for entity in gold["entities"]:
        assert names & {n.casefold() for n in entity["names"]}, entity["id"]


def test_claims_by_speaker_follow_the_gold(store, gold):
    harper = next(e for e in gold["entities"] if e["id"] == "harper")
    surname = harper["canonical"].split()[-1]
    listed = rows("claims", "--speaker", surname, "--store", store)
    assert listed and {r["speaker_name"] for r in listed} == {harper["canonical"]}
    keys = [c["key"] for c in gold["claims"] if c["speaker"] == "harper"]
    for key in keys:
        assert any(key.casefold() in r["text"].casefold() for r in listed), key
    assert {"claim", "speaker", "speaker_name", "cue", "text", "direct", "date", "article_id",
            "article_url"} <= set(listed[0])


def test_csv_joins_lists(store):
    result = run("query", "who-said-what", "--store", store, "--format", "csv")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split(",")
    assert "speaker_name" in header and "about" in header


def test_entity_profile(store, gold):
    haigh = next(e for e in gold["entities"] if e["id"] == "haigh")
    (profile,) = rows("entity", haigh["canonical"], "--store", store)
    assert profile["type"] == "PERSON"
    assert any("shadow" in r for r in profile["roles"])
    said = " ".join(profile["said"]).casefold()
    for claim in gold["claims"]:
        if claim["speaker"] == "haigh":
            assert claim["key"].casefold() in said
    result = run("entity", "Haigh", "--store", store)
    assert result.exit_code == 0 and haigh["canonical"] in result.stdout


def test_entity_pages_profiles_and_their_lists(store):
    """A table shows the best matches' profiles, each list paged with how many more;
    --matches and --limit change how many, json holds everything unless told."""
    everyone = rows("entity", "a", "--store", store)  # json: every match, whole lists
    assert len(everyone) > 5
    table = run("entity", "a", "--store", store)
    assert table.exit_code == 0
    assert table.stdout.count("Mentions:") == 5
    assert table.stderr.strip() == \
        "more entities match 'a': --matches 15 for more, 0 for all"
    assert run("entity", "a", "--matches", "0", "--store", store).stdout.count("Mentions:") \
        == len(everyone)
    talker = max(everyone, key=lambda p: p["said_count"])
    assert talker["said_count"] > 1
    (first,) = rows("entity", talker["name"], "--store", store, "--limit", "1",
                    "--matches", "1")
    assert first["said"] == talker["said"][:1] and first["said_count"] == talker["said_count"]
    shown = run("entity", talker["name"], "--limit", "1", "--matches", "1", "--store", store)
    assert f"… {talker['said_count'] - 1} more (--limit 0 for all)" in shown.stdout


@pytest.mark.parametrize("name", ['Harper"', "Harper' } UNION { ?s ?p ?o", "{", "}", "SELECT",
                                  "DROP ALL", "\\", "Ms Haigh\" . } #", "?speaker"])
def test_hostile_names_find_nothing_and_break_nothing(store, name):
    before = quads(store)
    assert rows("claims", "--speaker", name, "--store", store) == []
    result = run("entity", name, "--store", store)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: no entity matches {name!r}"
    assert quads(store) == before


def test_query_from_file_stdin_inline_and_canned(store):
    path = ROOT / "queries" / "entities-by-articles.rq"
    from_file = rows("query", path, "--store", store)
    assert rows("query", "entities-by-articles", "--store", store) == from_file
    result = run("query", "-", "--store", store, "--format", "json", input=path.read_text())
    assert json.loads(result.stdout) == from_file
    asked = rows("query", "ASK { ?s a schema:Person }", "--store", store)
    assert asked == [{"result": True}]
    result = run("query", "CONSTRUCT { ?s schema:name ?n } WHERE { ?s a schema:Person ; "
                 "schema:name ?n }", "--store", store, "--format", "json")
    assert result.exit_code == 0 and result.stdout.count(" .\n") == 5


@pytest.mark.parametrize(("text", "message"), [
    ("SELEC ?x WHERE {}", "Error: malformed SPARQL at line 1, column 10:"),
    ("SELECT ?x WHERE { ?x ?y }", "Error: malformed SPARQL at line 1, column 26:"),
    ("DROP ALL", "Error: SPARQL updates are not allowed (DROP)"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "Error: SPARQL updates are not allowed (INSERT)"),
])
def test_bad_queries_are_one_line_and_leave_the_store_alone(store, text, message):
    before = quads(store)
    result = run("query", text, "--store", store)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert quads(store) == before


def test_a_bad_query_from_a_file_or_stdin_names_it(store, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE {\n  ?x ?y\n}\n")
    result = run("query", path, "--store", store)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: malformed SPARQL at line 4, column 1:")
    result = run("query", "-", "--store", store, input="DROP ALL")
    assert result.stderr.startswith("Error: <stdin>: SPARQL updates are not allowed (DROP)")
    result = runner.invoke(app, ["query", "-", "--store", store], input=b"SELECT \xff")
    assert result.exit_code == 1
    assert result.stderr == "Error: <stdin>: not UTF-8 text (invalid byte at position 7)\n"


def test_a_bad_file_in_a_batch_loses_nothing(nlp, store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    before = quads(copy)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "bad.txt").write_bytes(b"\x00\x01binary")
    (batch / "good.txt").write_text(
        "Port closes\n\nThe harbour authority closed the port in Dover on Monday, "
        'and its chief executive, Ann Ross, said: "We had no choice."\n')
    result = run("ingest", batch, "--store", copy)
    assert result.exit_code == 1
    assert f"Error: {batch / 'bad.txt'}: binary file" in result.stderr
    assert "1 added, 1 error" in result.stderr
    assert quads(copy) > before
    assert any(r["speaker_name"] == "Ann Ross" for r in rows("claims", "--store", copy))


def test_a_changed_article_replaces_its_graph(nlp, tmp_path):
    path = tmp_path / "story.md"
    store = tmp_path / "store"
    path.write_text("---\nurl: https://example.org/a\n---\nMayor Jo Lin said the bridge "
                    "would reopen in May.\n")
    assert run("ingest", path, "--store", store).exit_code == 0
    path.write_text("---\nurl: https://example.org/a\n---\nMayor Jo Lin said the bridge "
                    "would stay shut until July.\n")
    result = run("ingest", path, "--store", store)
    assert "1 replaced" in result.stderr
    texts = [r["text"] for r in rows("claims", "--store", store)]
    assert texts == ["the bridge would stay shut until July"]
    assert json.loads(run("stats", "--store", store, "--format", "json").stdout)["articles"] == 1


def test_graphml_export_reads_back_in_networkx_and_igraph(store, tmp_path, gold):
    out = tmp_path / "story.graphml"
    result = run("export", out, "--store", store)
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    for entity in gold["entities"]:
        if entity["id"] != "government":
            assert labels & set(entity["names"]), entity["id"]
    types = {d["label"]: d["type"] for _, d in graph.nodes(data=True)}
    assert types["Mark Harper"] == "PERSON"
    loaded = igraph.Graph.Read_GraphML(str(out))
    assert loaded.vcount() == graph.number_of_nodes()
    assert set(loaded.vs["label"]) == labels


def test_rdf_export_keeps_every_quad(store, tmp_path):
    import pyoxigraph as ox

    out = tmp_path / "story.nq"
    assert run("export", out, "--format", "nquads", "--store", store).exit_code == 0
    parsed = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == quads(store)


def test_lookups_on_a_missing_store_say_so(tmp_path):
    result = run("entities", "--store", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"Error: no store at {tmp_path / 'nowhere'}")


def test_every_command_has_help_with_an_example():
    group = get_command(app)
    assert len(group.commands) >= 8
    for name, command in group.commands.items():
        assert command.help and "Example: storygraph" in command.help, name
        # The command list shows the first paragraph with its line breaks: one line.
        assert "\n" not in command.help.split("\n\n")[0].strip(), name


def test_ctrl_c_during_ingest_says_what_was_stored(nlp, tmp_path, monkeypatch):
    import storygraph.ingest

    for name, place in (("a", "Dover"), ("b", "Hull")):
        (tmp_path / f"{name}.txt").write_text(
            f"The harbour authority closed the port in {place} on Monday, and its chief "
            f'executive, Ann Ross, said: "We had no choice."\n')
    real = storygraph.ingest.ingest

    def interrupted_after_the_first(*args, **kwargs):
        for result in real(*args, **kwargs):
            yield result
            raise KeyboardInterrupt

    monkeypatch.setattr(storygraph.ingest, "ingest", interrupted_after_the_first)
    store = tmp_path / "store"
    result = run("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--store", store)
    assert result.exit_code == 130
    assert [line for line in result.stderr.splitlines() if line] == [
        f"1 added · store {store}",
        "Error: ingest interrupted (Ctrl-C): what is counted above is stored; the same "
        "command again goes on from there"]
    monkeypatch.undo()
    assert json.loads(run("stats", "--store", store, "--format", "json").stdout)["articles"] == 1
    again = run("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--store", store)
    assert "1 added, 1 unchanged" in again.stderr


def test_a_store_path_the_system_refuses_is_one_line(tmp_path):
    long_name = tmp_path / ("s" * 300)
    result = run("stats", "--store", long_name)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {long_name}: cannot open a store there (File name too long)\n"
    with pytest.raises(StoreError, match="cannot open a store there"):  # the library too
        open_store(long_name)


def _commands_with_a_store() -> list[tuple[str, list[str]]]:
    """Each command that takes --store, with a word for each argument it requires."""
    return [(name, ["x" for param in command.params if param.required])
            for name, command in get_command(app).commands.items()
            if any("--store" in param.opts for param in command.params)]


@pytest.mark.parametrize(("command", "arguments"), _commands_with_a_store())
def test_an_empty_store_option_is_refused_by_name(command, arguments, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a store named "" would be made
    result = run(command, *arguments, "--store", "")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --store is empty"), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_ingest_summary_is_one_line_whatever_the_store_is_called(nlp, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The harbour authority closed the port in Dover on Monday.\n")
    store = tmp_path / "new\nstore"
    result = run("ingest", article, "--store", store)
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if line] == [
        f"1 added · store {tmp_path}/new\\nstore"]


def test_output_to_a_full_disk_is_one_line():
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "storygraph", "stats", "--store",
                               ":memory:"], stdout=full, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write the output (No space left on device)\n"


def _failing_command(error: OSError):
    def open_the_index() -> None:
        raise error
    return open_the_index


@pytest.mark.parametrize(("error", "line"), [
    (OSError(errno.EMFILE, "Too many open files"),
     "Error: Too many open files (in open_the_index, tests/test_cli_store.py:"),
    (OSError(errno.EACCES, "Permission denied", "/srv/stories/lock"),
     "Error: /srv/stories/lock (Permission denied)\n"),
    (OSError(errno.ENOSPC, "No space left on device"),
     "Error: cannot write the output (No space left on device)\n"),
])
def test_an_error_that_is_not_the_output_s_names_what_failed(monkeypatch, capsys, error, line):
    import storygraph.__main__
    import storygraph.cli

    monkeypatch.setattr(storygraph.cli, "app", lambda **_: _failing_command(error)())
    with pytest.raises(SystemExit) as exit_:
        storygraph.__main__.main()
    assert exit_.value.code == 1
    assert capsys.readouterr().err.startswith(line)


@pytest.mark.parametrize("args", [["claims"], ["stats"], ["query", "who-said-what", "-f", "json"]])
def test_a_reader_that_goes_away_ends_the_command_quietly(store, args):
    """`storygraph claims | head`: as Unix tools do, exit 0 and nothing on stderr."""
    import os
    import subprocess
    import sys

    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "storygraph", *args, "--store", store],
                              stdout=writing, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              timeout=60)
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"]])
def test_a_reader_that_goes_away_ends_help_quietly(args):
    """`storygraph --help | head -1`: help is printed before any command runs, by typer."""
    import os
    import subprocess
    import sys

    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "storygraph", *args], stdout=writing,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=60)
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("command", ["query", "serve"])
@pytest.mark.parametrize("seconds", ["nan", "inf", "1e308"])
def test_a_timeout_that_is_no_number_of_seconds_is_refused(store, command, seconds):
    args = ["query", "ASK {}"] if command == "query" else ["serve", "--port", "0"]
    result = run(*args, "--timeout", seconds, "--store", store)
    assert result.exit_code == 2  # before any query runs or any port is taken
    assert "--timeout" in result.output


def test_a_query_limit_past_any_store_is_refused(store):
    result = run("query", "who-said-what", "--limit", "99999999999999999999", "--store", store)
    assert result.exit_code == 2
    assert "--limit" in result.output and "malformed SPARQL" not in result.output

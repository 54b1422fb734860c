"""Article identity a user can predict (DESIGN.md contract 3, docs/store.md): the url, else
the file's absolute path, else the text; nothing is removed unless asked for.

Each scenario runs the real `storygraph ingest` on an on-disk store, then checks what is
stored and that the store is whole (`storygraph check` finds nothing).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storygraph.check import find_problems
from storygraph.cli import app
from storygraph.ingest import ingest as run_ingest
from storygraph.model import Article
from storygraph.pipeline import extract_articles
from storygraph.sources import article_id
from storygraph.store import open_store

runner = CliRunner()

TOWNS = ["Ashby", "Brenton", "Calder", "Dunmore", "Elstow", "Farley", "Garside", "Holme",
         "Irwell", "Jarrow", "Kelby", "Lowther", "Marsden", "Norland", "Ormsby", "Pelton",
         "Quarry Bank", "Redcar", "Selby", "Thornaby"]
TOPICS = ["library", "bridge", "market", "pool", "school"]


def story_text(n: int, day: str = "Monday") -> str:
    town = TOWNS[n % len(TOWNS)]
    topic = TOPICS[n % len(TOPICS)]
    return (f"{town} council {n} votes on the {topic}\n\nCouncillors in {town} voted on "
            f"{day} to rebuild the {topic}, at a cost of {n + 2} million pounds. "
            f'"It is overdue," said council leader Ann Pike-{n}.')


def ingest(*args: object, input: str | None = None):
    return runner.invoke(app, ["ingest", *map(str, args)], input=input)


def summary(result) -> str:
    assert "Traceback" not in result.output, result.output
    return [line for line in result.stderr.splitlines() if " · store " in line][-1]


def stored(store: Path) -> dict[str, str]:
    """Every stored key -> the article id it holds; and the store is whole."""
    with open_store(store, read_only=True) as s:
        problems = find_problems(s)
        assert problems == [], [str(p) for p in problems]
        keys = {k: s.article_state(k).article_id for k in s.article_keys()}
        in_stories = {str(r["a"]) for r in s.select(
            "SELECT ?a WHERE { GRAPH <https://storygraph.dev/graph/stories> "
            "{ ?s storyline:hasSlot ?a } }")}
    assert len(in_stories) == len(set(keys.values()))  # every article in one story
    return keys


def jsonl(path: Path, numbers: list[int]) -> None:
    path.write_text("".join(json.dumps({"text": story_text(n)}) + "\n" for n in numbers))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_deleting_a_jsonl_line_removes_nothing_until_asked(nlp, tmp_path, store):
    feed = tmp_path / "feed.jsonl"
    jsonl(feed, list(range(20)))
    assert summary(ingest(feed, "--store", store)).startswith("20 added")
    jsonl(feed, [n for n in range(20) if n != 9])
    assert summary(ingest(feed, "--store", store)).startswith("19 unchanged")
    assert len(stored(store)) == 20  # the deleted line's article is still there
    result = ingest(feed, "--store", store, "--prune")
    assert summary(result).startswith("19 unchanged, 1 removed")
    assert (f"removed text:{article_id(story_text(9))}: article {article_id(story_text(9))} "
            f"\u201c{story_text(9).splitlines()[0]}\u201d") in result.stderr.splitlines()
    assert len(stored(store)) == 19


def test_prune_says_an_article_held_under_another_key_stays(nlp, tmp_path, store):
    for name, url in (("a.md", "https://one.example/a"), ("b.md", "https://two.example/b")):
        (tmp_path / name).write_text(f"---\nurl: {url}\n---\n{story_text(3)}\n")
    ingest(tmp_path / "a.md", tmp_path / "b.md", "--store", store)
    result = ingest(tmp_path / "b.md", "--store", store, "--prune")
    assert summary(result).startswith("1 unchanged, 1 removed")
    assert (f"removed key https://one.example/a: article {article_id(story_text(3))} "
            f"\u201c{story_text(3).splitlines()[0]}\u201d stays, stored under "
            "https://two.example/b") in result.stderr.splitlines()
    assert set(stored(store)) == {"https://two.example/b"}


def test_a_line_added_at_the_top_parses_only_that_line(nlp, tmp_path, store):
    feed = tmp_path / "feed.jsonl"
    jsonl(feed, list(range(1, 51)))
    assert summary(ingest(feed, "--store", store)).startswith("50 added")
    jsonl(feed, list(range(51)))
    assert summary(ingest(feed, "--store", store)).startswith("1 added, 50 unchanged")
    assert len(stored(store)) == 51
    # Once more, with a line at the top: the parser is handed that line and no other.
    jsonl(feed, [51, *range(51)])
    parsed: list[str] = []

    def counting(items):
        items = list(items)
        parsed.extend(item.text for item in items if isinstance(item, Article))
        return extract_articles(items, nlp)

    with open_store(store) as opened:
        outcomes = [r.outcome for r in run_ingest([feed], opened, None, extractor=counting)]
    assert sorted(outcomes) == ["added"] + ["unchanged"] * 51
    assert parsed == [story_text(51)]


def test_swapping_two_files_keeps_every_text(nlp, tmp_path, store):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, n in (("a.txt", 1), ("b.txt", 2), ("c.txt", 3)):
        (folder / name).write_text(story_text(n))
    assert summary(ingest(folder, "--store", store)).startswith("3 added")
    (folder / "a.txt").write_text(story_text(2))
    (folder / "b.txt").write_text(story_text(1))
    result = ingest(folder, "--store", store)
    assert result.exit_code == 0, result.output
    keys = stored(store)
    assert keys == {str((folder / "a.txt").resolve()): article_id(story_text(2)),
                    str((folder / "b.txt").resolve()): article_id(story_text(1)),
                    str((folder / "c.txt").resolve()): article_id(story_text(3))}


def test_a_second_days_stdin_batch_adds_to_the_first(nlp, store):
    def batch(numbers: list[int]) -> str:
        return "".join(json.dumps({"text": story_text(n, "Tuesday")}) + "\n" for n in numbers)

    assert summary(ingest("-", "--store", store, input=batch([1, 2, 3, 4, 5]))).startswith(
        "5 added")
    assert summary(ingest("-", "--store", store, input=batch([6, 7, 8, 9, 10]))).startswith(
        "5 added")
    assert len(stored(store)) == 10
    # Piping the first day again changes nothing: its texts are its keys.
    assert summary(ingest("-", "--store", store, input=batch([1, 2, 3, 4, 5]))).startswith(
        "5 unchanged")


def test_another_spelling_of_the_same_path_is_the_same_article(nlp, tmp_path, store,
                                                               monkeypatch):
    (tmp_path / "dir").mkdir()
    path = tmp_path / "dir" / "a.txt"
    path.write_text(story_text(1))
    monkeypatch.chdir(tmp_path)
    assert summary(ingest("dir/a.txt", "--store", store)).startswith("1 added")
    path.write_text(story_text(1, "Friday"))
    assert summary(ingest("./dir/../dir/a.txt", "--store", store)).startswith("1 replaced")
    assert stored(store) == {str(path.resolve()): article_id(story_text(1, "Friday"))}


def test_a_syndicated_copy_is_one_article_under_two_keys(nlp, tmp_path, store):
    for name, url in (("a.md", "https://one.example/a"), ("b.md", "https://two.example/b")):
        (tmp_path / name).write_text(f"---\nurl: {url}\n---\n{story_text(4)}\n")
    result = ingest(tmp_path / "a.md", tmp_path / "b.md", "--store", store)
    assert summary(result).startswith("1 added, 1 duplicate")
    assert set(stored(store)) == {"https://one.example/a", "https://two.example/b"}
    # Removing one key keeps the article for the other; removing that one removes it.
    result = runner.invoke(app, ["remove", "https://one.example/a", "--store", str(store)])
    assert result.exit_code == 0
    assert result.stderr.strip().startswith("removed key https://one.example/a: article ")
    assert result.stderr.strip().endswith("stays, stored under https://two.example/b")
    result = runner.invoke(app, ["remove", "https://two.example/b", "--store", str(store)])
    assert result.stderr.strip() == (f"removed https://two.example/b: article "
                                     f"{article_id(story_text(4))} \u201c"
                                     f"{story_text(4).splitlines()[0]}\u201d")
    assert stored(store) == {}


def test_remove_by_article_id_and_unknown_keys(nlp, tmp_path, store):
    (tmp_path / "a.txt").write_text(story_text(5))
    (tmp_path / "b.txt").write_text(story_text(6))
    ingest(tmp_path, "--store", store)
    result = runner.invoke(app, ["remove", article_id(story_text(5)), "nowhere",
                                 "--store", str(store)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"removed {(tmp_path / 'a.txt').resolve()}: article {article_id(story_text(5))} "
        f"\u201c{story_text(5).splitlines()[0]}\u201d",
        "Error: no article is stored under key or id 'nowhere'"]
    assert list(stored(store)) == [str((tmp_path / "b.txt").resolve())]


def test_prune_is_skipped_when_an_input_fails(nlp, tmp_path, store):
    (tmp_path / "a.txt").write_text(story_text(7))
    (tmp_path / "b.txt").write_text(story_text(8))
    ingest(tmp_path, "--store", store)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01 not text")
    result = ingest(tmp_path, "--store", store, "--prune")
    assert result.exit_code == 1
    assert "Error: --prune skipped: 1 input(s) failed" in result.stderr
    assert len(stored(store)) == 2


def test_an_edited_headline_date_or_byline_rewrites_the_article(nlp, tmp_path, store):
    """The text is the same, so the key holds the same article: its metadata is what the
    input says now, and an input not edited is unchanged (a stored time is canonical)."""
    path = tmp_path / "a.md"

    def write(title: str, published: str, byline: str) -> None:
        path.write_text(f"---\ntitle: {title}\npublished: {published}\nauthor: {byline}\n"
                        f"url: https://one.example/a\n---\n{story_text(6)}\n")

    def metadata() -> tuple[str, str, list[str]]:
        with open_store(store, read_only=True) as s:
            (row,) = s.select("SELECT ?h ?d WHERE { GRAPH ?g { ?g schema:headline ?h ; "
                              "schema:datePublished ?d } }")
            names = sorted(str(r["n"]) for r in s.select(
                "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?g schema:author ?a } "
                "?a schema:name ?n }"))
        return str(row["h"]), str(row["d"]), names

    write("Bridge vote", "2025-04-02T09:30:00+00:00", "Ann Marr")
    assert summary(ingest(path, "--store", store)).startswith("1 added")
    assert summary(ingest(path, "--store", store)).startswith("1 unchanged")
    write("Bridge vote delayed", "2025-04-02T09:30:00+00:00", "Ann Marr")
    assert summary(ingest(path, "--store", store)).startswith("1 replaced")
    assert metadata() == ("Bridge vote delayed", "2025-04-02T09:30:00Z", ["Ann Marr"])
    write("Bridge vote delayed", "2025-04-03", "Ann Marr and Tom Hale")
    assert summary(ingest(path, "--store", store)).startswith("1 replaced")
    assert metadata() == ("Bridge vote delayed", "2025-04-03", ["Ann Marr", "Tom Hale"])
    assert summary(ingest(path, "--store", store)).startswith("1 unchanged")
    assert list(stored(store)) == ["https://one.example/a"]


def test_one_key_given_twice_in_a_run_says_so_and_keeps_the_later(nlp, tmp_path, store):
    """Two inputs of one url (a page saved twice) would be stored in turn on every run:
    a warning names both; the same input twice says nothing."""
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    for path, title in ((first, "Bridge vote"), (second, "Bridge vote delayed")):
        path.write_text(f"---\ntitle: {title}\nurl: https://one.example/a\n---\n"
                        f"{story_text(7)}\n")
    result = ingest(first, second, "--store", store)
    assert summary(result).startswith("1 added, 1 replaced")
    assert (f"Warning: {second}: key https://one.example/a was given before in this run, "
            f"by {first}, with another text or metadata; the later is stored"
            ) in result.stderr.replace("\n", " ")
    with open_store(store, read_only=True) as s:
        assert s.title(article_id(story_text(7))) == "Bridge vote delayed"
    result = ingest(second, second, "--store", store)
    assert "Warning" not in result.stderr and summary(result).startswith("2 unchanged")

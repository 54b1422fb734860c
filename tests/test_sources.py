from __future__ import annotations

import io
import json
import os
import unicodedata

import pytest

from storygraph.errors import InputError
from storygraph.model import Article, Ignored, Skipped
from storygraph.sources import article_id, parse_front_matter, read_paths


def _read(paths):
    items = list(read_paths(paths))
    return [i for i in items if isinstance(i, Article)], [
        str(i) for i in items if isinstance(i, InputError)
    ]


def test_front_matter_values_may_hold_colons(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Court: judge rules on appeal\nurl: https://example.org/x?a=1\n"
        "published: 2025-03-14\nsource: 'Riverside Gazette'\n---\nThe judge ruled.\n"
    )
    (article,), errors = _read([path])
    assert errors == []
    assert article.title == "Court: judge rules on appeal"
    assert article.source == "Riverside Gazette"
    assert article.published == "2025-03-14"
    assert article.key == "https://example.org/x?a=1"  # the url is the key
    assert article.text == "The judge ruled.\n"


def test_toml_front_matter_is_read_as_yaml_front_matter_is(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(
        '+++\ntitle = "Mill owners: no deal yet"\ndate = 2025-06-02T08:30:00Z\n'
        'authors = ["Rhian Pask", "Obi Teller"]\nsource = "Tamar Valley Times"\n'
        'url = "https://example.org/mill"\ndraft = false\ntags = ["mills", "jobs"]\n'
        '[params]\nweight = 3\n+++\nThe mill owners met on Monday.\n')
    (article,), errors = _read([path])
    assert errors == []
    assert article.title == "Mill owners: no deal yet"
    assert article.published == "2025-06-02T08:30:00+00:00"
    assert article.authors == ("Rhian Pask", "Obi Teller")
    assert (article.source, article.key) == ("Tamar Valley Times", "https://example.org/mill")
    assert article.text == "The mill owners met on Monday.\n"  # no TOML line left in it


def test_bad_toml_front_matter_names_its_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text('+++\ntitle = "Fine"\ndate = 2025-13-45\n+++\nBody.\n')
    articles, errors = _read([path])
    assert articles == []
    assert len(errors) == 1 and errors[0].startswith(f"{path}:3: front matter is not valid TOML")


@pytest.mark.parametrize(("name", "front"), [
    ("a.md", '+++\nurl = ["https://example.org/a", "https://example.org/b"]\n+++\n'),
    ("b.md", "+++\ndate = [2025-06-02, 2025-06-03]\ntags = [1, 2]\n+++\n"),
    ("c.md", "---\ntitle: Mill\nsource:\n  - Tamar Times\n  - Valley Post\n---\n"),
])
def test_a_list_under_a_key_that_takes_one_value_is_refused(tmp_path, name, front):
    """Read joined by "; " as authors and tags are, it was a url or a date no input had."""
    path = tmp_path / name
    path.write_text(front + "The mill owners met on Monday.\n")
    key = {"a.md": "url", "b.md": "date", "c.md": "source"}[name]
    assert _read([path]) == ([], [f"{path}: front matter '{key}' is a list; it takes one value"])


@pytest.mark.parametrize("opening", ["--- \n", "---\t\n", "+++  \n"])
def test_a_front_matter_opened_with_spaces_after_the_dashes_is_front_matter(tmp_path, opening):
    """Read as text, its lines were the story's first (and its title the dashes)."""
    path = tmp_path / "post.md"
    value = '"Mill talks"' if opening.startswith("+") else "Mill talks"
    path.write_text(f"{opening}title = {value}\n{opening.strip()}\nThe mill owners met.\n"
                    .replace("title = M", "title: M"))
    (article,), errors = _read([path])
    assert errors == [] and article.title == "Mill talks"
    assert article.text == "The mill owners met.\n"


def test_yaml_values_wrapped_or_in_blocks_are_read_whole(tmp_path):
    path = tmp_path / "wrapped.md"
    path.write_text(
        "---\ntitle: Harbour dues to rise as the port\n  board meets again\n"
        "source: >-\n  The Fenland\n  Courier\nauthor: |\n  Ines Marr\n"
        "summary: >\n  First part\n\n  second part\ntags:\n  - port\n  - dues\n"
        "params:\n  weight: 2\n---\nBody.\n")
    (article,), errors = _read([path])
    assert errors == []
    assert article.title == "Harbour dues to rise as the port board meets again"
    assert article.source == "The Fenland Courier"
    assert article.authors == ("Ines Marr",)
    metadata, _ = parse_front_matter(path.read_text(), str(path))
    assert metadata["summary"] == "First part\nsecond part"
    assert metadata["tags"] == "port; dues" and metadata["params"] == ""
    quoted, _ = parse_front_matter('---\ntitle: "A quoted\n  wrapped title"\n---\nB', "x")
    assert quoted["title"] == "A quoted wrapped title"
    # A literal block keeps what is indented beyond its first line (a poem, a list).
    literal, _ = parse_front_matter(
        "---\nsummary: |\n    Contents\n      1. Dues\n\n    Notes\n---\nB", "x")
    assert literal["summary"] == "Contents\n  1. Dues\n\nNotes"
    # "|2": the indentation is the indicator's, the first line may be indented further.
    literal, _ = parse_front_matter(
        "---\nsummary: |2 # kept\n    1. Dues\n  Notes\n---\nB", "x")
    assert literal["summary"] == "  1. Dues\nNotes"


def test_without_front_matter_the_first_line_is_the_title_and_the_path_the_key(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("Flood warning for valley\n\nRiver levels rose on Monday.")
    (article,), _ = _read([path])
    assert article.title == "Flood warning for valley"
    assert article.key == str(path.resolve())  # every spelling of the path is one key
    assert article.url is None and article.published is None


def test_id_ignores_whitespace_changes_only():
    assert article_id("A  b\n c") == article_id("A b c")
    assert article_id("A b c") != article_id("A b d")


def test_a_key_given_twice_is_an_error_not_a_value_lost(tmp_path):
    jsonl = tmp_path / "dup.jsonl"
    jsonl.write_text(
        '{"text": "Ann Lee said the mill would close.", "text": "Bo Ray said it would not."}\n'
        '{"text": "Cy Moss said the pool would open.", "Title": "a", "published": "2025-01-02",'
        ' "published": "2025-01-03"}\n'
        '{"text": "Di Orr said the ferry would run.", "tags": 1, "tags": 2,'
        ' "meta": {"id": 1, "id": 2}}\n')
    front = tmp_path / "dup.md"
    front.write_text("---\ntitle: Mill to close\nlayout: post\nTitle: Mill closes\n---\n"
                     "Ann Lee said the mill would close.\n")
    toml = tmp_path / "dup.toml.md"
    toml.write_text('+++\nTitle = "Mill to close"\ntitle = "Mill closes"\n+++\nAnn Lee said so.\n')
    articles, errors = _read([jsonl, front, toml])
    # Keys storygraph does not read may repeat, as a site's own do.
    assert [a.text for a in articles] == ["Di Orr said the ferry would run."]
    assert errors == [
        f"{jsonl}:1: key 'text' is given twice in the object; JSON readers keep one value "
        "and lose the other",
        f"{jsonl}:2: key 'published' is given twice in the object; JSON readers keep one "
        "value and lose the other",
        f"{front}:4: front matter gives 'title' twice",
        f"{toml}: front matter gives 'title' twice",
    ]


def test_jsonl_lines_become_articles_and_bad_lines_name_their_number(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "First story.", "title": "One"}) + "\n"
        "{not json\n"
        + json.dumps({"title": "no text"}) + "\n\n"
        + json.dumps({"text": "Second story.", "url": "https://example.org/2"}) + "\n"
    )
    articles, errors = _read([path])
    assert [a.title for a in articles] == ["One", "Second story."]
    assert articles[0].key == f"text:{articles[0].id}"  # known by its text, not its line
    assert articles[0].origin == f"{path}:1"
    assert articles[1].key == "https://example.org/2"
    assert errors == [
        f"{path}:2: invalid JSON at column 2: Expecting property name enclosed in double quotes",
        f"{path}:3: expected a JSON object with a string 'text' field",
    ]


def test_directories_are_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Story b.")
    (tmp_path / "sub" / "a.md").write_text("Story a.")
    (tmp_path / "notes.csv").write_text("ignored")
    articles, errors = _read([tmp_path])
    assert [a.text for a in articles] == ["Story b.", "Story a."]
    assert errors == []


def test_a_folder_says_what_it_skipped_by_kind_with_counts(tmp_path):
    (tmp_path / "a.txt").write_text("Story a.")
    for name in ("x.csv", "y.csv", "photo.PNG", "Makefile", ".hidden.txt", "README.md",
                 "LICENSE", "sub/readme.txt", "README.en.md", "notice-of-closure.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"whatever")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]")
    os.mkfifo(tmp_path / "pipe.txt")  # read, it would wait for a writer for ever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    notes = [str(i) for i in read_paths([tmp_path]) if isinstance(i, Skipped)]
    assert notes == [
        f"{tmp_path}: skipped 4 files of notes on the folder (README, LICENSE ...), not "
        "articles (name one to read it)",
        f"{tmp_path}: skipped 2 hidden files (name or folder starts with '.')",
        f"{tmp_path}: skipped 2 files with .csv: not a format storygraph reads",
        f"{tmp_path}: skipped 2 files that are no regular file (a FIFO, a device, a broken "
        "link)",
        f"{tmp_path}: skipped 1 file with .png: not a format storygraph reads",
        f"{tmp_path}: skipped 1 file with no suffix: not a format storygraph reads",
    ]
    # Named, a README is read as what it is.
    assert [a.text for a in read_paths([tmp_path / "README.md"])] == ["whatever"]


def test_a_folder_reached_by_a_link_is_noted_not_passed_over_in_silence(tmp_path):
    # (not entered, as a link may lead back up the tree; but its articles are not read, so
    # the scan says so)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text("Marta Quell said the ward would close.")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text("Osric Vell said the school would open.")
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "elsewhere")
    items = list(read_paths([tmp_path / "in"]))
    assert [i.text for i in items if isinstance(i, Article)] == [
        "Osric Vell said the school would open."]
    assert [str(i) for i in items if isinstance(i, Skipped)] == [
        f"{tmp_path / 'in'}: skipped 1 folder reached by a link, not entered (name the folder "
        "itself to read it)"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty article (no text)"),
        (b"   \n\n", "empty article (no text)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file (contains NUL bytes), expected UTF-8 text"),
        (b"caf\xe9 au lait", "not UTF-8 text (invalid byte at position 3)"),
        (b"---\ntitle: never closed\nBody text.",
         "front matter opened with '---' on line 1 is never closed"),
        (b"---\ntitle ok\n---\nBody.", "front matter line is not 'key: value': 'title ok'"),
        (b"+++\ntitle = \"never closed\"\nBody text.",
         "front matter opened with '+++' on line 1 is never closed"),
        (b"+++\ntitle = Unquoted words\n+++\nBody.",
         "front matter is not valid TOML: Invalid value (at line 1, column 9)"),
        (b"+++\nx = " + b"[" * 50_000 + b"]" * 50_000 + b"\n+++\nBody.",
         "front matter is not valid TOML: nested too deep"),
        (b"---\npublished: last Tuesday\n---\nBody.",
         "published date 'last Tuesday' is not ISO 8601 (expected YYYY-MM-DD)"),
        (b"---\npublished: 2024-02-30\n---\nBody.",
         "published date '2024-02-30' is not a real date"),
        ("Text saved as UTF-16 with no mark.".encode("utf-16-le"),
         "UTF-16 text without a byte order mark; save it as UTF-8"),
    ],
)
def test_bad_files_give_one_clear_line(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, errors = _read([path])
    assert articles == []
    assert len(errors) == 1
    assert errors[0].endswith(problem)
    assert str(path) in errors[0]


def test_a_batch_goes_on_past_bad_and_missing_files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A good story.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x7fELF\x02\x01\x01\x00")  # a program
    articles, errors = _read([bad, tmp_path / "missing.txt", good])
    assert [a.text for a in articles] == ["A good story."]
    assert errors == [
        f"{bad}: binary file (contains NUL bytes), expected UTF-8 text",
        f"{tmp_path / 'missing.txt'}: no such file or directory",
    ]


def test_paths_the_system_refuses_are_one_line_each_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A good story.")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    long_name = tmp_path / ("x" * 300 + ".txt")
    articles, errors = _read([loop, long_name, good])
    assert [a.text for a in articles] == ["A good story."]
    assert errors == [f"{loop}: too many levels of symbolic links",
                      f"{long_name}: file name too long"]


def test_a_folder_that_cannot_be_listed_is_an_error_not_a_gap(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text("A good story.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("A story nobody may list.")
    listing = os.scandir

    def scandir(path=".", *args):  # as for a user without read permission (tests run as root)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return listing(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, errors = _read([tmp_path])
    assert [a.text for a in articles] == ["A good story."]
    assert errors == [f"{locked}: cannot read folder (permission denied)"]


def test_an_empty_path_is_an_error_not_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "here.txt").write_text("A story in the current folder.")
    monkeypatch.chdir(tmp_path)
    assert _read([""]) == ([], ['"": empty path'])


def test_a_file_name_that_is_not_utf8_is_one_error_and_the_folder_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("A good story.")
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(bad, "wb") as stream:
        stream.write(b"A story under a Latin-1 name.")
    articles, errors = _read([tmp_path])
    assert [a.text for a in articles] == ["A good story."]
    assert errors == [f"{tmp_path}/caf\\xe9.txt: file name is not valid UTF-8; rename the file"]


ESCAPES = "\x1b[2J\x1b]0;owned\x07\x08\x7f\x9b"  # clear the screen, retitle the window, ...


@pytest.mark.parametrize("name, content", [
    ("a.txt", f"Ann Ross said the {ESCAPES}bridge would reopen.\r\n"),
    ("a.jsonl", json.dumps({"text": f"Ann Ross said the {ESCAPES}bridge would reopen.",
                            "title": f"Bridge{ESCAPES}", "authors": [f"Tom{ESCAPES} Lee"]})),
    ("a.rss", "<rss version='2.0'><channel><title>Post</title><item><title>Bridge&#27;</title>"
              "<link>https://post.example/bridge</link><description>Ann Ross said the "
              "&#27;[2J&#7;bridge would reopen.</description></item></channel></rss>"),
    ("a.html", "<html><head><title>Bridge</title></head><body><article><h1>Bridge\x1b[2J "
               "reopens</h1><p>Ann Ross said the \x1b[2J\x07bridge over the Kel would reopen "
               "in May after the long repairs.</p></article></body></html>"),
])
def test_control_characters_are_not_stored(tmp_path, name, content):
    """Printed in a terminal by `claims`, ESC starts a sequence that clears the screen or
    retitles the window; no reader stores one, in the text or in the metadata."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    (article,), errors = _read([path])
    assert errors == []
    for value in (article.text, article.title, *article.authors):
        assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n" for c in value)
    assert "bridge" in article.text


def test_an_input_of_control_characters_only_is_empty(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\x01\x1b\x07\n")))
    assert _read(["-"]) == ([], ["<stdin>: empty article (no text)"])


def test_a_file_of_bad_lines_shows_ten_and_counts_the_rest(tmp_path):
    path = tmp_path / "notes.jsonl"  # plain text under a JSON Lines name
    path.write_text("".join(f"note {n}\n" for n in range(1, 1001))
                    + json.dumps({"text": "The one real line."}) + "\n")
    articles, errors = _read([path])
    assert [a.text for a in articles] == ["The one real line."]
    assert errors[:10] == [f"{path}:{n}: invalid JSON at column 1: Expecting value"
                           for n in range(1, 11)]
    assert errors[10:] == [f"{path}: 990 more errors not shown (the last: {path}:1000: "
                           "invalid JSON at column 1: Expecting value)"]


def test_every_member_of_a_gzip_file_is_read(tmp_path):
    import gzip

    path = tmp_path / "week.jsonl.gz"  # `cat monday.jsonl.gz tuesday.jsonl.gz`, as gzip allows
    path.write_bytes(gzip.compress(json.dumps({"text": "Monday's story."}).encode() + b"\n")
                     + gzip.compress(json.dumps({"text": "Tuesday's story."}).encode() + b"\n"))
    articles, errors = _read([path])
    assert [a.text for a in articles] == ["Monday's story.", "Tuesday's story."]
    assert errors == []
    path.write_bytes(path.read_bytes() + b"junk")
    assert _read([path]) == ([], [f"{path}: not a valid gzip file (Not a gzipped file "
                                  "(b'ju'))"])


def test_a_closed_stdin_is_one_error(monkeypatch):
    monkeypatch.setattr("sys.stdin", None)  # what Python makes of `storygraph ingest - <&-`
    assert _read(["-"]) == ([], ["<stdin>: standard input is closed"])


@pytest.mark.parametrize("name, dumped", [
    ("articles.json", lambda records: json.dumps(records)),
    ("articles.jsonl", lambda records: json.dumps(records[0], indent=2)),
])
def test_a_json_document_is_named_as_such_not_read_as_text_or_lines(tmp_path, name, dumped):
    path = tmp_path / name
    path.write_text(dumped([{"text": "Kari Holm said fares would rise.", "title": "Fares"}]))
    assert _read([path]) == ([], [f"{path}: a JSON document, not JSON Lines: put each "
                                  "article's object on a line of its own (.jsonl)"])


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Piped story.\n")))
    (article,), _ = _read(["-"])
    assert article.key == f"text:{article.id}"
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "x"}\n{"text": "y"}\n'))
    )
    articles, _ = _read(["-"])
    assert [a.key for a in articles] == [f"text:{article_id('x')}", f"text:{article_id('y')}"]
    assert [a.origin for a in articles] == ["<stdin>:1", "<stdin>:2"]


def test_front_matter_parser_keeps_text_exactly():
    meta, text = parse_front_matter("---\na: 1\n---\n\nKeep  this\n", "x")
    assert meta == {"a": "1"} and text == "\nKeep  this\n"



def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path):
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        path = tmp_path / f"{encoding}.txt"
        mark = "\ufeff".encode(encoding)
        path.write_bytes(mark + "Café owners said “no”.\r\nSecond line.".encode(encoding))
        (article,), errors = _read([path])
        assert errors == []
        assert article.text == "Café owners said “no”.\nSecond line."


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "x", "title": {"a": 1}}', "'title' must be a string, not an object"),
        ('{"text": "x", "url": 5}', "'url' must be a string, not a number"),
        ('{"text": "x", "published": true}', "'published' must be a string, not a boolean"),
        ('{"text": "x", "authors": [1]}',
         "'authors' must be a string or a list of strings, not a list"),
        ('{"text": "x", "published": "2024-02-30"}',
         "published date '2024-02-30' is not a real date"),
        ('{"text": "x", "published": "0001-01-01T00:00:00+14:00"}',  # extraction overflowed
         "published date '0001-01-01T00:00:00+14:00' is out of range (in UTC it is before "
         "year 1 or after 9999)"),
        ('{"text": "x", "published": "9999-12-31T23:00:00-14:00"}',
         "published date '9999-12-31T23:00:00-14:00' is out of range (in UTC it is before "
         "year 1 or after 9999)"),
        ('{"text": "x", "title": "unterminated}', "invalid JSON at column 24: Unterminated string"),
        ('{"text": "x", "url": "javascript:alert(1)"}', "url is not an http(s) address"),
        ('{"text": "x", "url": "file:///etc/passwd"}', "url is not an http(s) address"),
        ('{"text": "x", "url": "www.example.org/a"}', "url is not an http(s) address"),
    ],
)
def test_jsonl_metadata_of_the_wrong_type_is_refused_not_coerced(tmp_path, line, problem):
    path = tmp_path / "typed.jsonl"
    path.write_text(line + "\n")
    articles, errors = _read([path])
    assert articles == []
    assert errors == [f"{path}:1: {problem}"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"])
def test_a_front_matter_url_that_is_not_http_is_refused(tmp_path, url):
    """As a saved page's or a feed's: the url is a link the explorer page and others follow."""
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Port closes\nurl: {url}\n---\nThe port closed on Monday.\n")
    (tmp_path / "b.md").write_text("---\nurl: HTTPS://example.org/b\n---\nIt opened again.\n")
    articles, errors = _read([tmp_path])
    assert errors == [f"{path}: url is not an http(s) address"]
    assert [a.url for a in articles] == ["HTTPS://example.org/b"]


@pytest.mark.parametrize(("url", "problem"), [
    ("http://", "url has no host name"),
    ("https:///news/port", "url has no host name"),
    ("https://example.org/port\nclosed", "url holds a line break"),
    ("https://example.org/port\u2028closed", "url holds a line break"),
])
def test_a_url_without_a_host_or_with_a_line_break_is_refused(tmp_path, url, problem):
    """Every `http://` without a host would be one article, each file replacing the last
    in silence; a line break in a key splits every listing of keys. A url written with a
    space around it is read without, one with a space inside as written."""
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "The port closed on Monday.", "url": url}) + "\n"
                    + json.dumps({"text": "It opened again.", "url": " https://example.org/b "})
                    + "\n" + json.dumps({"text": "It closed.", "url": "https://example.org/c d"})
                    + "\n")
    page = tmp_path / "c.md"
    one_line = "\n" not in url and "\u2028" not in url  # as a YAML value on one line
    if one_line:
        page.write_text(f"---\nurl: '{url}'\n---\nThe port closed.\n")
    articles, errors = _read([tmp_path])
    assert errors == [f"{path}:1: {problem}", *([f"{page}: {problem}"] if one_line else [])]
    assert [a.url for a in articles] == ["https://example.org/b", "https://example.org/c d"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
         "JSON nested too deep to read"),
        ('{"text": "x", "extra": ' + "9" * 5_000 + "}", "JSON holds a number too long to read"),
        ('{"text": "Ann said \\ud800 no."}',
         "'text' holds \\ud800, half of a UTF-16 surrogate pair and no character"),
        ('{"text": "x", "title": "A \\udfff"}',
         "'title' holds \\udfff, half of a UTF-16 surrogate pair and no character"),
    ],
)
def test_hostile_json_lines_are_one_error_each_and_the_file_goes_on(tmp_path, line, problem):
    path = tmp_path / "hostile.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": "The next line is read."}) + "\n")
    articles, errors = _read([path])
    assert [a.text for a in articles] == ["The next line is read."]
    assert errors == [f"{path}:1: {problem}"]


def test_authors_from_front_matter_and_json_lines(tmp_path):
    (tmp_path / "a.md").write_text("---\nauthor: By Jane Ross and Tom Lee\n---\nStory.\n")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "Other story.", "authors": ["Ann Vale", "Ann Vale", "Bo Li"]}) + "\n"
        + json.dumps({"text": "Third.", "author": "Kim Ode; Sam Roe"}) + "\n")
    articles, errors = _read([tmp_path])
    assert errors == []
    assert [a.authors for a in articles] == [
        ("Jane Ross", "Tom Lee"), ("Ann Vale", "Bo Li"), ("Kim Ode", "Sam Roe")]


def test_a_byline_of_thousands_of_names_is_refused_quickly(tmp_path):
    path = tmp_path / "spam.jsonl"
    names = [f"Writer{n} Surname" for n in range(50_000)]  # each would be an entity
    path.write_text(json.dumps({"text": "A short story.", "authors": names}) + "\n"
                    + json.dumps({"text": "Another.", "authors": names[:100]}) + "\n")
    articles, errors = _read([path])
    assert errors == [f"{path}:1: the byline names more than 100 authors; "
                      "no news article has so many"]
    assert [len(a.authors) for a in articles] == [100]


def test_decomposed_accents_are_read_composed(tmp_path):
    composed = "Zoë Brontë said the café in Málaga would close."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    (tmp_path / "nfd.txt").write_text(decomposed)
    (tmp_path / "nfc.txt").write_text(composed)
    (nfc, nfd), _ = _read([tmp_path / "nfc.txt", tmp_path / "nfd.txt"])
    assert nfd.text == composed and nfd.id == nfc.id


def test_every_spelling_of_a_path_is_one_key(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Story a.")
    monkeypatch.chdir(tmp_path)
    spellings = ["sub/a.txt", "./sub/a.txt", "sub/../sub/a.txt", str(tmp_path / "sub" / "a.txt")]
    articles, _ = _read(spellings)
    assert {a.key for a in articles} == {str((tmp_path / "sub" / "a.txt").resolve())}


def test_an_unknown_json_key_is_one_warning_per_key_and_the_articles_are_read(tmp_path):
    """"Date" for "published" would leave every article undated without a word: each key
    storygraph does not read is said once, where it first came and on how many lines."""
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in [
        {"text": "The Orlen bridge opened on Monday.", "Date": "2024-03-01", "id": 1},
        {"text": "The Orlen bridge closed on Tuesday.", "Date": "2024-03-02", "id": 2},
        {"text": "The Orlen bridge opened again.", "Title": "Open", "timestamp": "2024-03-03",
         "section": "local"},
        {"content": "Words under another name.", "link": "https://example.org/x"},
    ]))
    items = list(read_paths([path]))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 3 and all(a.published is None for a in articles)
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{path}:4: expected a JSON object with a string 'text' field (its text seems to be "
        "under 'content')"]
    keys_read = "the keys read are author, authors, published, source, text, title, url"
    warnings = [i for i in items if isinstance(i, Skipped)]
    assert all(isinstance(w, Ignored) and w.label == "Warning" for w in warnings)
    assert [str(w) for w in warnings] == [
        f"{path}:1: unknown key 'Date' ignored, and on 1 more line; did you mean 'published'?",
        f"{path}:1: unknown key 'id' ignored, and on 1 more line; {keys_read}",
        f"{path}:3: unknown key 'Title' ignored; did you mean 'title'?",
        f"{path}:3: unknown key 'timestamp' ignored; did you mean 'published'?",
        f"{path}:3: unknown key 'section' ignored; {keys_read}",
    ]
    assert [w.count for w in warnings] == [2, 2, 1, 1, 1]


def test_a_line_of_thousands_of_unknown_keys_warns_of_ten_and_counts_the_rest(tmp_path):
    """A scraper's dump with a key per tag or per comment: ten warnings and one count, not
    a warning a key (100,000 lines on the terminal, and seconds to print them)."""
    path = tmp_path / "dump.jsonl"
    record = {"text": "The Orlen bridge opened on Monday.", **{f"tag{i}": 1 for i in range(5000)}}
    path.write_text(json.dumps(record) + "\n" + json.dumps(record) + "\n")
    warnings = [str(i) for i in read_paths([path]) if isinstance(i, Ignored)]
    assert len(warnings) == 11
    assert warnings[0].startswith(f"{path}:1: unknown key 'tag0' ignored, and on 1 more line")
    assert warnings[-1] == f"{path}:1: 4,990 more unknown keys ignored (the first: 'tag10')"


def test_known_json_keys_give_no_warning(tmp_path):
    path = tmp_path / "clean.jsonl"
    path.write_text(json.dumps({"text": "The Orlen bridge opened.", "title": "T",
                                "published": "2024-03-01", "source": "S", "authors": ["A B"],
                                "author": "C D", "url": "https://example.org/1"}) + "\n")
    assert [type(i) for i in read_paths([path])] == [Article]


@pytest.mark.parametrize("name, content", [
    ("long.jsonl", '{"text": "The mill owners met.", "title": "%s"}\n'),
    ("long.md", "---\nsource: %s\n---\nThe mill owners met.\n"),
    ("long.html", "<html><head><title>%s</title></head><body><article><p>The mill owners "
                  "met on Monday to talk about the future of the works.</p></article></body>"
                  "</html>"),
])
def test_a_title_or_source_past_a_line_is_one_error_naming_the_file(tmp_path, name, content):
    """A body pasted under "title" would ride along in every listing of titles."""
    path = tmp_path / name
    path.write_text(content % ("Mill-talks" * 200), encoding="utf-8")
    articles, errors = _read([path])
    assert articles == []
    field = "source" if name.endswith(".md") else "title"
    assert len(errors) == 1 and str(path) in errors[0]
    assert f"{field} is 2,000 characters, over the 1,000 a {field} may have" in errors[0]

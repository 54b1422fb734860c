"""The resolver's index of what is stored, kept in a private on-disk SQLite file.

Held in Python objects the index cost ~13 KB an article (129 MB at 10,000 articles), so
an ingest run's memory grew with the store. Here it lives in a temporary database that
SQLite deletes when it is closed: its page cache is bounded (`CACHE_KIB`), the rest is
on disk, and every look-up resolution makes is one indexed query. It is a copy of what
the store holds, read once a run and kept current as articles are written, the same
for an embedded store and a remote one.

Entities are indexed by their names' keys in five indexes (`KEY`, `CORE`, `SURNAME`,
`INITIAL`, `SIMILAR`); mentions say which articles name which entities, and `together`
counts, for each pair of entities, the articles that name both (an entity's context,
read by look-up instead of joining its articles' mentions); figures are kept by series
and claims with their content words (`claim_word`), the unanswered denials' words again
apart (`denial_word`), so that finding the denials a claim may answer reads only theirs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

# The name indexes (posting.idx).
KEY, CORE, SURNAME, INITIAL, SIMILAR = range(5)
INDEX_NAMES = {KEY: "by_key", CORE: "by_core", SURNAME: "by_surname", INITIAL: "by_initial",
               SIMILAR: "by_similar"}
# SQLite's page cache for the index: what it holds in memory however large it grows.
CACHE_KIB = 8192

_SCHEMA = """
CREATE TABLE entity (iri TEXT PRIMARY KEY, grp TEXT NOT NULL, name TEXT NOT NULL,
                     named INTEGER NOT NULL, lone INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE name (iri TEXT, name TEXT, PRIMARY KEY (iri, name)) WITHOUT ROWID;
CREATE TABLE posting (idx INTEGER, key TEXT, iri TEXT, PRIMARY KEY (idx, key, iri))
    WITHOUT ROWID;
CREATE TABLE article (iri TEXT PRIMARY KEY, published TEXT) WITHOUT ROWID;
CREATE TABLE mention (article TEXT, iri TEXT, PRIMARY KEY (article, iri)) WITHOUT ROWID;
CREATE INDEX mention_by_entity ON mention (iri, article);
CREATE TABLE series (iri TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE figure (seq INTEGER PRIMARY KEY, series TEXT, iri TEXT, article TEXT,
                     published TEXT, value REAL, invalidated_by TEXT);
CREATE INDEX figure_by_series ON figure (series);
CREATE INDEX figure_by_article ON figure (article);
CREATE INDEX figure_by_mark ON figure (invalidated_by);
CREATE TABLE claim (seq INTEGER PRIMARY KEY, iri TEXT, article TEXT, published TEXT,
                    speaker TEXT, words TEXT, disputing INTEGER, answered INTEGER, text TEXT);
CREATE INDEX claim_by_article ON claim (article);
CREATE INDEX claim_by_iri ON claim (iri);
CREATE INDEX claim_by_speaker ON claim (speaker);
CREATE TABLE claim_word (word TEXT, seq INTEGER, PRIMARY KEY (word, seq)) WITHOUT ROWID;
CREATE TABLE denial_word (word TEXT, seq INTEGER, PRIMARY KEY (word, seq)) WITHOUT ROWID;
CREATE TABLE together (iri TEXT, other TEXT, articles INTEGER NOT NULL,
                       PRIMARY KEY (iri, other)) WITHOUT ROWID;
"""
_IN = "(SELECT value FROM json_each(?))"  # one statement for a list of any length
# Pair counts added to `together`, after a SELECT with a WHERE clause (without one, SQLite
# would read ON CONFLICT as a join's ON).
_ADD_PAIRS = "ON CONFLICT (iri, other) DO UPDATE SET articles = articles + excluded.articles"
_CLAIM_COLUMNS = "iri, article, published, speaker, words, disputing, answered, text, seq"


@dataclass(slots=True)
class Known:
    """One stored entity: its IRI, type group, first name and every name it goes by."""

    iri: str
    group: str
    name: str
    names: frozenset[str]


@dataclass(slots=True)
class Figure:
    iri: str
    article: str
    published: date | None
    value: float | None
    series: str | None
    invalidated_by: str | None  # the article whose mark supersedes it


@dataclass(slots=True)
class Claim:
    iri: str
    article: str
    published: date | None
    speaker: str | None
    words: tuple[str, ...]  # content words, sorted
    disputing: bool = False  # its cue rejects or denies
    answered: bool = False  # it already disputes a claim
    text: str = ""  # casefolded, whitespace-normalised
    seq: int = 0  # its place in the index, the order claims are compared in


def _listed(values: Iterable[str]) -> str:
    return json.dumps(list(values))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


class StoredIndex:
    """The index (see the module docstring); one private database file per instance."""

    def __init__(self) -> None:
        # "" is a temporary on-disk database, removed when the connection closes.
        self.db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode = OFF", "synchronous = OFF",
                       f"cache_size = -{CACHE_KIB}", "temp_store = FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for many changes: SQLite's cost is per transaction."""
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _rows(self, sql: str, *params: Any) -> list[Any]:
        return self.db.execute(sql, params).fetchall()

    def _column(self, sql: str, *params: Any) -> list[Any]:
        return [row[0] for row in self.db.execute(sql, params)]

    # --- entities and their names -------------------------------------------------------

    def add_entity(self, iri: str, group: str, name: str, *, named: bool, lone: bool) -> None:
        """Record a new entity (its first name is added with `add_name`). `named`: its name
        is a name, not a description; `lone`: a person known by a lone surname."""
        self.db.execute("INSERT OR IGNORE INTO entity VALUES (?, ?, ?, ?, ?)",
                        (iri, group, name, int(named), int(lone)))

    def drop_entity(self, iri: str) -> None:
        self.db.execute("DELETE FROM entity WHERE iri = ?", (iri,))

    def has_entity(self, iri: str) -> bool:
        return self.db.execute("SELECT 1 FROM entity WHERE iri = ?", (iri,)).fetchone() \
            is not None

    def group(self, iri: str) -> str | None:
        row = self.db.execute("SELECT grp FROM entity WHERE iri = ?", (iri,)).fetchone()
        return row[0] if row else None

    def heads(self, iris: Collection[str]) -> dict[str, tuple[str, str]]:
        """The type group and first name of those of `iris` that are known."""
        if not iris:
            return {}
        return {iri: (group, name) for iri, group, name in self._rows(
            f"SELECT iri, grp, name FROM entity WHERE iri IN {_IN}", _listed(iris))}

    def entities(self, iris: Collection[str]) -> dict[str, Known]:
        """The records of those of `iris` that are known, with all their names."""
        heads = self.heads(iris)
        if not heads:
            return {}
        names: dict[str, set[str]] = {}
        for iri, name in self._rows(f"SELECT iri, name FROM name WHERE iri IN {_IN}",
                                    _listed(heads)):
            names.setdefault(iri, set()).add(name)
        return {iri: Known(iri, group, name, frozenset(names.get(iri, ())))
                for iri, (group, name) in heads.items()}

    def entity_count(self) -> int:
        return int(self._column("SELECT count(*) FROM entity")[0])

    def add_name(self, iri: str, name: str) -> bool:
        """Record one of the entity's names; False if it had it already."""
        cursor = self.db.execute("INSERT OR IGNORE INTO name VALUES (?, ?)", (iri, name))
        return cursor.rowcount == 1

    def drop_name(self, iri: str, name: str) -> None:
        self.db.execute("DELETE FROM name WHERE iri = ? AND name = ?", (iri, name))

    def names(self, iri: str) -> list[str]:
        return self._column("SELECT name FROM name WHERE iri = ? ORDER BY name", iri)

    def post(self, postings: Iterable[tuple[int, str]], iri: str) -> None:
        self.db.executemany("INSERT OR IGNORE INTO posting VALUES (?, ?, ?)",
                            [(idx, key, iri) for idx, key in postings])

    def unpost(self, postings: Iterable[tuple[int, str]], iri: str) -> None:
        self.db.executemany("DELETE FROM posting WHERE idx = ? AND key = ? AND iri = ?",
                            [(idx, key, iri) for idx, key in postings])

    def lone_surnames(self, surname: str) -> list[tuple[str, str]]:
        """The persons known by `surname` alone, with their first names, in IRI order."""
        return self._rows(
            """SELECT posting.iri, entity.name FROM posting JOIN entity ON entity.iri = posting.iri
               WHERE idx = ? AND key = ? AND grp = 'person' AND lone ORDER BY posting.iri""",
            SURNAME, surname)

    def near(self, cores: Iterable[str], probes: Collection[Mapping[str, tuple[int, int, int]]],
             initials: Iterable[str], *, person: bool) -> dict[str, Known]:
        """The entities with a name of one of `cores`, and those whose names meet the
        `similar_probes` of one of the forms in `probes` as `probes_met` asks (for one
        key length, as many distinct pieces as it needs) and have one of `initials`:
        persons if `person`, else all others.

        Only the postings of the probes are read, and only the entities that meet them are
        read with their names: those that share one short piece with a form but are too
        far from it in length or letters to score, more of them the larger the store, are
        not.
        """
        # probe -> (form, key length, piece, pieces needed)
        wanted: dict[str, list[tuple[int, int, int, int]]] = {}
        for n, form in enumerate(probes):
            for key, (length, piece, needed) in form.items():
                wanted.setdefault(key, []).append((n, length, piece, needed))
        met: dict[tuple[str, int, int], set[int]] = {}  # (entity, form, length) -> pieces
        similar: set[str] = set()
        for key, iri in self._rows(f"SELECT key, iri FROM posting WHERE idx = ? AND key IN {_IN}",
                                   SIMILAR, _listed(wanted)):
            for n, length, piece, needed in wanted[key] if iri not in similar else ():
                pieces = met.setdefault((iri, n, length), set())
                pieces.add(piece)
                if len(pieces) >= needed:
                    similar.add(iri)
                    break
        names: dict[str, set[str]] = {}
        heads: dict[str, tuple[str, str]] = {}
        for iri, group, first, name in self._rows(
                f"""WITH pool (iri) AS (
                      SELECT iri FROM posting WHERE idx = ? AND key IN {_IN}
                      UNION
                      SELECT value FROM json_each(?) AS similar
                      WHERE EXISTS (SELECT 1 FROM posting WHERE idx = ? AND key IN {_IN}
                                    AND iri = similar.value))
                    SELECT entity.iri, grp, entity.name, name.name FROM pool
                    JOIN entity ON entity.iri = pool.iri JOIN name ON name.iri = pool.iri
                    WHERE (grp = 'person') = ?""",
                CORE, _listed(cores), _listed(similar), INITIAL, _listed(initials),
                int(person)):
            heads[iri] = (group, first)
            names.setdefault(iri, set()).add(name)
        return {iri: Known(iri, group, first, frozenset(names[iri]))
                for iri, (group, first) in heads.items()}

    def posted(self, idx: int, keys: Iterable[str]) -> set[str]:
        """The entities filed in index `idx` under any of `keys`."""
        return set(self._column(
            f"SELECT iri FROM posting WHERE idx = ? AND key IN {_IN}", idx, _listed(keys)))

    # --- articles and what they mention -----------------------------------------------------

    def add_article(self, article: str, published: date | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?)", (article, _iso(published)))

    def has_article(self, article: str) -> bool:
        return self.db.execute("SELECT 1 FROM article WHERE iri = ?", (article,)).fetchone() \
            is not None

    def article_count(self) -> int:
        return int(self._column("SELECT count(*) FROM article")[0])

    def add_mention(self, article: str, iri: str) -> None:
        if self.db.execute("INSERT OR IGNORE INTO mention VALUES (?, ?)",
                           (article, iri)).rowcount == 1:
            # One more article names the entity with each the article names already.
            for pair in ("?, iri", "iri, ?"):
                self.db.execute(
                    f"""INSERT INTO together SELECT {pair}, 1 FROM mention
                        WHERE article = ? AND iri != ? {_ADD_PAIRS}""", (iri, article, iri))

    def load_mentions(self, mentions: Iterable[tuple[str, str]]) -> None:
        """(article, entity) pairs into an index that has none yet: the pairs' counts are
        made once, in one statement, at the end (not one article at a time)."""
        self.db.executemany("INSERT OR IGNORE INTO mention VALUES (?, ?)", mentions)
        self._count_together("", (), 1)

    def _count_together(self, where: str, params: tuple[Any, ...], sign: int) -> None:
        """Add (`sign` 1) or take away (-1) the pairs the mentions of the articles that
        `where` (on `mine.article`) selects make to `together`; pairs left at no article
        leave. Taking away comes before the mentions go, adding after they come."""
        pairs = f"""SELECT mine.iri AS iri, theirs.iri AS other, {sign} * count(*)
                    FROM mention AS mine JOIN mention AS theirs ON theirs.article = mine.article
                    WHERE theirs.iri != mine.iri {where} GROUP BY mine.iri, theirs.iri"""
        self.db.execute(f"INSERT INTO together {pairs} {_ADD_PAIRS}", params)
        if sign < 0:
            self.db.execute(f"""DELETE FROM together WHERE articles <= 0
                                AND (iri, other) IN (SELECT iri, other FROM ({pairs}))""",
                            params)

    def articles(self, iri: str) -> set[str]:
        """The articles that mention the entity."""
        return set(self._column("SELECT article FROM mention WHERE iri = ?", iri))

    def article_counts(self, iris: Collection[str]) -> dict[str, int]:
        return dict(self._rows(
            f"SELECT iri, count(*) FROM mention WHERE iri IN {_IN} GROUP BY iri", _listed(iris)))

    def context(self, iri: str) -> set[str]:
        """The named entities that appear in an article with `iri`."""
        return set(self._column(
            """SELECT other FROM together JOIN entity ON entity.iri = together.other
               WHERE together.iri = ? AND entity.named""", iri))

    def move_mentions(self, merged: str, kept: str) -> None:
        """What mentioned `merged` mentions `kept`."""
        articles = _listed(self._column("SELECT article FROM mention WHERE iri = ?", merged))
        where = (f"AND mine.article IN {_IN}", (articles,))
        self._count_together(*where, -1)
        self.db.execute("INSERT OR IGNORE INTO mention SELECT article, ? FROM mention "
                        "WHERE iri = ?", (kept, merged))
        self.db.execute("DELETE FROM mention WHERE iri = ?", (merged,))
        self._count_together(*where, 1)

    def forget(self, articles: Collection[str]) -> None:
        """Drop the articles, what they mention, their figures and claims; their marks on
        other articles' figures leave with them. Names they gave stay."""
        listed = _listed(articles)
        self._count_together(f"AND mine.article IN {_IN}", (listed,), -1)
        for table, column in (("article", "iri"), ("mention", "article"),
                              ("figure", "article")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} IN {_IN}", (listed,))
        self.db.execute(f"UPDATE figure SET invalidated_by = NULL WHERE invalidated_by IN {_IN}",
                        (listed,))
        for words in ("claim_word", "denial_word"):
            self.db.execute(f"""DELETE FROM {words} WHERE seq IN
                                (SELECT seq FROM claim WHERE article IN {_IN})""", (listed,))
        self.db.execute(f"DELETE FROM claim WHERE article IN {_IN}", (listed,))

    # --- figures --------------------------------------------------------------------------

    def add_figure(self, figure: Figure) -> None:
        self.db.execute("INSERT OR IGNORE INTO series VALUES (?)", (figure.series,))
        self.db.execute(
            "INSERT INTO figure (series, iri, article, published, value, invalidated_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (figure.series, figure.iri, figure.article, _iso(figure.published), figure.value,
             figure.invalidated_by))

    def has_series(self, series: str) -> bool:
        """Whether the series has had a figure (since the index was read)."""
        return self.db.execute("SELECT 1 FROM series WHERE iri = ?", (series,)).fetchone() \
            is not None

    def figures(self, series: str) -> list[Figure]:
        """The series' figures, in the order they were added."""
        return [Figure(iri, article, _day(published), value, series, by)
                for iri, article, published, value, by in self._rows(
                    "SELECT iri, article, published, value, invalidated_by FROM figure "
                    "WHERE series = ? ORDER BY seq", series)]

    def mark(self, figure: str, by: str, series: Collection[str]) -> None:
        """`figure` (one of `series`') is superseded by the article `by`."""
        self.db.execute(f"UPDATE figure SET invalidated_by = ? WHERE iri = ? AND series IN {_IN}",
                        (by, figure, _listed(series)))

    # --- claims ---------------------------------------------------------------------------

    def add_claim(self, claim: Claim) -> None:
        cursor = self.db.execute(
            "INSERT INTO claim (iri, article, published, speaker, words, disputing, answered, "
            "text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (claim.iri, claim.article, _iso(claim.published), claim.speaker,
             " ".join(claim.words), int(claim.disputing), int(claim.answered), claim.text))
        claim.seq = int(cursor.lastrowid or 0)
        postings = [(word, claim.seq) for word in claim.words]
        self.db.executemany("INSERT OR IGNORE INTO claim_word VALUES (?, ?)", postings)
        if claim.disputing and not claim.answered:
            self.db.executemany("INSERT OR IGNORE INTO denial_word VALUES (?, ?)", postings)

    def _claims(self, where: str, *params: Any) -> list[Claim]:
        return [Claim(iri, article, _day(published), speaker,
                      tuple(words.split()) if words else (), bool(disputing), bool(answered),
                      text, seq)
                for iri, article, published, speaker, words, disputing, answered, text, seq
                in self._rows(f"SELECT {_CLAIM_COLUMNS} FROM claim {where} ORDER BY seq",
                              *params)]

    def claims(self) -> list[Claim]:
        return self._claims("")

    def claims_sharing(self, words: Collection[str], least: int, *,
                       open_denials: bool = False) -> list[Claim]:
        """The claims with at least `least` of `words`, in index order; with `open_denials`,
        only those whose cue rejects or denies and that answer no claim yet.

        Counted in SQL from the word postings: the claims that share only a common word or
        two, more of them the larger the store, are never read; the open denials' from
        their own postings, so that not every claim with a common word is counted first.
        """
        postings = "denial_word" if open_denials else "claim_word"
        return self._claims(
            f"""WHERE seq IN (SELECT seq FROM {postings} WHERE word IN {_IN}
                              GROUP BY seq HAVING count(*) >= ?)""",
            _listed(set(words)), least)

    def answered(self, claims: Collection[str]) -> None:
        """The denials `claims` answer a claim now: no longer open."""
        if claims:
            listed = _listed(claims)
            self.db.execute(f"UPDATE claim SET answered = 1 WHERE disputing AND iri IN {_IN}",
                            (listed,))
            self.db.execute(f"""DELETE FROM denial_word WHERE seq IN
                                (SELECT seq FROM claim WHERE iri IN {_IN})""", (listed,))

    def respeak(self, merged: str, kept: str) -> None:
        """The claims `merged` made were made by `kept`."""
        self.db.execute("UPDATE claim SET speaker = ? WHERE speaker = ?", (kept, merged))

    # --- for tests: the whole index in a comparable form --------------------------------------

    def dump(self) -> dict[str, Any]:
        names: dict[str, set[str]] = {}
        for iri, name in self._rows("SELECT iri, name FROM name"):
            names.setdefault(iri, set()).add(name)
        mentions: dict[str, set[str]] = {}
        by_entity: dict[str, set[str]] = {}
        for article, iri in self._rows("SELECT article, iri FROM mention"):
            mentions.setdefault(article, set()).add(iri)
            by_entity.setdefault(iri, set()).add(article)
        postings: dict[str, dict[str, set[str]]] = {name: {} for name in INDEX_NAMES.values()}
        for idx, key, iri in self._rows("SELECT idx, key, iri FROM posting"):
            postings[INDEX_NAMES[idx]].setdefault(key, set()).add(iri)
        figures: dict[str, list[tuple[str, float, str]]] = {}
        for series, iri, value, by in self._rows(
                "SELECT series, iri, value, invalidated_by FROM figure"):
            figures.setdefault(series, []).append((iri, value or 0, by or ""))
        return {
            "known": {iri: (group, name, frozenset(names.get(iri, ())),
                            frozenset(by_entity.get(iri, ())))
                      for iri, group, name in self._rows("SELECT iri, grp, name FROM entity")},
            **{name: {k: frozenset(v) for k, v in index.items()}
               for name, index in postings.items()},
            "article_entities": {a: frozenset(v) for a, v in mentions.items()},
            "claims": sorted((c.iri, c.speaker or "", c.words, c.disputing, c.answered)
                             for c in self.claims()),
            "figures": {s: sorted(fs) for s, fs in figures.items()},
            "together": {(iri, other): n for iri, other, n in self._rows(
                "SELECT iri, other, articles FROM together")},
            "denial_words": sorted(self._rows(
                "SELECT iri, word FROM denial_word JOIN claim USING (seq)")),
        }

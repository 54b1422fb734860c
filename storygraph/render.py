"""Human-readable rendering for the terminal (rich)."""

from __future__ import annotations

import csv
import json
import re
import sys
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.markup import escape as escape_markup
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from storygraph.model import Extraction


_TYPE_NAMES = {
    "PERSON": "People", "ORG": "Organisations", "GPE": "Places", "LOC": "Places",
    "FAC": "Facilities", "NORP": "Groups", "PRODUCT": "Products and projects",
    "EVENT": "Named events", "WORK_OF_ART": "Works", "LAW": "Laws",
}


def print_extraction(console: Console, extraction: Extraction) -> None:
    """A summary a person wants to read: who, in what role, said what, which figures."""
    article = extraction.article
    names = {e.id: e.name for e in extraction.entities}
    console.rule(f"[bold]{escape(article.title or article.key)}")
    byline = "by " + ", ".join(article.authors) if article.authors else None
    meta = " · ".join(x for x in (article.source, byline, article.published,
                                  article.url or article.key) if x)
    console.print(printable(meta), style="dim", markup=False)  # a file name may hold ESC

    groups: dict[str, list[str]] = defaultdict(list)
    for entity in extraction.entities:
        count = len(entity.mentions)
        groups[_TYPE_NAMES.get(entity.type, entity.type)].append(
            f"{entity.name} ({count})" if count > 1 else entity.name)
    for label, members in groups.items():
        console.print(f"[bold]{label}:[/bold] ", end="")
        console.print(", ".join(members), markup=False)

    if extraction.roles:
        console.print("\n[bold]Roles[/bold]")
        for role in extraction.roles:
            org = f" ({names[role.org]})" if role.org in names else ""
            console.print(f"  {names.get(role.person, '?')}: {role.title}{org}", markup=False)

    if extraction.claims:
        table = Table(title="Who said what", show_lines=False, expand=True)
        table.add_column("Speaker", style="bold", ratio=1)
        table.add_column("Said", ratio=4)
        for claim in extraction.claims:
            speaker = speaker_label(names.get(claim.speaker or ""), claim.speaker_text)
            cue = f"[dim]{escape(claim.cue)}[/dim] " if claim.cue else ""
            text = claim.text if len(claim.text) < 300 else claim.text[:297] + "..."
            mark = "“{}”" if claim.direct and not claim.text.startswith(("the", "it")) else "{}"
            table.add_row(escape(speaker), cue + mark.format(escape(text)))
        console.print(table)

    if extraction.quantities:
        console.print("[bold]Figures[/bold]")
        for q in extraction.quantities:
            value = "≈" if q.value is None else f"{q.value:,}"
            detail = ", ".join(x for x in (q.unit, q.qualifier) if x)
            about = ", ".join(names[a] for a in q.about if a in names)
            console.print(f"  {value} {escape(detail)}  [dim]“{escape(q.text)}”"
                          + escape(f" · {about}" if about else ""), markup=True)

    if extraction.events:
        console.print("[bold]Events[/bold]")
        for event in extraction.events:
            who = names.get(event.agent or "", "?")
            target = f" → {names[event.target]}" if event.target in names else ""
            when = f" ({event.when_text}{' = ' + event.date if event.date else ''})" \
                if event.when_text else ""
            console.print(f"  {event.kind}: {who}{target}{when}", markup=False)
    console.print()


def speaker_label(name: str | None, surface: str | None) -> str:
    """"Ann Ross (as “she”)": the resolved speaker and the words that named her, to check."""
    if name is None:
        return surface or "unknown"
    if surface is None or " ".join(surface.split()).casefold() == name.casefold():
        return name
    return f"{name} (as “{surface}”)"


# Control characters a stored value may hold (a store written before the readers dropped
# them, a remote store) or a file name brings into a message: printed raw, ESC starts a
# terminal sequence that clears the screen or retitles the window. Shown escaped instead
# (\x1b); rich drops only a few (BEL, CR). Lone surrogates are a name's non-UTF-8 bytes.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNPRINTABLE_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with its control characters written as escapes: all of them for `one_line`,
    else all but tab and newline."""
    pattern = _UNPRINTABLE_OR_BREAK if one_line else _UNPRINTABLE
    return pattern.sub(lambda found: ascii(found.group())[1:-1], text)


def escape(text: str) -> str:
    """`text` for a rich markup string: no markup read in it, no control character sent."""
    return escape_markup(printable(text))


def print_rows(console: Console, rows: list[dict[str, Any]], fmt: str, *,
               columns: list[str] | None = None, title: str | None = None) -> None:
    """Print listing rows as a rich table, a JSON list, or CSV (lists joined with "; ")."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        keys = list(rows[0]) if rows else columns
        writer.writerow(keys)
        for row in rows:
            writer.writerow([_cell(row.get(k)) for k in keys])
    else:
        table = Table(title=title, expand=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*_cells(row, columns))
        console.print(table)


def stream_rows(console: Console, batches: Iterable[list[dict[str, Any]]], fmt: str, *,
                columns: list[str]) -> None:
    """Print rows batch by batch as they come, in the same formats as `print_rows`.

    JSON and CSV come out exactly as `print_rows` writes them. A table that
    arrives in one batch is `print_rows`' table; a longer one is printed a
    batch at a time with the first batch's column widths, so it reads as one.
    Each batch is flushed, so rows show while the query still runs.
    """
    batches = iter(batches)
    if fmt == "json":
        written = 0
        for batch in batches:
            for row in batch:
                sys.stdout.write("[\n" if not written else ",\n")
                sys.stdout.write(textwrap.indent(json.dumps(row, ensure_ascii=False, indent=2),
                                                 "  "))
                written += 1
            sys.stdout.flush()
        sys.stdout.write("\n]\n" if written else "[]\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for batch in batches:
            writer.writerows([_cell(row.get(k)) for k in columns] for row in batch)
            sys.stdout.flush()
    else:
        first = next(batches, [])
        second = next(batches, None)
        if second is None:
            print_rows(console, first, "table", columns=columns)
            return
        widths = _column_widths(console, columns, first)
        for number, batch in enumerate(chain([first, second], batches)):
            table = Table(show_header=number == 0, show_edge=False, box=box.HEAVY_HEAD,
                          pad_edge=False)
            for column, width in zip(columns, widths, strict=True):
                table.add_column(column, width=width, overflow="fold")
            for row in batch:
                table.add_row(*_cells(row, columns))
            console.print(table)
            console.file.flush()


def _column_widths(console: Console, columns: list[str], rows: list[dict[str, Any]]
                   ) -> list[int]:
    """Each column as wide as its header and the first rows need, sharing the console's width."""
    share = max(8, (console.width - 3 * len(columns)) // max(len(columns), 1))
    return [min(share, max([len(c), *(len(printable(_cell(r.get(c)))) for r in rows)]))
            for c in columns]


def _cells(row: dict[str, Any], columns: list[str]) -> list[Text]:
    """A table row's cells as plain text: rich reads no markup in them (a cell as a string
    is parsed for markup, which its escaping then undoes: ~15% of a table's rendering)."""
    return [Text(printable(_cell(row.get(c)))) for c in columns]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def print_profile(console: Console, profile: dict[str, Any]) -> None:
    """One entity's profile, as `storygraph entity NAME` shows it: each list as far as
    the profile holds it, with how many more there are."""
    console.rule(f"[bold]{escape(profile['name'])}[/bold] · {profile['type']}")
    if profile["aliases"]:
        console.print("[bold]Also called:[/bold] " + escape(", ".join(profile["aliases"])))
    console.print(f"[bold]Mentions:[/bold] {profile['mentions']} in "
                  f"{profile['article_count']} article(s)")
    for title in profile["roles"]:
        console.print(f"[bold]Role:[/bold] {escape(title)}")
    if profile["wrote_count"]:
        console.print(f"[bold]Author of:[/bold] {profile['wrote_count']} article(s)")
    for key, heading in (("said", "Said"), ("said_about", "Said about them")):
        if profile[key]:
            console.print(f"[bold]{heading}:[/bold]")
            for text in profile[key]:
                console.print(f"  • {escape(text)}")
            _more(console, profile, key, f"{key}_count")
    console.print()


def print_explanation(console: Console, why: dict[str, Any]) -> None:
    """Why an entity is what it is, as `storygraph entity NAME --why` shows it: each list
    as far as the explanation holds it, with how many more there are."""
    console.rule(f"[bold]{escape(why['name'])}[/bold] · {why['type']}")
    console.print(f"[dim]{escape(why['entity'])}[/dim]")
    console.print("[bold]Names[/bold] (articles that use them):")
    for form in why["names"]:
        more = form["article_count"] - len(form["articles"])
        console.print(f"  {escape(form['name'])}: {escape(', '.join(form['articles']))}"
                      + (f" … {more} more" if more > 0 else ""))
    _more(console, why, "names", "names_count")
    console.print(f"[bold]Articles[/bold] ({why['article_count']}):")
    for article in why["articles"]:
        title = article["title"] or ""
        console.print(f"  {article['id']} {article['published'] or 'undated'} {escape(title)}")
    _more(console, why, "articles", "article_count")
    if why["decisions"]:
        console.print(f"[bold]Resolution decisions[/bold] ({why['decision_count']}):")
    for d in why["decisions"]:
        evidence = f"; shared: {', '.join(d['evidence'])}" if d["evidence"] else \
            "; no shared context"
        other = f" vs {d['other']}" if d["other"] else ""
        console.print(escape(
            f"  {d['article_id']}: '{d['name']}' -> {d['resolved_to']} "
            f"[{d['method']}: {d['decision']}{other}, score {d['score']:.3f}{evidence}]"))
    _more(console, why, "decisions", "decision_count")
    if why["edits"]:
        console.print("[bold]Edits:[/bold]")
    for e in why["edits"]:
        undone = " (undone)" if e["undone"] else ""
        console.print(escape(f"  {e['kind']} by {e['by']} at {e['at']}: kept {e['kept']}, "
                             f"merged {e['merged']}{undone}"))
    _more(console, why, "edits", "edit_count")
    console.print()


def _more(console: Console, listing: dict[str, Any], key: str, count: str) -> None:
    more = listing[count] - len(listing[key])
    if more > 0:
        console.print(f"  … {more} more (--limit 0 for all)")


def print_story(console: Console, summary: dict[str, Any]) -> None:
    """One story as `storygraph story S` shows it: summary, then what each article added."""
    console.rule(f"[bold]{escape(str(summary['label']))}")
    console.print(escape(str(summary["summary"])))
    console.print(f"[dim]{escape(str(summary['story']))}[/dim]")
    if summary.get("event"):
        console.print(f"Event: {escape(str(summary['event']))}")
    for change in summary.get("history", ()):
        console.print(f"[dim]{escape(change)}[/dim]")
    for update in summary["updates"]:
        when = update["date"] or "undated"
        title = update["article_title"] or update["article_url"] or update["article_id"]
        byline = f" [dim]by {escape(', '.join(update['authors']))}[/dim]" if update.get(
            "authors") else ""
        console.print(f"\n[bold]{escape(str(when))}[/bold] {escape(str(title))}{byline}")
        if update.get("why"):
            console.print(f"  [dim]{escape(str(update['why']))}[/dim]")
        for label, key in (("New entities", "new_entities"), ("New figures", "new_figures"),
                           ("Changed figures", "changed_figures")):
            if update[key]:
                console.print(f"  {label}: " + escape(", ".join(update[key])))
        for text in update["new_claims"]:
            console.print(f"  • {escape(text)}")
    console.print()

"""The terminal renderer sends no control character a stored value holds."""

from __future__ import annotations

import io

from rich.console import Console

from storygraph.render import print_profile, print_rows, stream_rows

CLEAR_AND_RETITLE = "\x1b[2J\x1b]0;owned\x07"


def _console() -> tuple[Console, io.StringIO]:
    screen = io.StringIO()
    return Console(file=screen, force_terminal=False, width=200), screen


def test_a_table_shows_control_characters_escaped():
    console, screen = _console()
    row = {"speaker_name": "Ann Ross", "text": f"We will {CLEAR_AND_RETITLE}reopen"}
    print_rows(console, [row], "table", columns=["speaker_name", "text"])
    stream_rows(console, iter([[row], [row]]), "table", columns=["speaker_name", "text"])
    shown = screen.getvalue()
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.count("\\x1b[2J\\x1b]0;owned\\x07reopen") == 3


def test_a_profile_shows_control_characters_escaped():
    console, screen = _console()
    print_profile(console, {
        "name": "Ann Ross", "type": "PERSON", "aliases": [f"Ross{CLEAR_AND_RETITLE}"],
        "mentions": 2, "article_count": 1, "roles": [], "wrote_count": 0,
        "said": [f"We will {CLEAR_AND_RETITLE}reopen"], "said_count": 1, "said_about": [],
        "said_about_count": 0})
    shown = screen.getvalue()
    assert "\x1b" not in shown and "\\x1b[2J" in shown

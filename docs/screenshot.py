"""Take docs/explorer.png: the seed's explorer page with a search and a profile open.

    storygraph ingest seeds/ --store /tmp/seed && \
    storygraph export --format html --store /tmp/seed /tmp/story.html && \
    python docs/screenshot.py /tmp/story.html docs/explorer.png

Needs Debian's chromium (as the browser tests do) and the test extras (playwright).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def main(page_path: str, out: str, search: str = "Haigh") -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(Path(page_path).resolve().as_uri())
        page.wait_for_function("window.storygraph !== undefined")
        page.fill("#search", search)
        page.click("#result-list .entity-link >> nth=0")
        page.screenshot(path=out)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])

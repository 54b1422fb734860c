"""Time every export of a large store as a whole CLI process: seconds, peak RSS, output size.

    python bench/make_store.py /tmp/sg10k --articles 10000     # once (11+ minutes)
    python bench/bench_export.py /tmp/sg10k [--repeat 2] [--browser] [--before CHECKOUT]

Each export runs as `storygraph export ...` in its own process (start-up included),
so its peak RSS and CPU time (user + system, all threads) are its own (`wait4`):
on a shared machine the CPU time says what the export costs, the wall time what
it took then. The baseline in the same run is `storygraph
stats` on the same store: a process that opens the store and counts its quads.
With --browser, the explorer page is also opened in headless Chromium (Debian's,
through Playwright) and the time until its script has drawn the graph is taken.
With --before, each export is run by that checkout's storygraph (another worktree, the
commit to compare with) right before this one's, and both outputs are compared byte
for byte (named timestamps aside: GEXF's date of writing).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from process import compile_storygraph, run_storygraph

EXPORTS = [
    ("graphml", ["export", "{out}.graphml", "--format", "graphml"]),
    ("gexf", ["export", "{out}.gexf", "--format", "gexf"]),
    ("trig", ["export", "{out}.trig", "--format", "trig"]),
    ("html", ["export", "{out}.html", "--format", "html"]),
    ("cytoscape", ["export", "{out}.json", "--format", "cytoscape"]),
    ("chart figures", ["chart", "figures", "{out}.png"]),
]
BASELINE = ("stats (baseline)", ["stats"])


def open_in_chromium(page: Path) -> float:
    """Seconds from navigation until the page's script has built the graph (window.storygraph)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=flags, headless=True)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        tab.goto(page.resolve().as_uri(), timeout=120_000)
        tab.wait_for_function("window.storygraph !== undefined", timeout=120_000)
        seconds = time.perf_counter() - started
        browser.close()
    if errors:
        raise SystemExit(f"the page raised: {errors[0]}")
    return seconds


def _same(before: Path, after: Path) -> bool:
    """Whether two exports are the same bytes, but for the day GEXF records it was written."""
    stamp = re.compile(rb'lastmodifieddate="[0-9-]+"')
    with before.open("rb") as one, after.open("rb") as other:
        while True:
            a, b = one.read(1 << 20), other.read(1 << 20)
            if a != b and stamp.sub(b"", a) != stamp.sub(b"", b):
                return False
            if not a:
                return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per export; the median is shown")
    parser.add_argument("--browser", action="store_true", help="also open the page in Chromium")
    parser.add_argument("--only", nargs="*", help="names of the exports to run")
    parser.add_argument("--before", type=Path,
                        help="a checkout whose storygraph runs each export first, as a baseline")
    args = parser.parse_args()

    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}")
    codes: list[Path | None] = [args.before, None] if args.before else [None]
    for code in codes:
        compile_storygraph(code)
    with tempfile.TemporaryDirectory() as tmp:
        for name, template in [BASELINE, *EXPORTS]:
            if args.only and name not in args.only and name != BASELINE[0]:
                continue
            written = []
            for code in codes:
                out = str(Path(tmp) / ("before" if code else "export"))
                argv = [a.format(out=out) for a in template]
                runs = [run_storygraph(argv, args.store, code=code) for _ in range(args.repeat)]
                seconds = statistics.median(r.seconds for r in runs)
                cpu = statistics.median(r.cpu_seconds for r in runs)
                rss = max(r.peak_rss for r in runs)
                target = next((Path(a) for a in argv if a.startswith(out)), None)
                size = target.stat().st_size if target else 0
                label = f"{name} ({'before' if code else 'after'})" if args.before else name
                print(f"{label:27} {seconds:7.2f} s  CPU {cpu:6.2f} s  peak RSS "
                      f"{rss / 2**20:6.0f} MB  output {size / 2**20:7.1f} MB  {runs[-1].stderr}",
                      flush=True)
                if target:
                    written.append(target)
            if len(written) == 2:
                print(f"{'':27} outputs {'the same' if _same(*written) else 'DIFFER'}",
                      flush=True)
            for target in written[:-1]:  # the baseline's, so that two outputs never pile up
                target.unlink()
        out = str(Path(tmp) / "export")
        if args.browser and (not args.only or "html" in args.only):
            seconds = open_in_chromium(Path(out + ".html"))
            print(f"{'html in Chromium':18} {seconds:7.2f} s to a drawn graph", flush=True)


if __name__ == "__main__":
    main()

"""One whole `storygraph` process, timed from outside: what a user waits for and what it costs.

The benches that time commands share this, so that each reads its wall time, CPU time
(user + system, all threads) and peak RSS the same way, from `wait4` on the child.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Compiled modules for the timed processes, as an installed storygraph has them: where
# PYTHONDONTWRITEBYTECODE is set (as on the machines here), every process would compile
# storygraph's modules from source again (~80 ms), which no user's process does.
PYCACHE = Path(__file__).resolve().parent / ".cache" / "pycache"


@dataclass(frozen=True, slots=True)
class ProcessRun:
    seconds: float
    cpu_seconds: float
    peak_rss: int  # bytes
    stderr: str


def _environment(code: Path | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    # A wide terminal, so that table views are rendered as a user's would be.
    env.update(COLUMNS="160", PYTHONPYCACHEPREFIX=str(PYCACHE))
    if code is not None:  # another checkout's storygraph: a baseline in the same run
        env["PYTHONPATH"] = str(code)
    return env


def compile_storygraph(code: Path | None = None) -> None:
    """Compile the storygraph package the timed processes import (this one's, or the
    checkout `code`'s), before they are timed."""
    if code is None:
        import storygraph

        package = Path(storygraph.__file__).parent
    else:
        package = code / "storygraph"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)],
                   env=_environment(code), check=True)


def run_storygraph(args: list[str], store: str | None = None, *,
                   code: Path | None = None) -> ProcessRun:
    """Run `storygraph ARGS [--store STORE]` to the end; exit with its error if it fails.

    `code` runs the storygraph of that checkout instead of this one (a `git worktree`
    of the commit to compare with)."""
    command = [sys.executable, "-m", "storygraph", *args]
    if store is not None:
        remote = store.startswith(("http://", "https://"))
        command += ["--store", store if remote else os.path.abspath(store)]
    return _run(command, code)


def run_bare_python() -> ProcessRun:
    """`python -c pass` with the timed processes' environment: the interpreter's own start-up
    and exit, the floor under every storygraph process."""
    return _run([sys.executable, "-c", "pass"], None)


def _run(command: list[str], code: Path | None) -> ProcessRun:
    started = time.perf_counter()
    # In the checkout's own directory: `python -m` puts the working directory first on the
    # path, before PYTHONPATH, so from here it would import this checkout's storygraph.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=_environment(code), cwd=code)
    assert process.stderr is not None
    err = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[1:])} failed: {err}")
    return ProcessRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                      err.strip())

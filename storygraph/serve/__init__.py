"""`storygraph serve`: a read-only SPARQL 1.1 Protocol endpoint over the store.

    from storygraph.serve import ServeOptions, serve
    serve("story.oxigraph", port=7979, options=ServeOptions(timeout=10, max_rows=5000))

`serve` snapshots the store (`snapshot.py`: an ingest may go on writing it),
opens the snapshot read-only, forks a pool of engine processes over it and runs
the Starlette application of `app.py` on uvicorn, bound to loopback unless told
otherwise. `create_app` gives the
application alone, for any ASGI server. docs/scaling.md says what it promises.
"""

from __future__ import annotations

import contextlib
import ipaddress
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

from storygraph.errors import ServeError
from storygraph.query.worker import EnginePool
from storygraph.serve.app import ROW_LIMIT_HEADER, ServeOptions, create_app
from storygraph.serve.snapshot import snapshot
from storygraph.store import MEMORY, OxigraphStore, default_location, open_store

if TYPE_CHECKING:
    from starlette.applications import Starlette

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7979


def serve(location: str | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          options: ServeOptions | None = None, announce: Callable[[str], None] = print,
          access_log: bool = True) -> None:
    """Serve the store at `location` until interrupted (Ctrl-C or SIGTERM).

    `announce` gets the lines a user should see: where it listens, and a warning
    when that is not loopback only. Raises ServeError (or StoreError) with one line.
    """
    where = default_location() if location is None else location
    if where == MEMORY or where.lower().startswith(("http://", "https://")):
        raise ServeError(f"serve needs a store on disk, not {where}")
    listener = _listen(host, port)
    try:
        with snapshot(where) as copy, open_store(copy, read_only=True) as store, \
                contextlib.ExitStack() as running:
            assert isinstance(store, OxigraphStore)  # a path opens the embedded store
            settings = options or ServeOptions()
            # The engines are forked here, before uvicorn starts any thread, with Ctrl-C
            # held: one that lands in a fork handler is ignored there ("Exception ignored
            # in _releaseLock"), and the server would run on. A held one stops us below.
            with _signals_held():
                pool = running.enter_context(EnginePool(store, settings.max_queries))
            running.enter_context(_stop_on_sigterm())
            bound_host, bound_port = listener.getsockname()[:2]
            shown = f"[{bound_host}]" if ":" in bound_host else bound_host

            def started() -> None:
                announce(f"serving {where} as it is now at http://{shown}:{bound_port}/sparql "
                         "(read-only; Ctrl-C stops)")
                if not _loopback(bound_host):
                    announce(f"Warning: listening on {bound_host}: anyone who can reach this "
                             "machine can read the whole graph")

            _run(create_app(store, settings, pool=pool), listener, access_log, started)
    except KeyboardInterrupt:
        # uvicorn shuts down on Ctrl-C or SIGTERM, then raises the signal again for the
        # handler that was there before; the snapshot has been removed by then.
        announce("stopped")
    finally:
        listener.close()


def _run(app: Starlette, listener: socket.socket, access_log: bool,
         started: Callable[[], None]) -> None:
    """Run `app` on uvicorn over `listener`; `started` once it accepts connections and
    has its Ctrl-C handler, so that a client told the address can also stop it."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                started()

    config = uvicorn.Config(app, log_level="info", access_log=access_log, lifespan="off",
                            timeout_graceful_shutdown=2)
    Server(config).run(sockets=[listener])


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait (in the main thread) until the block is left. Where there
    is no signal mask (Windows) there is no fork to guard either: they come at once."""
    if threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM ends the server as Ctrl-C does, through the `finally` clauses that remove the
    snapshot, not by killing the process where it stands."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        listener = socket.socket(family, kind, protocol)
    except (OSError, UnicodeError) as error:
        raise ServeError(f"cannot listen on {host}: {error}") from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as error:
        listener.close()
        raise ServeError(f"cannot listen on {host} port {port}: "
                         f"{error.strerror or error}") from None
    return listener


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ROW_LIMIT_HEADER", "ServeOptions", "create_app",
           "serve", "snapshot"]

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

import ipaddress
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from storygraph.errors import ServeError
from storygraph.query.worker import EnginePool
from storygraph.serve.app import ROW_LIMIT_HEADER, ServeOptions, create_app
from storygraph.serve.snapshot import snapshot
from storygraph.store import MEMORY, OxigraphStore, default_location, open_store

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
        with snapshot(where) as copy, open_store(copy, read_only=True) as store:
            assert isinstance(store, OxigraphStore)  # a path opens the embedded store
            import uvicorn

            settings = options or ServeOptions()
            bound_host, bound_port = listener.getsockname()[:2]
            shown = f"[{bound_host}]" if ":" in bound_host else bound_host
            announce(f"serving {where} as it is now at http://{shown}:{bound_port}/sparql "
                     "(read-only; Ctrl-C stops)")
            if not _loopback(bound_host):
                announce(f"Warning: listening on {bound_host}: anyone who can reach this "
                         "machine can read the whole graph")
            # The engines are forked here, before uvicorn starts any thread.
            with EnginePool(store, settings.max_queries) as pool, _stop_on_sigterm():
                config = uvicorn.Config(create_app(store, settings, pool=pool),
                                        log_level="info", access_log=access_log,
                                        lifespan="off", timeout_graceful_shutdown=2)
                uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:
        # uvicorn shuts down on Ctrl-C or SIGTERM, then raises the signal again for the
        # handler that was there before; the snapshot has been removed by then.
        announce("stopped")
    finally:
        listener.close()


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

"""Names a package re-exports, imported from their modules when first used.

A command that needs one lookup should not pay for importing every module its package
re-exports (the query engine's process machinery, the RDF mapping): the package's
`__getattr__` (PEP 562) imports the module that holds a name when the name is first asked
for, and keeps it in the package from then on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, Iterable[str]]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports the names in `exports` (module ->
    the names it holds) on first use."""
    where = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

"""Every error a public call raises is a :class:`kesher.KesherError`.

The native layer checks values and raises kesher's errors; what it cannot reach is Python's own
argument handling: a value of the wrong type, an int too large for 64 bits, text with lone
surrogates, a wrong number of arguments. :func:`guard_class` and :func:`guard` turn those into
:class:`ArgumentError`, which is an ``InvalidInputError`` (so a ``KesherError``, a
``ValueError``) and also a ``TypeError``, so code that catches either keeps working. Properties
are left as they are (they take no argument). Constructors and the per-call clock of
``Calendar`` (``add``, ``elapsed``, ``is_open``, ``next_open``, left unwrapped for speed) check
their own arguments, their number and keywords included, in the native layer, and raise the
same :class:`ArgumentError`.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, TypeVar

from kesher._native import ArgumentError, KesherError

F = TypeVar("F", bound=Callable[..., Any])

_ARGUMENT = re.compile(r"argument '(\w+)'")


def _translated(e: BaseException) -> ArgumentError:
    found = _ARGUMENT.search(str(e))
    field = found.group(1) if found else "arguments"
    err = ArgumentError(f"invalid {field}: {e}")
    err.kind = "invalid_input"
    err.field = field
    return err


def guard(fn: F) -> F:
    """``fn`` with Python's argument errors raised as :class:`ArgumentError`."""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KesherError:
            raise
        except (TypeError, OverflowError, UnicodeError) as e:
            raise _translated(e) from e

    return call  # type: ignore[return-value]


def guard_class(cls: type) -> type:
    """Guards every public method and static method of a native class."""
    for name, attr in list(vars(cls).items()):
        if name.startswith("__") or name.startswith("_repr"):
            continue
        kind = type(attr).__name__
        if kind == "method_descriptor":
            setattr(cls, name, guard(attr))
        elif kind in ("staticmethod", "classmethod_descriptor", "builtin_function_or_method"):
            setattr(cls, name, staticmethod(guard(getattr(cls, name))))
    return cls

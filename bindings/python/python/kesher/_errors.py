"""kesher's errors raised from the Python layer, with ``kind`` and ``field`` set as the native
layer sets them (the stubs promise both on every :class:`kesher.KesherError`)."""

from __future__ import annotations

import re

from kesher._native import InvalidInputError

_FIELD = re.compile(r"invalid ([\w.\[\]]+)(?: `(.*?)`:)?", re.S)


def invalid(message: str) -> InvalidInputError:
    """An ``invalid_input`` error worded as the core words one (``invalid FIELD `VALUE`: why``);
    ``field`` and ``value`` are read back from the message."""
    err = InvalidInputError(message)
    found = _FIELD.match(message)
    err.kind = "invalid_input"
    err.field = found.group(1) if found else ""
    err.value = found.group(2) if found else None
    return err

"""JSON text of Python objects for the native layer: aware datetimes as RFC 3339, timedeltas
as seconds, enums as their values. A naive datetime is refused: kesher never guesses a zone."""

from __future__ import annotations

import datetime as _dt
import enum
import json
from typing import Any

from kesher._errors import invalid as _invalid
from kesher._native import InvalidInputError


def _default(value: Any) -> Any:

    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise _invalid(
                f"invalid datetime `{value!r}`: a naive datetime has no time zone; "
                "give tzinfo (datetime.timezone.utc or a zoneinfo.ZoneInfo)"
            )
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise _invalid(f"invalid value `{value!r}`: {type(value).__name__} is not JSON")


def dumps(value: Any) -> str:
    """The JSON text of `value` (dicts, lists, str, numbers, datetimes, timedeltas, enums)."""
    try:
        return json.dumps(value, default=_default, ensure_ascii=False, allow_nan=False)
    except InvalidInputError:
        raise
    except ValueError as e:  # NaN or infinity, which JSON cannot hold
        raise _invalid(f"invalid value: {e}") from None
    except RecursionError:
        raise _invalid("invalid value: nested too deeply") from None

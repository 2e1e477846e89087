"""Columns in and out of the batch APIs: numpy, pandas, polars and Arrow (PyCapsule interface)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Tuple, cast

import numpy as np

from kesher._errors import invalid as _invalid
from kesher._native import InvalidInputError

_UNITS = {"s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1}


def _naive(field: str, what: str) -> InvalidInputError:
    return _invalid(
        f"invalid {field} `{what}`: the column has no time zone; localize it first "
        "(pandas: .dt.tz_localize('UTC'); Arrow: cast to timestamp with a time zone)"
    )


def to_ns(field: str, values: Any, unit: str = "ns") -> Tuple[np.ndarray, Callable[[np.ndarray], Any]]:
    """The instants of `values` as a contiguous int64 array of nanoseconds since the epoch
    (UTC), and a function that turns an int64 nanosecond result back into the caller's kind
    of column (numpy datetime64[ns], pandas Series with the same index, polars Series with the
    same name, Arrow array)."""
    if unit not in _UNITS:
        raise _invalid(f"invalid unit `{unit}`: expected s, ms, us or ns")
    # pandas
    if type(values).__module__.startswith("pandas"):
        import pandas as pd

        series = pd.Series(values) if not isinstance(values, pd.Series) else values
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            # The UTC epoch values in the column's own unit, read without a copy; back as a
            # UTC column over the same buffer.
            ints = np.asarray(cast(Any, series.array).asi8)
            if ints.size and ints.min() == np.iinfo(np.int64).min:  # NaT
                raise _invalid(f"invalid {field}: {int(series.isna().sum())} missing values (NaT)")
            ns = _scaled(field, ints, getattr(series.dtype, "unit", "ns"))
            index = series.index
            utc = pd.DatetimeTZDtype("ns", "UTC")
            return ns, lambda out: pd.Series(out.view("datetime64[ns]"), index=index, name=series.name, dtype=utc)
        if pd.api.types.is_datetime64_dtype(series.dtype):
            raise _naive(field, str(series.dtype))
        values = series.to_numpy()
    # polars, read natively: no pyarrow needed
    if type(values).__module__.startswith("polars"):
        return _polars(field, values, unit)
    # Arrow, through the PyCapsule interface (pyarrow, pandas ArrowDtype, ...)
    if hasattr(values, "__arrow_c_array__") or hasattr(values, "__arrow_c_stream__"):
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        arr = pa.array(values) if hasattr(values, "__arrow_c_array__") else pa.chunked_array(values)
        if pa.types.is_timestamp(arr.type):
            if arr.type.tz is None:
                raise _naive(field, str(arr.type))
            arr = pc.cast(arr, pa.timestamp("ns", tz="UTC"))
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
            if arr.null_count:
                raise _invalid(f"invalid {field}: {arr.null_count} missing values")
            ns = arr.cast(pa.int64()).to_numpy(zero_copy_only=False)
            return np.ascontiguousarray(ns), lambda out: pa.Array.from_buffers(
                pa.timestamp("ns", tz="UTC"), len(out), [None, pa.py_buffer(out)]
            )
        if pa.types.is_integer(arr.type):
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
            ints = _scaled(field, arr.cast(pa.int64()).to_numpy(zero_copy_only=False), unit)
            return ints, lambda out: pa.array(_in_unit(unit)(out))
        raise _invalid(f"invalid {field} `{arr.type}`: expected timestamps or int64")
    # numpy and sequences
    try:
        arr = np.asarray(values)
    except (ValueError, TypeError) as e:
        raise _invalid(f"invalid {field}: {e}") from None
    if arr.dtype.kind == "M":  # datetime64: numpy's instants are UTC
        return _datetime64_ns(field, arr), lambda out: out.view("datetime64[ns]")
    if arr.dtype.kind in "iu":
        return _scaled(field, arr, unit), _in_unit(unit)
    if arr.dtype == object:
        out_list = []
        for v in arr.ravel():
            if not isinstance(v, _dt.datetime):
                raise _invalid(f"invalid {field} `{v!r}`: expected datetimes")
            if v.tzinfo is None or v.utcoffset() is None:
                raise _invalid(
                    f"invalid {field} `{v!r}`: a naive datetime has no time zone; give tzinfo"
                )
            delta = v - _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
            out_list.append((delta.days * 86_400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1_000)
        return np.asarray(out_list, dtype=np.int64), lambda out: [
            _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(microseconds=int(x) // 1000) for x in out
        ]
    raise _invalid(f"invalid {field} `{arr.dtype}`: expected datetimes or int64")


# Seconds per step of numpy's fixed datetime64 units coarser than a second.
_COARSE = {"W": 604_800, "D": 86_400, "h": 3_600, "m": 60}
# The most steps of a calendar unit from 1970 that stay within the nanosecond range (1677–2262).
_CALENDAR = {"Y": 292, "M": 292 * 12}


def _datetime64_ns(field: str, arr: np.ndarray) -> np.ndarray:
    """numpy datetime64 of any unit as int64 nanoseconds, refusing NaT and instants outside
    1677–2262 (numpy's own conversion wraps them around silently)."""
    # NaT is the smallest int64: one pass for the minimum, a count only when there is one.
    if arr.size and arr.view("int64").min() == np.iinfo(np.int64).min:
        raise _invalid(f"invalid {field}: {int(np.isnat(arr).sum())} missing values (NaT)")
    unit, count = np.datetime_data(arr.dtype)
    steps = arr.view("int64")
    if unit in _CALENDAR:
        bound = _CALENDAR[unit] // max(count, 1)
        if steps.size and (int(steps.max()) > bound or int(steps.min()) < -bound):
            raise _invalid(
                f"invalid {field} `{arr.max() if int(steps.max()) > bound else arr.min()}`: "
                "outside the instants kesher holds (1677 to 2262)"
            )
        return _scaled(field, arr.astype("datetime64[s]").view("int64"), "s")
    if unit in _COARSE:
        limit = (2**63 - 1) // (_COARSE[unit] * count * _UNITS["s"])
        if steps.size and (int(steps.max()) > limit or int(steps.min()) < -limit):
            raise _invalid(f"invalid {field}: outside the instants kesher holds (1677 to 2262)")
        return np.ascontiguousarray(steps * (_COARSE[unit] * count * _UNITS["s"]))
    if unit not in _UNITS:
        raise _invalid(f"invalid {field} `{arr.dtype}`: a datetime64 unit kesher does not read")
    if count != 1:
        limit = (2**63 - 1) // count
        if steps.size and (int(steps.max()) > limit or int(steps.min()) < -limit):
            raise _invalid(f"invalid {field}: outside the instants kesher holds (1677 to 2262)")
        steps = steps * count
    return _scaled(field, steps, unit)


def _polars(field: str, values: Any, unit: str) -> Tuple[np.ndarray, Callable[[np.ndarray], Any]]:
    """A polars Series of instants (a time zone required) or integers in `unit`."""
    import polars as pl  # type: ignore[import-not-found, unused-ignore]

    series = values if isinstance(values, pl.Series) else pl.Series(values)
    if series.null_count():
        raise _invalid(f"invalid {field}: {series.null_count()} missing values")
    name = series.name
    dtype = series.dtype
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is None:
            raise _naive(field, str(dtype))
        # Epoch values in the column's own unit (UTC whatever its zone), scaled with the overflow
        # check; back as instants in UTC.
        own = dtype.time_unit
        ns = _scaled(field, series.dt.epoch(own).to_numpy(), str(own))
        return ns, lambda out: pl.Series(name, out).cast(pl.Datetime("ns")).dt.replace_time_zone("UTC")
    if dtype.is_integer():
        ints = _scaled(field, series.to_numpy(), unit)
        return ints, lambda out: pl.Series(name, _in_unit(unit)(out))
    raise _invalid(f"invalid {field} `{dtype}`: expected timestamps or integers")


def _in_unit(unit: str) -> Callable[[np.ndarray], np.ndarray]:
    """int64 nanoseconds back into `unit` (rounded down), without a copy for nanoseconds."""
    if unit == "ns":
        return lambda out: out
    return lambda out: out // _UNITS[unit]


def _scaled(field: str, ints: np.ndarray, unit: str) -> np.ndarray:
    """Integers in `unit` as int64 nanoseconds, refusing any that would overflow (numpy wraps
    silently)."""
    if ints.dtype.kind == "u" and ints.size and int(ints.max()) >= 2**63:
        raise _invalid(f"invalid {field} `{int(ints.max())}`: out of the int64 range")
    if ints.dtype != np.int64:
        ints = ints.astype(np.int64)
    if unit == "ns":
        # Already what kesher reads: passed on as it is, read in place (no copy).
        return np.ascontiguousarray(ints)
    limit = (2**63 - 1) // _UNITS[unit]
    if ints.size and (int(ints.max()) > limit or int(ints.min()) < -limit):
        raise _invalid(f"invalid {field}: beyond the int64 nanosecond range in unit {unit}")
    return np.ascontiguousarray(ints * _UNITS[unit])


def duration_ns(field: str, value: Any) -> int:
    """A timedelta, numpy timedelta64 or number of seconds as integer nanoseconds."""
    if isinstance(value, _dt.timedelta):
        ns = (value.days * 86_400 + value.seconds) * 1_000_000_000 + value.microseconds * 1_000
    elif isinstance(value, np.timedelta64):
        ns = int(value.astype("timedelta64[ns]").astype(np.int64))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            raise _invalid(f"invalid {field} `{value!r}`: not a number of seconds")
        ns = int(round(value * 1_000_000_000))
    else:
        raise _invalid(f"invalid {field} `{value!r}`: expected a timedelta or seconds")
    if not -(2**63) <= ns < 2**63:
        raise _invalid(f"invalid {field} `{value!r}`: beyond the int64 nanosecond range")
    return ns


def durations_ns(field: str, values: Any) -> np.ndarray:
    """A column of durations (numpy ``timedelta64``, or numbers of seconds) as contiguous int64
    nanoseconds; anything else is kesher's ``invalid_input`` naming ``field``."""
    try:
        d = np.asarray(values)
        if d.dtype.kind == "m":
            return np.ascontiguousarray(d.astype("timedelta64[ns]").view("int64"))
        if d.dtype.kind not in "iuf" or d.ndim != 1:
            raise ValueError
        return np.ascontiguousarray(np.round(d.astype(np.float64) * 1e9).astype(np.int64))
    except (ValueError, TypeError):
        raise _invalid(f"invalid {field} `{values!r}`: expected a column of timedelta64 or seconds") from None

"""Extracted records to JSON and back, for the record cache of incremental builds.

Records are frozen dataclasses of str, int, float, bool, None, tuples and other records;
their type hints say how to rebuild them, so no class needs its own codec. `entries_json`
lets an extraction worker encode its share of a long file's entries, so the parent only
splices the pieces into the file's record (`graph.incremental.RecordCache.store`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Sequence

from paperkg.extract.records import ExtractedEntry


def encode(value):
    if dataclasses.is_dataclass(value):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    return value


@functools.cache
def _hints(kind) -> dict:
    """A record class's resolved type hints: `typing.get_type_hints` evaluates every
    annotation string anew on each call (two thirds of reading a 40x cache): once per class."""
    return typing.get_type_hints(kind)


def decode(kind, data):
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: decode(hints[name], value) for name, value in data.items()})
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return decode(options[0], data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item) for item in data)
        return tuple(decode(arg, item) for arg, item in zip(args, data, strict=True))
    if kind is float and isinstance(data, int | float):
        return float(data)
    if kind in (str, int, bool) and not isinstance(data, kind):
        raise TypeError(f"expected {kind.__name__}, found {type(data).__name__}")
    return data


def entries_json(entries: Sequence[ExtractedEntry]) -> str:
    """The entries as the items of the cached record's `entries` list, comma-joined."""
    return ",".join(
        json.dumps(encode(e), ensure_ascii=False, separators=(",", ":")) for e in entries
    )

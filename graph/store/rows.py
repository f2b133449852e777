"""SPARQL results as rows of typed Python values, for people who work in Python, not in RDF.

A notebook user wants `row.rating > 8` and `pd.DataFrame`, not `Literal("8",
datatype=xsd:integer)`: each cell becomes the Python value its datatype names (int, float,
Decimal, bool, date, datetime, str; IRIs as str). pandas is imported only by `to_pandas()`.
"""

from __future__ import annotations

import datetime as dt
import keyword
from collections import namedtuple
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from paperkg.graph.store.query import XSD, QueryResult, term_parts


def _boolean(text: str) -> bool:
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError(text)


def _year(text: str) -> int:
    return int(text[:-4] if len(text) > 4 and not text[-4:].isdigit() else text[:4])


_INTEGER_TYPES = (
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
)
_CONVERTERS: dict[str, Callable[[str], Any]] = {
    **{XSD + name: int for name in _INTEGER_TYPES},
    XSD + "decimal": Decimal,
    XSD + "double": float,
    XSD + "float": float,
    XSD + "boolean": _boolean,
    XSD + "date": dt.date.fromisoformat,
    XSD + "dateTime": dt.datetime.fromisoformat,
    XSD + "gYear": _year,
}


def python_value(term) -> Any:
    """The Python value of an RDF term (pyoxigraph or rdflib): IRIs and blank nodes as str,
    literals by datatype; a literal whose text does not fit its datatype stays a str."""
    if term is None:
        return None
    kind, value, datatype, _ = term_parts(term)
    if kind == "bnode":
        return "_:" + value
    convert = _CONVERTERS.get(datatype or "")
    if convert is None:
        return value
    try:
        return convert(value)
    except (ValueError, InvalidOperation):
        return value


def _field_names(variables: Iterable[str]) -> list[str]:
    """Variable names as namedtuple fields: SPARQL allows names Python reserves (`?class`)."""
    return [f"{v}_" if keyword.iskeyword(v) or v.startswith("_") else v for v in variables]


class Rows(tuple):
    """The rows of a SELECT: a tuple of named tuples (fields named after the variables).

    `variables` keeps the SPARQL names; `to_pandas()` gives a DataFrame (pandas is an
    optional extra: `pip install paperkg[pandas]`).
    """

    variables: tuple[str, ...]

    def __new__(cls, variables: Iterable[str], rows: Iterable[Iterable[Any]]) -> Rows:
        variables = tuple(variables)
        row_type = namedtuple("Row", _field_names(variables), rename=True)
        made = super().__new__(cls, (row_type(*row) for row in rows))
        made.variables = variables
        made.row_type = row_type
        return made

    @classmethod
    def of(cls, result: QueryResult) -> Rows:
        """Typed rows of a SELECT result, each distinct term converted once."""
        converted: dict = {}

        def value(term):
            if term not in converted:
                converted[term] = python_value(term)
            return converted[term]

        return cls(result.variables, (tuple(map(value, row)) for row in result.rows))

    def to_pandas(self):
        """A pandas DataFrame with one column per variable (pandas must be installed)."""
        try:
            import pandas as pd
        except ImportError as err:
            raise ImportError(
                "to_pandas() needs pandas: pip install 'paperkg[pandas]' (or pandas)"
            ) from err
        return pd.DataFrame.from_records(list(self), columns=list(self.variables))

    def __repr__(self) -> str:
        return f"Rows(variables={self.variables!r}, {len(self)} rows)"

"""The RDF terms a build writes, as pyoxigraph terms, each distinct one made once.

A build states a few hundred thousand triples that repeat the same predicates, classes and
paper IRIs thousands of times. Making a pyoxigraph term validates it (an IRI parse) and
costs microseconds, so every distinct term is made once and reused; its N-Triples form,
which the build writes and the store loads, is likewise computed once per term.
"""

from __future__ import annotations

import pyoxigraph as ox

from paperkg.prefixes import NAMESPACES

# the namespaces as plain strings, from the one table (paperkg/prefixes.json)
XSD = NAMESPACES["xsd"]
RDF = NAMESPACES["rdf"]
RDFS = NAMESPACES["rdfs"]
OWL = NAMESPACES["owl"]
SDO = NAMESPACES["schema"]
SKOS = NAMESPACES["skos"]
DCTERMS = NAMESPACES["dcterms"]
PROV = NAMESPACES["prov"]
PKG = NAMESPACES["pkg"]

Term = ox.NamedNode | ox.Literal
Triple = tuple[ox.NamedNode, ox.NamedNode, Term]

_STRING = ox.NamedNode(XSD + "string")
_INTEGER = ox.NamedNode(XSD + "integer")
_DECIMAL = ox.NamedNode(XSD + "decimal")
_BOOLEAN = ox.NamedNode(XSD + "boolean")


class Spellings(dict):
    """Term -> its N-Triples text; a term not made by `Terms` is spelled when first asked."""

    def __missing__(self, term: Term) -> str:
        text = self[term] = str(term)
        return text


class Terms:
    """Cached term factories, and the N-Triples spelling of every term made.

    Each term is spelled when it is made, so writing a triple's line is three dictionary
    lookups (`spellings`), not three method calls; `shared` is another `Terms` whose terms
    (the predicates and classes every build uses) come spelled too.
    """

    def __init__(self, shared: Terms | None = None) -> None:
        self._iris: dict[str, ox.NamedNode] = {}
        self._literals: dict[tuple[str, str], ox.Literal] = {}
        self.spellings = Spellings(shared.spellings if shared is not None else ())

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
            self.spellings[node] = str(node)
        return node

    def literal(self, value: str, datatype: ox.NamedNode = _STRING) -> ox.Literal:
        key = (value, datatype.value)
        lit = self._literals.get(key)
        if lit is None:
            lit = self._literals[key] = ox.Literal(value, datatype=datatype)
            self.spellings[lit] = str(lit)
        return lit

    def text(self, value: str) -> ox.Literal:
        return self.literal(value)

    def integer(self, value: int) -> ox.Literal:
        return self.literal(str(int(value)), _INTEGER)

    def number(self, value: float) -> ox.Literal:
        """An integer when it is one (8), else a decimal (7.5)."""
        if float(value).is_integer():
            return self.integer(int(value))
        return self.literal(str(value), _DECIMAL)

    def boolean(self, value: bool) -> ox.Literal:
        return self.literal("true" if value else "false", _BOOLEAN)

    def typed(self, value: str, datatype: str) -> ox.Literal:
        return self.literal(value, self.iri(datatype))

    def nt(self, term: Term) -> str:
        """The term as N-Triples writes it (Oxigraph's own spelling, escapes included)."""
        return self.spellings[term]

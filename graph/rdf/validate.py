"""Check a built graph against the RDF contract, written as SHACL shapes (shapes/contract.ttl).

The contract lives in README.md ("The RDF contract") as prose and in the shapes as data;
pyshacl does the checking, this module only loads the shapes and turns pyshacl's report
graph into one readable line per finding (focus node, path, message), sorted so reports are stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from paperkg.graph.rdf.namespaces import bind_prefixes
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

SHAPES_FILE = "contract.ttl"


@dataclass(frozen=True)
class Finding:
    """One SHACL result: what is wrong, where, and how bad."""

    severity: str  # "violation", "warning" or "info"
    focus: str
    path: str
    message: str
    value: str = ""

    def line(self) -> str:
        where = f"{self.focus} {self.path}".rstrip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms (warnings allowed) and every finding, sorted."""

    conforms: bool
    findings: tuple[Finding, ...]
    triples: int

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "violation")

    def summary_line(self) -> str:
        n = len(self.violations)
        warnings = len(self.findings) - n
        verdict = "conforms to" if self.conforms else "does not conform to"
        return (
            f"the graph ({self.triples} triples) {verdict} the paperkg RDF contract:"
            f" {n} violation(s), {warnings} warning(s)"
        )


@cache
def shapes_text() -> str:
    """The SHACL shapes of the contract, as shipped with the package."""
    return resources.files(__package__).joinpath("shapes", SHAPES_FILE).read_text("utf-8")


def shapes_graph() -> Graph:
    return Graph().parse(data=shapes_text(), format="turtle")


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Run pyshacl (no inference, SHACL-AF SPARQL constraints on) over `data`."""
    import pyshacl  # slow to import; only `validate` needs it

    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    names = Graph()
    bind_prefixes(names)
    findings = sorted(
        {
            _finding(report, result, names)
            for result in report.subjects(RDF.type, SH.ValidationResult)
        },
        key=lambda f: (f.severity != "violation", f.focus, f.path, f.message, f.value),
    )
    return ValidationReport(bool(conforms), tuple(findings), len(data))


def _finding(report: Graph, result: Node, names: Graph) -> Finding:
    severity = report.value(result, SH.resultSeverity)
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    return Finding(
        severity=str(severity).rsplit("#", 1)[-1].lower() if severity else "violation",
        focus=_short(report.value(result, SH.focusNode), names),
        path=_short(report.value(result, SH.resultPath), names),
        message=messages[0] if messages else "does not match its shape",
        value=_short(report.value(result, SH.value), names),
    )


def _short(term: Node | None, names: Graph) -> str:
    """Prefixed names where a prefix fits; literals as written; cut to one short line."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = term.n3(names.namespace_manager)
    elif isinstance(term, Literal):
        kind = str(term.datatype or XSD.string).rsplit("#", 1)[-1]
        if kind == "string":
            text = repr(str(term))
        elif kind in ("integer", "decimal", "double", "boolean", "gYear"):
            text = str(term)
        else:
            text = term.n3(names.namespace_manager)
    else:
        text = "[blank node]"  # the contract has none; a hand-edited graph might
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:97] + "..."

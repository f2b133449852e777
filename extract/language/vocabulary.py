"""The technique vocabulary: SKOS Turtle in, plain frozen records out.

The vocabulary is data (`techniques.ttl` beside this module), so adding a technique or an
alias is an edit to a Turtle file, not to code. Users extend it with their own Turtle files
(`--vocab`), in the same format; this module merges them into the built-in scheme.

rdflib is used only to read the Turtle; everything returned is plain Python so the matcher
and the graph builder need no RDF knowledge of this file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from paperkg.extract import data
from rdflib.namespace import RDF, SKOS

from paperkg.errors import VocabularyError
from paperkg.prefixes import NAMESPACES

PKG_NS = NAMESPACES["pkg"]
TECH = NAMESPACES["tech"]
SCHEME = str(TECH)


@dataclass(frozen=True)
class Concept:
    """One technique. Labels are as written in the Turtle; ambiguity rules are data."""

    iri: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()  # IRIs
    case_sensitive_labels: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()  # lowercase words
    not_before: tuple[str, ...] = ()
    # the exact titles of the paper that introduced it (pkg:introducedIn): an entry so
    # titled is that paper (`extract.language.introducing_titles`)
    introduced_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """All concepts of the technique scheme, sorted by IRI so every output is deterministic."""

    concepts: tuple[Concept, ...]
    scheme: str = SCHEME
    _by_iri: dict[str, Concept] = field(init=False, repr=False, compare=False, hash=False)
    _narrower: dict[str, tuple[Concept, ...]] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        # Sorted whoever builds it, and indexes built once: the matcher asks per mention.
        object.__setattr__(self, "concepts", tuple(sorted(self.concepts, key=lambda c: c.iri)))
        by_iri = {c.iri: c for c in self.concepts}
        children: dict[str, list[Concept]] = {}
        for c in self.concepts:
            for b in c.broader:
                children.setdefault(b, []).append(c)
        object.__setattr__(self, "_by_iri", by_iri)
        object.__setattr__(self, "_narrower", {k: tuple(v) for k, v in children.items()})

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, iri: str) -> Concept | None:
        return self._by_iri.get(str(iri))

    def labels(self, concept: Concept | str) -> tuple[str, ...]:
        """The preferred label first, then the alternatives."""
        c = concept if isinstance(concept, Concept) else self.get(concept)
        if c is None:
            return ()
        return (c.pref_label, *c.alt_labels)

    def narrower(self, iri: str) -> tuple[Concept, ...]:
        return self._narrower.get(str(iri), ())

    def tree(self) -> str:
        """The concepts as a tree by skos:broader, as `paperkg vocab show` prints it."""
        return render_tree(self)


def builtin_vocabulary_path() -> Path:
    return data.path("techniques.ttl")


# --- reading -----------------------------------------------------------------------------


@dataclass
class _Draft:
    """A concept while files are merged (mutable; frozen into a Concept at the end)."""

    iri: str
    pref: str | None
    alts: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    case_sensitive: list[str] = field(default_factory=list)
    not_after: list[str] = field(default_factory=list)
    not_before: list[str] = field(default_factory=list)
    introduced_in: list[str] = field(default_factory=list)

    def add(self, other: _Draft) -> None:
        # A label differing only in case adds nothing (the matcher ignores case) unless it
        # is declared case-sensitive, where the exact case is the point.
        sensitive = set(self.case_sensitive) | set(other.case_sensitive)
        for label in ([other.pref] if other.pref else []) + other.alts:
            known = [self.pref or "", *self.alts]
            if label in known:
                continue
            if label in sensitive or label.casefold() not in {k.casefold() for k in known}:
                self.alts.append(label)
        for mine, theirs in (
            (self.broader, other.broader),
            (self.case_sensitive, other.case_sensitive),
            (self.not_after, other.not_after),
            (self.not_before, other.not_before),
            (self.introduced_in, other.introduced_in),
        ):
            mine.extend(x for x in theirs if x not in mine)

    def freeze(self) -> Concept:
        return Concept(
            iri=self.iri,
            pref_label=self.pref or "",
            alt_labels=tuple(sorted(set(self.alts) - {self.pref}, key=lambda s: (s.casefold(), s))),
            broader=tuple(sorted(set(self.broader) - {self.iri})),
            case_sensitive_labels=tuple(sorted(set(self.case_sensitive))),
            not_after=tuple(sorted(set(self.not_after))),
            not_before=tuple(sorted(set(self.not_before))),
            introduced_in=tuple(sorted(set(self.introduced_in))),
        )


def _read(path: Path) -> list[_Draft]:
    """Parse one Turtle file into drafts, or raise VocabularyError naming the file.

    pyoxigraph's Rust parser reads the built-in 4,000-line file in a few milliseconds where
    rdflib's takes a tenth of a second, which every CLI command would pay.
    """
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except OSError as e:
        raise VocabularyError(f"{path}: cannot read vocabulary file ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise VocabularyError(f"{path}: vocabulary file is not UTF-8 text") from e
    props: dict[str, dict[str, list]] = {}
    try:
        for t in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            if isinstance(t.subject, ox.BlankNode):
                raise VocabularyError(f"{path}: concepts need IRIs, found a blank node")
            if not isinstance(t.subject, ox.NamedNode):
                continue
            props.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    except SyntaxError as e:
        line = e.lineno if isinstance(e.lineno, int) else None
        where = f" line {line}" if line else ""
        why = (e.msg or str(e)).strip().splitlines()
        raise VocabularyError(
            f"{path}:{where} not valid Turtle: {why[0] if why else type(e).__name__}"
        ) from e

    def strings(po: dict[str, list], p: str) -> list[str]:
        return sorted(o.value.strip() for o in po.get(p, ()) if isinstance(o, ox.Literal))

    drafts = []
    for s in sorted(props):
        po = props[s]
        kinds = {o.value for o in po.get(str(RDF.type), ()) if isinstance(o, ox.NamedNode)}
        if str(SKOS.ConceptScheme) in kinds:
            continue
        labelled = str(SKOS.prefLabel) in po or str(SKOS.altLabel) in po
        if str(SKOS.Concept) not in kinds and not labelled:
            continue
        prefs = strings(po, str(SKOS.prefLabel))
        if len(prefs) > 1:
            raise VocabularyError(f"{path}: <{s}> has {len(prefs)} skos:prefLabel, expected one")
        drafts.append(
            _Draft(
                iri=s,
                pref=prefs[0] if prefs else None,
                alts=[a for a in strings(po, str(SKOS.altLabel)) if a],
                broader=sorted(
                    o.value for o in po.get(str(SKOS.broader), ()) if isinstance(o, ox.NamedNode)
                ),
                case_sensitive=strings(po, PKG_NS + "caseSensitiveLabel"),
                not_after=[w.lower() for w in strings(po, PKG_NS + "notAfter")],
                not_before=[w.lower() for w in strings(po, PKG_NS + "notBefore")],
                introduced_in=[
                    " ".join(t.split()) for t in strings(po, PKG_NS + "introducedIn") if t
                ],
            )
        )
    return drafts


@functools.lru_cache(maxsize=1)
def _builtin() -> Vocabulary:
    """The built-in vocabulary, parsed once per process (the CLI and tests load it often)."""
    drafts = _read(builtin_vocabulary_path())
    return _freeze({d.iri: d for d in drafts}, builtin_vocabulary_path())


def _freeze(drafts: dict[str, _Draft], path: Path | str) -> Vocabulary:
    for d in drafts.values():
        if not d.pref:
            raise VocabularyError(f"{path}: concept <{d.iri}> has no skos:prefLabel")
        for b in d.broader:
            if b not in drafts:
                raise VocabularyError(f"{path}: <{d.iri}> has skos:broader <{b}>, not a concept")
    _check_acyclic(drafts, path)
    return Vocabulary(tuple(drafts[i].freeze() for i in sorted(drafts)))


def _check_acyclic(drafts: dict[str, _Draft], path: Path | str) -> None:
    """A broader cycle would make the tree (and any transitive query) loop forever."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(iri: str) -> None:
        stack = [(iri, iter(drafts[iri].broader))]
        state[iri] = 1
        while stack:
            node, parents = stack[-1]
            nxt = next(parents, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                raise VocabularyError(f"{path}: skos:broader cycle through <{nxt}>")
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(drafts[nxt].broader)))

    for iri in sorted(drafts):
        if iri not in state:
            visit(iri)


def _merge(drafts: dict[str, _Draft], extra: list[_Draft], path: Path) -> None:
    """Merge one user file's drafts into `drafts`, in place.

    Same IRI: union. A new IRI whose labels equal an existing concept's prefLabel (else an
    existing altLabel), case-insensitively, joins that concept: users add aliases without
    knowing our IRIs. Anything else is a new concept. User IRIs that were folded into an
    existing concept are remapped in skos:broader, so `broader` may name either.
    """
    remap: dict[str, str] = {}
    by_pref = {d.pref.casefold(): d.iri for d in drafts.values() if d.pref}
    by_alt: dict[str, set[str]] = {}
    for d in drafts.values():
        for a in d.alts:
            by_alt.setdefault(a.casefold(), set()).add(d.iri)
    for d in extra:
        if d.iri in drafts:
            drafts[d.iri].add(d)
            continue
        labels = [x.casefold() for x in ([d.pref] if d.pref else []) + d.alts]
        hits = {by_pref[x] for x in labels if x in by_pref}
        if not hits:
            hits = set().union(*(by_alt.get(x, set()) for x in labels))
        if len(hits) > 1:
            names = ", ".join(sorted(f"<{h}>" for h in hits))
            raise VocabularyError(f"{path}: <{d.iri}> matches several concepts by label: {names}")
        if hits:
            target = hits.pop()
            remap[d.iri] = target
            drafts[target].add(d)
        else:
            drafts[d.iri] = d
            if d.pref:
                by_pref.setdefault(d.pref.casefold(), d.iri)
        for a in d.alts:
            by_alt.setdefault(a.casefold(), set()).add(remap.get(d.iri, d.iri))
    if remap:
        for d in drafts.values():
            d.broader = list(dict.fromkeys(remap.get(b, b) for b in d.broader))


def load_vocabulary(extra: Sequence[str | Path] = ()) -> Vocabulary:
    """The built-in vocabulary, merged with user Turtle files in the order given.

    All merged concepts belong to our scheme, whatever scheme the user file declares.
    """
    base = _builtin()
    if not extra:
        return base
    drafts = {
        c.iri: _Draft(
            c.iri,
            c.pref_label,
            list(c.alt_labels),
            list(c.broader),
            list(c.case_sensitive_labels),
            list(c.not_after),
            list(c.not_before),
            list(c.introduced_in),
        )
        for c in base.concepts
    }
    for p in extra:
        path = Path(p)
        _merge(drafts, _read(path), path)
        vocab = _freeze(drafts, path)  # checks this file's additions before the next one
    return vocab


# --- display -----------------------------------------------------------------------------


def render_tree(vocab: Vocabulary) -> str:
    """An indented tree by skos:broader, for `paperkg vocab show`.

    Roots have no broader concept; a concept with several parents appears under each.
    Siblings are sorted case-insensitively (IRI breaks ties) so the output is stable.
    """

    def order(cs: Iterable[Concept]) -> list[Concept]:
        return sorted(cs, key=lambda c: (c.pref_label.casefold(), c.pref_label, c.iri))

    def line(c: Concept, depth: int) -> str:
        alts = f"  ({', '.join(c.alt_labels)})" if c.alt_labels else ""
        return f"{'  ' * depth}{c.pref_label}{alts}"

    out: list[str] = []
    roots = order(c for c in vocab.concepts if not any(vocab.get(b) for b in c.broader))
    stack: list[tuple[Concept, int, frozenset[str]]] = [(c, 0, frozenset()) for c in roots[::-1]]
    while stack:
        c, depth, path = stack.pop()
        out.append(line(c, depth))
        below = path | {c.iri}
        kids = [k for k in order(vocab.narrower(c.iri)) if k.iri not in below]
        stack.extend((k, depth + 1, below) for k in reversed(kids))
    return "\n".join(out) + ("\n" if out else "")

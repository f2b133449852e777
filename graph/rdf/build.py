"""Records to RDF, following the public RDF contract (README.md, "The RDF contract").

Each notes file becomes its own named graph (so one file can be rebuilt or pushed alone);
the techniques used and the project's property declarations go into a vocabulary graph.
Every node has a minted IRI: no blank nodes, so outputs are deterministic and remote stores
accept them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

import pyoxigraph as ox
from paperkg.extract.language.vocabulary import Vocabulary
from paperkg.extract.reading.links import cvf_first_author, cvf_paper, paper_identifier
from paperkg.extract.records import ExtractedEntry, NotesFile, TechniqueMention
from paperkg.graph.rdf.graph_memo import FileGraph, GraphMemo, StoredGraphs, stored_key
from paperkg.graph.rdf.identity import (
    external_work_iri,
    file_key,
    name_key,
    notes_file_iri,
    paper_iris,
    safe_iri,
    topic_iri,
)
from paperkg.graph.rdf.namespaces import (
    GRAPHS,
    VOCABULARY_GRAPH,
)
from paperkg.graph.rdf.note_facts import (
    concept_path,
    entry_facts_triples,
    note_link_triples,
    note_paper_names,
)
from paperkg.graph.rdf.paper_metadata import metadata_triples
from paperkg.graph.rdf.predicates import SHARED, P, mention_triples
from paperkg.graph.rdf.sorted_union import SortedUnion
from paperkg.graph.rdf.terms import (
    DCTERMS,
    PKG,
    SDO,
    SKOS,
    Terms,
    Triple,
)
from paperkg.graph.rdf.union_index import UnionIndex
from paperkg.graph.rdf.union_reader import UnionReader
from rdflib import URIRef


@dataclass(frozen=True)
class BuildSummary:
    """Counts for the one summary line a build ends with."""

    papers: int
    topics: int
    techniques: int
    relations: int
    triples: int


PIECE_LINES = 100_000  # lines per bulk load: see `BuiltRdf.nquads`
STREAM_LINES = 10_000  # `build_rdf` passes on a graph's lines this many at a time


class QuadPieces:
    """Named graphs' lines cut into N-Quads pieces of `lines` lines, as the graphs come.

    Pieces cut across graphs: each bulk load costs a fixed share however small it is (40
    notes files, one piece each, took 13 s), and a big graph is cut so that no piece holds
    more than `lines` lines."""

    def __init__(self, lines: int = PIECE_LINES, first: int | None = None) -> None:
        self.lines = lines
        self._size = first or lines  # the first piece may be smaller: the loader starts sooner
        self._parts: list[str] = []
        self._count = 0

    def add(self, graph: str, lines: Sequence[str]) -> Iterator[bytes]:
        """Take one graph's lines ("s p o"); yield every piece that is now full."""
        end = f" <{graph}> .\n"
        start = 0
        while start < len(lines):
            take = min(self._size - self._count, len(lines) - start)
            self._parts.append(end.join(lines[start : start + take]) + end)
            self._count += take
            start += take
            if self._count >= self._size:
                yield from self.flush()

    def flush(self) -> Iterator[bytes]:
        """Yield what is left as one last piece, if anything."""
        if self._count:
            yield "".join(self._parts).encode("utf-8")
        self._parts, self._count, self._size = [], 0, self.lines


def ntriples_pieces(data: bytes, lines: int = PIECE_LINES) -> Iterator[bytes]:
    """N-Triples text cut at line ends into pieces of about `lines` lines (~150 bytes each)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + lines * 150)
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end


@dataclass(frozen=True)
class BuiltRdf:
    """What a build states, once: the triples of each named graph and their union.

    The store is loaded from `nquads()`; the N-Triples, Turtle and JSON-LD exports are
    written from `ntriples()`, and the property graph is read from `union`, so the RDF is
    made once and nothing is read back from the store. `lines` holds each graph's triples
    as N-Triples without the final " .": every text form is joined from them, so a triple
    is spelled once per graph holding it (the union is the set of those lines).
    """

    # graph IRI -> its triples; None: a graph given back as lines alone (`union`)
    graphs: dict[str, frozenset[Triple] | set[Triple] | None]
    terms: Terms
    lines: dict[str, Sequence[str]]  # graph IRI -> its triples spelled "s p o", in no order
    # the last build's sorted union, updated by difference (a watch keeps one)
    sorter: SortedUnion | None = field(default=None, compare=False)
    # the last build's union index, updated by difference (a watch keeps one)
    indexer: UnionIndex | None = field(default=None, compare=False)
    # graph IRI -> the key its lines are kept under (`StoredGraphs`), for the graphs kept
    stored_keys: dict[str, str] = field(default_factory=dict, compare=False)

    @cached_property
    def union(self) -> frozenset[Triple]:
        """Every distinct triple of the graphs (a watch's rebuild reads its kept index).
        Where a graph came back as lines alone (`StoredGraphs`), the union is read from
        the union's lines by Oxigraph's parser: the same terms, for a third of the time
        making them from the records takes."""
        if any(triples is None for triples in self.graphs.values()):
            parsed = ox.parse(self.ntriples(), format=ox.RdfFormat.N_TRIPLES)
            return frozenset((q.subject, q.predicate, q.object) for q in parsed)
        return frozenset().union(*self.graphs.values())  # type: ignore[arg-type]

    @cached_property
    def sorted_lines(self) -> list[str]:
        """The union's distinct lines, sorted (by difference, with a sorter). Read only."""
        # a line is its triple (terms have one spelling each), so the union's lines are
        # the set of the graphs' lines; sorting "s p o" or "s p o .\n" gives one order (no
        # spelled term ends where another goes on with a character below " ")
        if self.sorter is not None:
            return self.sorter.update(self.lines)
        return sorted(set().union(*self.lines.values()))

    @cached_property
    def _ntriples(self) -> bytes:
        lines = self.sorted_lines
        return (" .\n".join(lines) + " .\n").encode("utf-8") if lines else b""

    def ntriples(self) -> bytes:
        """The union as canonical N-Triples, one line per triple, sorted: the export form."""
        return self._ntriples

    def nquads(self, union: bool = True, lines: int = PIECE_LINES) -> Iterator[bytes]:
        """The named graphs as N-Quads, then (`union`) the union as the default graph's
        triples, in pieces of about `lines` lines: Oxigraph's bulk loader holds a whole
        piece in memory (500 MB for the 400,000 quads of 40x the example at once), and each
        piece costs a fixed share (40x: 4.0 CPU s to load in pieces of 100,000, 4.8 in
        pieces of 50,000, for 60 MB more at the peak)."""
        pieces = QuadPieces(lines)
        for graph in sorted(self.graphs):
            yield from pieces.add(graph, self.lines[graph])
        yield from pieces.flush()
        if union:
            yield from ntriples_pieces(self.ntriples(), lines)

    @cached_property
    def reader(self) -> UnionReader:
        """The union indexed by predicate, for the summary and the property graph."""
        if self.indexer is not None:
            return UnionReader.from_index(self.indexer, self.graphs)
        return UnionReader(self.union)

    def summary(self) -> BuildSummary:
        """The counts `summarize` would query, from the triples at hand."""
        read = self.reader
        topics = P.topic_scheme
        return BuildSummary(
            papers=len({s for s, _ in read.pairs(PKG + "notedIn")}),
            topics=len({s for s, o in read.pairs(SKOS + "inScheme") if o == topics}),
            techniques=len({o for _, o in read.pairs(SDO + "mentions")}),
            relations=sum(1 for _ in read.pairs(DCTERMS + "relation")),
            triples=len(self.indexer) if self.indexer is not None else len(self.union),
        )


def graph_iri(path: str) -> URIRef:
    """The named graph holding what one notes file says."""
    return GRAPHS["notes/" + str(notes_file_iri(path)).rsplit("/notes/", 1)[-1]]


def _safe(t: Terms, url: str) -> ox.NamedNode | None:
    """A web link from the notes as an IRI term; None when it is not one (graph/rdf/identity.py)."""
    iri = safe_iri(url)
    return None if iri is None else t.iri(str(iri))


def topic_triples(t: Terms, path: Sequence[str]) -> Iterator[Triple]:
    """A topic and all its ancestors, each a skos:Concept in the topics scheme."""
    yield from concept_path(t, path, topic_iri, P.topic_scheme, "Topics")


def _paper_facts(t: Terms, paper, item: ExtractedEntry) -> Iterator[Triple]:
    entry = item.entry
    yield paper, P.type, P.article
    if entry.title:
        yield paper, P.name, t.text(entry.title)
    if entry.url:
        url_iri = _safe(t, entry.url)  # None for a link that is not a web address
        if url_iri is not None:
            yield paper, P.url, url_iri
        ident = paper_identifier(entry.url)
        if ident:
            yield paper, P.identifier, t.text(ident)
            if ident.startswith("arXiv:"):
                yield paper, P.same_as, t.iri("https://arxiv.org/abs/" + ident[6:])
            elif ident.startswith("doi:"):
                doi_iri = _safe(t, "https://doi.org/" + ident[4:])
                if doi_iri is not None:
                    yield paper, P.same_as, doi_iri
        cvf = cvf_paper(entry.url)
        if cvf:
            yield paper, P.venue, t.text(cvf.venue)
            author = cvf_first_author(cvf.slug, entry.title)
            if author:
                yield paper, P.first_author, t.text(author)
    yield from metadata_triples(t, paper, entry)
    if entry.summary:
        yield paper, P.description, t.text(entry.summary)
    for url in item.code:
        code_iri = _safe(t, url)
        if code_iri is not None:
            yield paper, P.code_repository, code_iri


def _note_triples(t: Terms, paper, item: ExtractedEntry, key: str, path: str) -> Iterator[Triple]:
    """Provenance and the note-taker's verdict: the NoteEntry, Review and Rating nodes."""
    entry = item.entry
    note = t.iri(f"{paper.value}#note-{key}")
    file_node = t.iri(str(notes_file_iri(path)))
    yield paper, P.noted_in, note
    yield paper, P.derived_from, file_node
    yield note, P.type, P.note_entry
    yield note, P.notes_file, file_node
    yield note, P.line, t.integer(entry.line)
    if entry.section:
        yield note, P.section_path, t.text(" > ".join(entry.section))
        yield paper, P.subject, t.iri(str(topic_iri(entry.section)))
    review = t.iri(f"{paper.value}#review-{key}")
    yield paper, P.review, review
    yield review, P.type, P.review_class
    yield review, P.item_reviewed, paper
    yield review, P.derived_from, note
    if entry.comment:
        yield review, P.review_body, t.text(entry.comment)
    if entry.starred:
        yield review, P.starred, t.boolean(True)
    if entry.rating is not None:
        rating = t.iri(f"{paper.value}#rating-{key}")
        yield review, P.review_rating, rating
        yield rating, P.type, P.rating_class
        yield rating, P.rating_value, t.number(entry.rating)
        yield rating, P.best_rating, t.integer(entry.rating_scale)
        yield rating, P.worst_rating, t.integer(0)
        if entry.rating_uncertain:
            yield rating, P.rating_uncertain, t.boolean(True)


def _links_triples(
    t: Terms,
    paper,
    item: ExtractedEntry,
    key: str,
    iris: Sequence,
    named: Mapping[str, ox.NamedNode] | None = None,
) -> Iterator[Triple]:
    """Techniques mentioned and related works, each with a Mention saying where.

    `named` maps the names per-paper notes go by (`note_facts.note_paper_names`) to their
    papers: a work named so in a comment is that paper, not an external work."""
    note = t.iri(f"{paper.value}#note-{key}")
    for n, tech in enumerate(item.techniques, start=1):
        concept = t.iri(tech.concept)
        yield paper, P.mentions, concept
        mention = t.iri(f"{paper.value}#mention-{key}-t{n}")
        yield from mention_triples(t, note, mention, concept, tech.part, tech.line, tech.surface)
    for n, rel in enumerate(item.related, start=1):
        if rel.target is not None:
            target = iris[rel.target]
        elif not rel.url and named and name_key(rel.name or "") in named:
            target = named[name_key(rel.name or "")]
        else:
            target = t.iri(str(external_work_iri(rel.name, rel.url)))
            is_paper = bool(rel.url and paper_identifier(rel.url))
            yield target, P.type, P.article if is_paper else P.creative_work
            if rel.name:
                yield target, P.name, t.text(rel.name)
            rel_iri = _safe(t, rel.url) if rel.url else None
            if rel_iri is not None:
                yield target, P.url, rel_iri
        if target == paper:
            continue
        yield paper, P.relation, target
        mention = t.iri(f"{paper.value}#mention-{key}-r{n}")
        yield from mention_triples(t, note, mention, target, rel.part, rel.line, rel.surface)
        prop = P.relations.get(rel.relation or "")
        if prop is not None:
            yield paper, prop, target
            yield mention, P.relation_type, prop


def _has_note_facts(entry) -> bool:
    fields = (entry.authors, entry.venue, entry.aliases, entry.tags, entry.folder)
    return entry.year is not None or any(fields)


def notes_file_triples(
    t: Terms,
    notes: NotesFile,
    iris: Sequence,
    all_iris: Sequence[ox.NamedNode] = (),
    named: Mapping[str, ox.NamedNode] | None = None,
) -> Iterator[Triple]:
    """Everything one notes file says; `iris` are the paper IRI terms of its entries, in order.

    `all_iris` are those of every file, in order: an entry's `resolved_links` (made by
    `extract.reading.note_links.link_notes` over the same files) point into them."""
    file_node = t.iri(str(notes_file_iri(notes.path)))
    yield file_node, P.type, P.notes_file_class
    yield file_node, P.type, P.entity
    yield file_node, P.path, t.text(notes.path)
    yield file_node, P.sha256, t.text(notes.sha256)
    seen_keys: dict = {}
    topics: set[tuple[str, ...]] = set()
    own_iris = list(iris)
    prefix = file_key(notes.path)
    for item, paper in zip(notes.entries, iris, strict=True):
        count = seen_keys.get(paper, 0) + 1
        seen_keys[paper] = count
        key = prefix + ("" if count == 1 else f"-{count}")
        yield from _paper_facts(t, paper, item)
        yield from _note_triples(t, paper, item, key, notes.path)
        yield from _links_triples(t, paper, item, key, own_iris, named)
        entry = item.entry
        if _has_note_facts(entry):  # most list entries have none
            yield from entry_facts_triples(t, paper, entry, key)
        if item.resolved_links:
            yield from note_link_triples(t, paper, key, item.resolved_links, all_iris)
        if item.entry.section:
            topics.add(item.entry.section)
    for path in sorted(topics):
        yield from topic_triples(t, path)


def vocabulary_triples(t: Terms, vocab: Vocabulary, used: Iterable[str]) -> Iterator[Triple]:
    """The techniques used, with their ancestors, and the project's own declarations."""
    scheme = P.technique_scheme
    todo = sorted(set(used))
    done: set[str] = set()
    while todo:
        iri = todo.pop()
        if iri in done:
            continue
        done.add(iri)
        concept = vocab.get(iri)
        if concept is None:
            continue
        node = t.iri(iri)
        yield node, P.type, P.concept
        yield node, P.pref_label, t.text(concept.pref_label)
        yield node, P.in_scheme, scheme
        for alt in concept.alt_labels:
            yield node, P.alt_label, t.text(alt)
        # lowercase spellings as hidden labels: a query can look a technique up by index
        # ("lora" -> LoRA) instead of filtering every label through LCASE
        shown = {concept.pref_label, *concept.alt_labels}
        for hidden in sorted({label.lower() for label in shown} - shown):
            yield node, P.hidden_label, t.text(hidden)
        for parent in concept.broader:
            yield node, P.broader, t.iri(parent)
            todo.append(parent)
        if not concept.broader:
            yield scheme, P.has_top_concept, node
    yield scheme, P.type, P.concept_scheme
    yield scheme, P.pref_label, t.text("Techniques")
    for prop in P.relations.values():
        yield prop, P.type, P.object_property
        yield prop, P.sub_property_of, P.relation
        yield prop, P.label, t.text(prop.value.split("#")[-1])


def candidate_triples(
    t: Terms, mentions: Iterable[TechniqueMention], vocab: Vocabulary
) -> Iterator[Triple]:
    """Candidate techniques (`pkg:candidate true`) and their heads the vocabulary lacks."""
    scheme = P.technique_scheme
    for mention in mentions:
        concepts = [(mention.concept, mention.label, mention.broader)]
        if mention.broader and mention.broader_label and vocab.get(mention.broader) is None:
            concepts.append((mention.broader, mention.broader_label, None))
        for iri, label, broader in concepts:
            node = t.iri(iri)
            yield node, P.type, P.concept
            yield node, P.pref_label, t.text(label)
            yield node, P.in_scheme, scheme
            yield node, P.candidate, t.boolean(True)
            if broader:
                yield node, P.broader, t.iri(broader)
            else:
                yield scheme, P.has_top_concept, node


def _collect(
    graph: str,
    triples: Iterable[Triple],
    text: Mapping,
    on_graph: Callable[[str, list[str]], None] | None,
) -> tuple[set[Triple], list[str]]:
    """A graph's distinct triples and their lines, passing on new lines as they are made."""
    mine: set[Triple] = set()
    spelled: list[str] = []
    sent = 0
    for triple in triples:
        size = len(mine)
        mine.add(triple)
        if len(mine) == size:
            continue  # said before in this graph
        s, p, o = triple
        spelled.append(f"{text[s]} {text[p]} {text[o]}")
        if on_graph is not None and len(spelled) - sent >= STREAM_LINES:
            on_graph(graph, spelled[sent:])
            sent = len(spelled)
    if on_graph is not None and len(spelled) > sent:
        on_graph(graph, spelled[sent:])
    return mine, spelled


def _file_graph(
    t: Terms,
    notes: NotesFile,
    own: Sequence[ox.NamedNode],
    iris: Sequence[ox.NamedNode],
    named: Mapping[str, ox.NamedNode],
    on_graph: Callable[[str, list[str]], None] | None,
) -> FileGraph:
    """One notes file's graph made anew, with the techniques it uses."""
    triples = notes_file_triples(t, notes, own, iris, named)
    mine, spelled = _collect(str(graph_iri(notes.path)), triples, t.spellings, on_graph)
    return FileGraph(frozenset(mine), spelled, *_techniques_used(notes))


def _techniques_used(notes: NotesFile) -> tuple[frozenset[str], tuple[TechniqueMention, ...]]:
    """The techniques a file's graph uses (for the vocabulary graph) and its candidates."""
    used: set[str] = set()
    candidates = []
    for item in notes.entries:
        for tech in item.techniques:
            used.add(tech.broader or tech.concept if tech.candidate else tech.concept)
            if tech.candidate:
                candidates.append(tech)
    return frozenset(used), tuple(candidates)


def _stored_graph(
    graph: str,
    key: str,
    stored: StoredGraphs,
    notes: NotesFile,
    on_graph: Callable[[str, list[str]], None] | None,
) -> FileGraph | None:
    """A file's graph as another process stored it under `key`, or None."""
    found = stored.get(key)
    if found is None:
        return None
    lines, triples = found
    return _kept_graph(graph, FileGraph(triples, lines, *_techniques_used(notes)), on_graph)


def _kept_graph(
    graph: str, kept: FileGraph, on_graph: Callable[[str, list[str]], None] | None
) -> FileGraph:
    """A graph the memo kept, its lines passed on as `_collect` would pass them."""
    if on_graph is not None:
        for start in range(0, len(kept.lines), STREAM_LINES):
            on_graph(graph, list(kept.lines[start : start + STREAM_LINES]))
    return kept


def build_rdf(
    notes_files: Sequence[NotesFile],
    vocab: Vocabulary,
    on_graph: Callable[[str, list[str]], None] | None = None,
    memo: GraphMemo | None = None,
    sorter: SortedUnion | None = None,
    indexer: UnionIndex | None = None,
    stored: StoredGraphs | None = None,
) -> BuiltRdf:
    """Records to the triples of each notes file's named graph and of the vocabulary graph.

    `notes_files` are records as extraction leaves them (`extract.reading.note_links.
    link_notes`: links between notes resolved over exactly these files, in this order).
    Paper IRIs are assigned across all files at once, so the same paper noted in two files
    is one node. `on_graph` is called with a graph's IRI and its new lines (`BuiltRdf.lines`)
    every `STREAM_LINES` lines and at its end, so the store can load them while the rest is
    built (a one-file build is one graph). `memo` (graph/rdf/graph_memo.py) gives back the
    graphs of files whose inputs did not change since the build that kept them, and
    `sorter` (graph/rdf/sorted_union.py) the union's sorted lines by difference, and
    `indexer` (graph/rdf/union_index.py) its index by predicate likewise. `stored` gives
    back, without a memo, the lines of files' graphs an earlier build stored
    (`graph_memo.StoredGraphs`), and keeps those made anew.
    """
    t = Terms(shared=SHARED)
    flat = [item.entry for notes in notes_files for item in notes.entries]
    uris = paper_iris(flat, memo.entry_keys if memo is not None else None)
    iris = [t.iri(str(iri)) for iri in uris]
    named = note_paper_names(flat, iris)
    graphs: dict[str, frozenset[Triple] | set[Triple]] = {}
    lines: dict[str, Sequence[str]] = {}
    start = 0
    used: set[str] = set()
    candidates: list[TechniqueMention] = []
    stored_keys: dict[str, str] = {}
    for notes in notes_files:
        mine = iris[start : start + len(notes.entries)]
        start += len(notes.entries)
        graph = str(graph_iri(notes.path))
        key = memo.key(notes, mine, iris, named) if memo is not None else None
        kept = memo.get(key) if memo is not None else None
        record = stored.record_id(notes.path) if stored is not None and memo is None else None
        as_stored = stored_key(record, notes, mine, iris, named) if record else None
        if kept is not None:
            made = _kept_graph(graph, kept, on_graph)
        elif as_stored and (back := _stored_graph(graph, as_stored, stored, notes, on_graph)):
            made = back
        else:
            made = _file_graph(t, notes, mine, iris, named, on_graph)
            if memo is not None:
                memo.put(key, made)
            if as_stored and stored is not None:
                stored.put(as_stored, made.lines)
        if as_stored:
            stored_keys[graph] = as_stored
        graphs[graph], lines[graph] = made.triples, made.lines
        used |= made.used
        candidates.extend(made.candidates)
    vocabulary = chain(vocabulary_triples(t, vocab, used), candidate_triples(t, candidates, vocab))
    vocab_graph = str(VOCABULARY_GRAPH)
    graphs[vocab_graph], lines[vocab_graph] = _collect(
        vocab_graph, vocabulary, t.spellings, on_graph
    )
    return BuiltRdf(graphs, t, lines, sorter=sorter, indexer=indexer, stored_keys=stored_keys)

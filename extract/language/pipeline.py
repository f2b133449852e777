"""Run the NLP over parsed entries: techniques, related works and code links per entry.

`build_nlp` assembles a blank English pipeline (sentencizer, technique ruler,
cross-reference linker, named-work matcher, relation-cue tagger) once per vocabulary and
process. `extract_entries` sends every entry part through `nlp.pipe` in one batch and
turns the spans, plus the entry's own links, into records the graph builder reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import spacy
from paperkg.extract.language import (  # noqa: F401  (registers the components' factories)
    cross_references,
    named_works,
    relation_cues,
    technique_candidates,
    technique_ruler,
)
from paperkg.extract.language.cross_references import NEXT, PREV, normalise, short_name
from paperkg.extract.language.doc_text import TextKeepingTokenizer, doc_text
from paperkg.extract.language.introducing_titles import (
    introduced_mentions,
    introducing_titles,
    vocab_key,
)
from paperkg.extract.language.named_works import NOT_WORKS_KEY
from paperkg.extract.language.relation_cues import relation_before
from paperkg.extract.language.technique_candidates import (
    CANDIDATE,
    CandidateTechniques,
    candidate_label,
)
from paperkg.extract.language.word_kinds import is_short_acronym, looks_english, stop_lists
from paperkg.extract.language.work_cues import named_as_data, named_as_tool
from paperkg.extract.reading.evidence import blog_page
from paperkg.extract.reading.links import link_kind, same_paper
from paperkg.extract.records import Entry, ExtractedEntry, Link, RelatedMention, TechniqueMention
from spacy.language import Language
from spacy.tokens import Doc, Span

PARTS = ("title", "summary", "comment")
RELATED_PARTS = ("summary", "comment")
BATCH_SIZE = 256
CODE_WORDS = frozenset(
    {
        "code",
        "codes",
        "source",
        "source code",
        "repo",
        "repository",
        "github",
        "gitlab",
        "weights",
        "weight",
        "model",
        "models",
        "checkpoint",
        "checkpoints",
        "ckpt",
        "released",
        "release",
        "implementation",
        "official implementation",
        "demo",
        "colab",
        "notebook",
        "project",
        "project page",
        "page",
        "website",
        "site",
        "huggingface",
        "hf",
        "space",
        "dataset",
        "data",
        "here",
        "link",
    }
)
_IMAGE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp)(?:\?.*)?$", re.IGNORECASE)

_CACHE: dict[object, Language] = {}
TOKENIZER_CACHE = 500_000


def build_nlp(vocab: object) -> Language:
    """The pipeline for a vocabulary, compiled once per process and vocabulary."""
    key = vocab_key(vocab)
    nlp = _CACHE.get(key)
    if nlp is not None:
        return nlp
    nlp = spacy.blank("en")
    _split_glued_brackets(nlp)
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("paperkg_technique_ruler")
    candidates = nlp.add_pipe("paperkg_technique_candidates")
    nlp.add_pipe("paperkg_cross_references")
    nlp.add_pipe("paperkg_named_works")
    nlp.add_pipe("paperkg_relation_cues")
    ruler.add_concepts(getattr(vocab, "concepts", ()))
    candidates.add_concepts(getattr(vocab, "concepts", ()))
    _CACHE[key] = nlp
    return nlp


def _split_glued_brackets(nlp: Language) -> None:
    """Notes glue markers to words: "3)dalle2", "depthwise(V)", "~stylegans", "ViT+MLP"."""
    infixes = [
        *nlp.Defaults.infixes,
        r"(?<=[0-9A-Za-z])\)(?=[A-Za-z])",
        r"(?<=[A-Za-z])\((?=[A-Za-z])",
        r"(?<=[0-9A-Za-z])\+(?=[A-Za-z])",  # "ResNet152+FPN", "ViT+MLP": two names
    ]
    prefixes = [*nlp.Defaults.prefixes, r"~=?", r"≈"]
    old = nlp.tokenizer
    nlp.tokenizer = TextKeepingTokenizer(
        nlp.vocab,
        rules=old.rules,
        prefix_search=spacy.util.compile_prefix_regex(prefixes).search,
        suffix_search=old.suffix_search,
        infix_finditer=spacy.util.compile_infix_regex(infixes).finditer,
        token_match=old.token_match,
        url_match=old.url_match,
        # spaCy caches 10,000 chunks by default: the vocabulary's patterns alone (made with
        # make_doc) fill that, and the notes' words then go through the affix rules every time
        max_cache_size=TOKENIZER_CACHE,
    )


@dataclass(frozen=True)
class _Part:
    entry: int
    part: str
    text: str
    line: int


def _parts(entries: Sequence[Entry], chosen: range) -> list[_Part]:
    out = []
    for i in chosen:
        entry = entries[i]
        for part in PARTS:
            text = getattr(entry, part)
            if text and text.strip():
                out.append(_Part(i, part, text, entry.part_line(part)))
    return out


def _is_code_link(link: Link) -> bool:
    kind = link_kind(link.url)
    text = " ".join(link.text.lower().split())
    if kind == "code" or any(host in link.url.lower() for host in stop_lists().video_hosts):
        return True  # a video of the paper goes with its code
    if kind == "paper":
        return False
    return text in CODE_WORDS or (kind == "project" and not _names_a_work(link.text))


def _names_a_work(text: str) -> bool:
    """Link text that names something: not generic words ("code", "here", "great talk").

    One ordinary English word in any case ("Features", "video") names no work; nor does
    text made only of link words (talk, slides, blog, here, this, ...) and ordinary
    words, nor a stop-listed acronym or a two-capital abbreviation ("NN").
    """
    words = re.findall(r"[A-Za-z0-9]+", text)
    if not words:
        return False
    stops = stop_lists()
    if len(words) == 1:
        word = words[0]
        return not (
            looks_english(word)
            or word.lower() in stops.not_work_link_words
            or stops.blocks(word)
            or is_short_acronym(word)
        )
    lowered = [w.lower() for w in words]
    if any(w in stops.not_work_link_words for w in lowered):
        return not all(w in stops.not_work_link_words or looks_english(w) for w in lowered)
    return True


def _local(url: str) -> bool:
    """A link to a file beside the notes (another note), not to the web."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) is None


def _bare(link: Link) -> bool:
    """A blog post's URL written bare names no work: the post was read, not cited (a
    post's "References: https://example.org/2018/04/03/slug.html")."""
    return link.text.strip() in (link.url, link.url.rstrip("/")) and blog_page(link.url)


def _ordinary_words(text: str) -> bool:
    """Text made only of ordinary English words, in any case ("Feature Reuse")."""
    words = re.findall(r"[A-Za-z]+", text)
    return bool(words) and all(looks_english(w) or stop_lists().blocks(w) for w in words)


def _names_a_technique(doc: Doc | None, text: str) -> bool:
    """Link text that is, as a whole, a technique of the vocabulary ("[Attention](...)")."""
    if doc is None or not text.strip():
        return False
    at = doc_text(doc).find(text)
    if at < 0:
        return False
    span = doc.char_span(at, at + len(text.strip()), alignment_mode="expand")
    if span is None:
        return False
    inside = [
        t for t in doc.spans.get("techniques", ()) if span.start <= t.start and t.end <= span.end
    ]
    words = [t for t in span if t.is_alpha or t.is_digit or t.like_num]
    covered = {i for t in inside for i in range(t.start, t.end)}
    return bool(inside) and all(t.i in covered for t in words)


def _names_data(doc: Doc | None, text: str) -> bool:
    """Link text the words around it call data ("a popular dataset is [Zorb-2](...)"), a
    format or software ("the [Zorb](...) representation")."""
    if doc is None or not text.strip():
        return False
    at = doc_text(doc).find(text)
    span = doc.char_span(at, at + len(text.strip()), alignment_mode="expand") if at >= 0 else None
    return span is not None and (named_as_data(doc, span) or named_as_tool(doc, span))


def _not_work_host(url: str) -> bool:
    lowered = url.lower()
    return any(host in lowered for host in stop_lists().not_work_hosts)


_SMALL_WORDS = frozenset({"a", "an", "the", "of", "for", "with", "and", "to", "in", "on", "by"})


def abbreviates_title(name: str, title: str | None) -> bool:
    """ZorbNet-DRG in the notes on "... with Dynamic Routing Graphs": a part of the name
    is the initials of three or more title words (two letters match by chance: "Foo-AD"
    in notes on "... Autonomous Driving"), so the name is the paper's own."""
    if not title:
        return False
    words = [w for w in re.findall(r"[A-Za-z0-9]+", title) if w.lower() not in _SMALL_WORDS]
    initials = "".join(w[0].lower() for w in words)
    parts = [p for p in re.split(r"[-_/]", name) if re.fullmatch(r"[A-Z]{2,}s?", p)]
    return any(p.rstrip("s").lower() in initials for p in parts if len(p.rstrip("s")) >= 3)


def _own_names(entry: Entry) -> set[str]:
    names = set()
    if entry.title:
        short = short_name(entry.title)
        if short:
            names.add(normalise(short))
    return names


class _Collector:
    """Gathers one entry's mentions, keeping the first of each and its provenance."""

    def __init__(self, index: int, entry: Entry) -> None:
        self.index = index
        self.entry = entry
        self.techniques: dict[str, TechniqueMention] = {}
        self.related: dict[tuple, RelatedMention] = {}
        self.code: list[str] = []
        self.link_names: set[str] = set()
        self.own = _own_names(entry)
        self.title_words = {normalise(w) for w in re.split(r"[\s:,]+", entry.title or "")}
        self.not_works: set[str] = set()

    def add_technique(self, mention: TechniqueMention) -> None:
        self.techniques.setdefault(mention.concept, mention)

    def mark_introduced(
        self, by_title: Mapping[str, tuple[str, ...]], labels: dict[str, str]
    ) -> None:
        """The techniques the entry's paper introduced, known by its title, marked so."""
        for mention in introduced_mentions(self.entry, self.techniques, by_title, labels):
            self.techniques[mention.concept] = mention

    def add_related(self, key: tuple, mention: RelatedMention) -> None:
        if key not in self.related:
            self.related[key] = mention

    def result(self) -> ExtractedEntry:
        related = tuple(
            r for r in self.related.values() if r.url or not names_no_work(r.name, self.not_works)
        )
        return ExtractedEntry(
            entry=self.entry,
            techniques=tuple(self.techniques.values()),
            related=related,
            code=tuple(dict.fromkeys(self.code)),
            not_works=tuple(sorted(self.not_works)),
        )


def singular_key(key: str) -> str:
    """A name's key without a plural ending: "zorbnets", "zorbmatches" -> zorbnet, zorbmatch."""
    if key.endswith(("ches", "shes", "xes", "sses")):
        return key[:-2]
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def names_no_work(name: str | None, not_works: set[str] | frozenset[str]) -> bool:
    """A name the entry shows elsewhere is a dataset or its own, in either number."""
    key = normalise(name or "")
    return bool(key) and singular_key(key) in not_works


def _add_links(collector: _Collector, entry: Entry, part_docs: dict[str, Doc]) -> None:
    for link in entry.links:
        if not link.url or _IMAGE.search(link.url) or same_paper(link.url, entry.url):
            continue
        if _is_code_link(link):
            collector.code.append(link.url)
            continue
        if link_kind(link.url) != "paper" and (
            _not_work_host(link.url) or _bare(link) or not _names_a_work(link.text)
        ):
            continue
        if _local(link.url) and _ordinary_words(link.text):
            continue  # a link to the user's own note on a concept ("[Loss Landscapes](...)")
        if entry.title and normalise(link.text) == normalise(entry.title):
            continue  # the entry's own title, linked again
        part, relation = _locate(link, entry, part_docs)
        if link_kind(link.url) != "paper" and (
            _names_a_technique(part_docs.get(part), link.text)
            or _names_data(part_docs.get(part), link.text)
        ):
            continue  # a link to a page about a technique of the vocabulary, or to data
        name = " ".join(link.text.split()) or None
        collector.link_names.add(normalise(link.text))
        collector.add_related(
            ("url", link.url),
            RelatedMention(
                part=part,
                line=link.line,
                name=name,
                url=link.url,
                relation=relation,
                surface=link.text,
            ),
        )


def _locate(link: Link, entry: Entry, part_docs: dict[str, Doc]) -> tuple[str, str | None]:
    """The part a link's text sits in, and the relation cue before it there."""
    for part in RELATED_PARTS:
        doc = part_docs.get(part)
        if doc is None or not link.text:
            continue
        at = doc_text(doc).find(link.text)
        if at < 0:
            continue
        span = doc.char_span(at, at + len(link.text), alignment_mode="expand")
        return part, relation_before(doc, span.start) if span is not None else None
    return "comment", None


def _acronym(text: str) -> bool:
    return not any(c.islower() for c in text)


def _brand(written: str, label: str) -> bool:
    """A title's own short name that is the paper's brand, not the technique it matched.

    "DLT: ..." (an acronym label) or "A-STAR: ..." (capitals that only resemble "A*
    search") collide with a technique by accident; "EfficientNets: ..." or "WAVENET: ..."
    (the label itself, shouted) found the family the vocabulary lists.
    """
    if _acronym(label):
        return True
    return _acronym(written) and written.lower() != label.lower()


def _own_name_tokens(doc: Doc) -> tuple[int, int] | None:
    """Token range of a title's short name (the words before ':'), if it has one."""
    name = short_name(doc_text(doc))
    if name is None:
        return None
    at = doc_text(doc).find(name)
    span = doc.char_span(at, at + len(name), alignment_mode="expand") if at >= 0 else None
    return (span.start, span.end) if span is not None else None


def _technique_mention(
    span: Span, part: _Part, labels: dict[str, str], candidates: CandidateTechniques
) -> TechniqueMention:
    if span.label_ != CANDIDATE:
        return TechniqueMention(
            concept=span.id_,
            label=labels.get(span.id_, span.id_),
            surface=span.text,
            part=part.part,
            line=part.line,
        )
    head = candidates.head(span.kb_id_)
    return TechniqueMention(
        concept=span.id_,
        label=candidate_label(span[0].text, head.word if head else span[-1].lower_),
        surface=span.text,
        part=part.part,
        line=part.line,
        candidate=True,
        broader=span.kb_id_,
        broader_label=head.label if head else None,
    )


def _add_spans(
    collector: _Collector,
    part: _Part,
    doc: Doc,
    n_entries: int,
    labels: dict[str, str],
    candidates: CandidateTechniques,
) -> None:
    own_name = _own_name_tokens(doc) if part.part == "title" else None
    spans = [*doc.spans.get("techniques", ()), *doc.spans.get("technique_candidates", ())]
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if (
            own_name is not None
            and (span.start, span.end) == own_name
            and _brand(span.text, labels.get(span.id_, span.text))
        ):
            continue
        collector.add_technique(_technique_mention(span, part, labels, candidates))
    if part.part not in RELATED_PARTS:
        return
    for span in doc.spans.get("cross_references", ()):
        if span.label_ == NEXT:
            target = part.entry + 1
        elif span.label_ == PREV:
            target = part.entry - 1
        else:
            target = int(span.kb_id_)
        if target == part.entry or not 0 <= target < n_entries:
            continue
        collector.add_related(
            ("target", target),
            RelatedMention(
                part=part.part,
                line=part.line,
                target=target,
                relation=span._.relation,
                surface=span.text,
            ),
        )
    collector.not_works.update(
        k for s in doc.spans.get(NOT_WORKS_KEY, ()) if (k := singular_key(normalise(s.text)))
    )
    alias_words = {w for w in relation_cues.relation_cues().self_alias}
    for span in doc.spans.get("named_works", ()):
        key = normalise(span.text)
        if not key or key in collector.own or key in collector.link_names:
            continue
        if abbreviates_title(span.text, collector.entry.title):
            continue
        if key in collector.title_words:
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in alias_words:
            continue  # "aka TIME": the paper's own other name
        collector.add_related(
            ("name", key),
            RelatedMention(
                part=part.part,
                line=part.line,
                name=span.text,
                relation=span._.relation,
                surface=span.text,
            ),
        )


def extract_entries(
    entries: Sequence[Entry], vocab: object, only: range | None = None
) -> tuple[ExtractedEntry, ...]:
    """Techniques, related works and code links of each entry, in the entries' order.

    With `only`, just those entries' records: the others still make the catalogue their
    cross-references point into, so a range gives what the whole file gives for it."""
    nlp = build_nlp(vocab)
    labels = {
        iri: rule.label for iri, rule in nlp.get_pipe("paperkg_technique_ruler").rules.items()
    }
    chosen = range(len(entries)) if only is None else only
    parts = _parts(entries, chosen)
    linker = nlp.get_pipe("paperkg_cross_references")
    collectors = {i: _Collector(i, entries[i]) for i in chosen}
    docs_by_entry: dict[int, dict[str, Doc]] = {}
    with linker.catalogue([e.title for e in entries]):
        docs = list(nlp.pipe((p.text for p in parts), batch_size=BATCH_SIZE))
    for part, doc in zip(parts, docs, strict=True):
        docs_by_entry.setdefault(part.entry, {})[part.part] = doc
    for i in chosen:
        _add_links(collectors[i], entries[i], docs_by_entry.get(i, {}))
    candidates = nlp.get_pipe("paperkg_technique_candidates")
    for part, doc in zip(parts, docs, strict=True):
        _add_spans(collectors[part.entry], part, doc, len(entries), labels, candidates)
    by_title = introducing_titles(vocab)
    for i in chosen:
        collectors[i].mark_introduced(by_title, labels)
    return tuple(collectors[i].result() for i in chosen)

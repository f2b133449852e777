"""The NLP over a per-paper note, and what its links to other notes name.

A note is long: it goes through the same spaCy pipeline as list entries, one block
(heading, paragraph, list item) at a time so that each technique's first mention keeps the
line it was written on, and the blocks' findings are merged into the paper's one record.

A link to another note (`[[Knowledge Distillation]]`, `[DALL-E](DALL-E.md)`) names either a
technique (then it is a mention of it, like the words it shows), a generic thing (a task,
dataset, metric or ordinary word: nothing), or possibly another work. Which note, and so
which paper, it points at is decided once all files are read (`note_links.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from paperkg.extract.language.paper_names import link_name, normalise, short_name
from paperkg.extract.language.pipeline import (
    abbreviates_title,
    build_nlp,
    extract_entries,
    names_no_work,
)
from paperkg.extract.language.result_rows import abbreviates, compared_work
from paperkg.extract.language.technique_ruler import techniques as technique_spans
from paperkg.extract.language.word_kinds import stop_lists
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.paper_note import NoteBlock
from paperkg.extract.records import (
    Entry,
    ExtractedEntry,
    NoteLink,
    RelatedMention,
    TechniqueMention,
)

_SHAPED = re.compile(
    r"(?=.*[a-z][A-Z])[A-Za-z][A-Za-z0-9]*[A-Za-z0-9]"  # CamelCase: TinyBERT, ZetaNet
    r"|[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?"  # acronyms: DALL, GPT
    r"|[A-Za-z]+[0-9]+[A-Za-z0-9]*"  # letters and digits: pix2pix, GPT3
)


@cache
def _link_words() -> tuple[frozenset[str], frozenset[str]]:
    words = note_words()
    names = frozenset(re.sub(r"[^0-9a-z]+", "", w) for w in words["datasets_and_metrics"])
    return words["task_heads"], names


def generic_name(name: str) -> bool:
    """A task, dataset, metric or ordinary words: a link with this name names no work.

    Vault links mostly point at concept notes ("Bayesian", "Gradient Descent", "Layers"),
    so a name counts as a work's only when a word of it has a name's shape: CamelCase,
    capitals, or letters glued to digits (TinyBERT, DALL-E, GPT-f, pix2pix)."""
    heads, datasets = _link_words()
    words = re.findall(r"[0-9A-Za-z]+", name)
    if not words:
        return True
    if re.sub(r"[^0-9a-z]+", "", name.lower()) in datasets or stop_lists().is_dataset(name):
        return True
    if words[-1].lower() in heads or any(stop_lists().blocks(w) for w in words):
        return True
    return not any(_SHAPED.fullmatch(w) for w in words)


def _covers(doc) -> TechniqueMention | None:
    """The technique a whole short text names, if it names exactly one."""
    spans = technique_spans(doc)
    words = [t for t in doc if not t.is_punct and not t.is_space]
    for span in spans:
        inside = [t for t in span if not t.is_punct]
        if len(inside) == len(words):
            return TechniqueMention(span.id_, span.id_, span.text, "comment", 0)
    return None


_LABEL_KEYS: dict[object, dict[str, str]] = {}


def _label_keys(vocab: object) -> dict[str, str]:
    """Every label of the vocabulary by its letters and digits ("gpt3" -> GPT-3): note names
    drop the punctuation of what they name ("GPT3.md", "BlockNeRF.md")."""
    key: object = getattr(vocab, "concepts", ())
    try:
        hash(key)
    except TypeError:
        key = id(vocab)
    found = _LABEL_KEYS.get(key)
    if found is None:
        found = {}
        for concept in getattr(vocab, "concepts", ()):
            for label in (concept.pref_label, *concept.alt_labels):
                k = re.sub(r"[^0-9a-z]+", "", label.lower())
                if len(k) >= 3:
                    found.setdefault(k, concept.iri)
        _LABEL_KEYS[key] = found
    return found


def classify_note_links(
    item: ExtractedEntry, vocab: object, labels: dict[str, str]
) -> ExtractedEntry:
    """Links naming a technique become mentions of it and stay links, unnamed (related to
    the linked note's paper, if it is one, never an external work); generic ones are
    dropped; the rest stay note links, marked `named` when their name has the shape of a
    work's name."""
    links = item.entry.note_links
    if not links:
        return item
    nlp = build_nlp(vocab)
    names = sorted({n for link in links for n in (link_name(link), link.text) if n})
    docs = dict(zip(names, nlp.pipe(names), strict=True))
    found = {t.concept: t for t in item.techniques}
    kept: list[NoteLink] = []
    for link in links:
        name = link_name(link)
        tech = _covers(docs[name]) if name else None
        tech = tech or (_covers(docs[link.text]) if link.text else None)
        iri = _label_keys(vocab).get(re.sub(r"[^0-9a-z]+", "", name.lower()))
        if tech is None and iri is not None:
            tech = TechniqueMention(iri, labels.get(iri, iri), link.text, "comment", link.line)
        if tech is not None:
            if tech.concept not in found:
                found[tech.concept] = replace(
                    tech, label=labels.get(tech.concept, tech.label), line=link.line
                )
            # still a link: to another paper's note it relates the two papers too (the
            # CLIP paper's note); to a concept note or no note read, it names no work
            kept.append(replace(link, named=False))
            continue
        named = not generic_name(name) and not generic_name(link.text or name)
        kept.append(replace(link, named=named))
    entry = replace(item.entry, note_links=tuple(kept))
    return replace(item, entry=entry, techniques=tuple(found.values()))


def _block_entry(entry: Entry, block: NoteBlock) -> Entry:
    return Entry(
        notes_file=entry.notes_file,
        line=block.line,
        end_line=block.line,
        section=(),
        title=None,
        url=entry.url,
        comment=block.nlp_text,
        links=block.links,
        text=block.nlp_text,
        part_lines=(("comment", block.line),),
    )


def _own_names(entry: Entry) -> set[str]:
    """Keys of the names the paper itself goes by: not related works of its own note."""
    names = {normalise(a) for a in entry.aliases}
    if entry.title:
        short = short_name(entry.title)
        names.add(normalise(short or entry.title))
        names |= {normalise(w) for w in re.split(r"[\s:,]+", entry.title)}
    return {n for n in names if n}


def _abbreviates(part: str, words: Sequence[str]) -> bool:
    """`part` is made from consecutive title words: their initials ("AIG" for "Adaptive
    Inference Graphs") or their first letters run together ("ConvNet": Convolutional
    Networks)."""
    low = part.lower()
    if len(low) < 2:
        return False
    for start in range(len(words)):
        initials = ""
        for word in words[start:]:
            initials += word[0]
            if initials == low:
                return True
            if not low.startswith(initials):
                break
        if _prefixes(low, words[start:]):
            return True
    return False


def _prefixes(low: str, words: Sequence[str]) -> bool:
    """`low` is word prefixes of at least three letters, one per consecutive word."""
    if not low:
        return True
    if not words:
        return False
    word = words[0]
    return (
        any(
            low.startswith(word[:n]) and _prefixes(low[n:], words[1:])
            for n in range(min(len(word), len(low)), 2, -1)
        )
        and len(low) >= 3
    )


def own_acronym(name: str, title: str | None) -> bool:
    """A name the paper coins from its own title ("ConvNet-AIG" for "Convolutional Networks
    with Adaptive Inference Graphs"): every part of it abbreviates title words."""
    if not title:
        return False
    stop = note_words()["title_stop_words"]
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", title) if w.lower() not in stop]
    parts = [p for p in re.split(r"[-_\s]+", name) if p]
    return bool(parts) and all(_abbreviates(p, words) for p in parts)


def written_as_term(name: str, text: str) -> bool:
    """ "RowKey" where the note also writes "row key", "Timestamp" beside "the timestamp":
    a name the same note writes in lowercase words is its CamelCase spelling of a term of
    the note, a common noun; a work's name is a proper noun and keeps its capitals."""
    if not re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)*", name):
        return False  # acronyms, digits and hyphens are names whatever the text
    words = [w.lower() for w in re.findall(r"[A-Z][a-z]+", name)]
    phrase = r"\s+".join(re.escape(w) for w in words)
    return re.search(rf"(?<![\w-]){phrase}(?![\w-])", text) is not None


def short_for_technique(name: str, techniques: Iterable[TechniqueMention]) -> bool:
    """ "RecRNN" where the note writes "Recursive Neural Networks": one word that abbreviates
    a technique the note names in words is that technique's short form, not a work."""
    if not _SHAPED.fullmatch(name):
        return False
    return any(
        len(t.surface.split()) >= 2 and abbreviates(name, t.surface, whole=True)
        for t in techniques
        if not t.candidate
    )


def extract_note(entry: Entry, blocks: Sequence[NoteBlock], vocab: object) -> ExtractedEntry:
    """A per-paper note's techniques, related works and code links, each found once."""
    head = Entry(
        notes_file=entry.notes_file,
        line=entry.line,
        end_line=entry.line,
        section=(),
        title=entry.title,
        url=entry.url,
        part_lines=(("title", entry.line),),
    )
    results = extract_entries([head, *(_block_entry(entry, b) for b in blocks)], vocab)
    own = _own_names(entry)
    # a name shown to be a dataset or the paper's own in one block is so in all of them
    not_works = {k for result in results for k in result.not_works}
    title_key = normalise(entry.title) if entry.title else ""
    note_text = "\n".join(b.nlp_text for b in blocks)
    found_techniques: dict[str, TechniqueMention] = {}
    related: dict[tuple, RelatedMention] = {}
    code: list[str] = []
    for block, result in zip((None, *blocks), results, strict=True):
        for tech in result.techniques:
            found_techniques.setdefault(tech.concept, tech)
        if block is not None and block.compared:
            # a results table's row: the row's name as a whole, not the works inside it
            rel = compared_work(block.text, block.line, result.techniques, entry.title)
            if rel is not None and normalise(rel.name or "") not in own:
                related.setdefault(("name", normalise(rel.name or "")), rel)
            continue
        for rel in result.related:
            if rel.target is not None:
                continue  # "the one below" points at blocks of this note, not at papers
            # the blocks are read without the title (it would be read again in each), so
            # the rules that need it apply here: the own title linked again (to its PDF, say),
            # a name made of the title's initials
            if rel.url:
                key: tuple = ("url", rel.url)
                if title_key and normalise(rel.name or "") == title_key:
                    continue
            else:
                key = ("name", normalise(rel.name or ""))
                name = rel.name or ""
                if key[1] in own or own_acronym(name, entry.title):
                    continue
                if abbreviates_title(name, entry.title):
                    continue
                if names_no_work(rel.name, not_works):
                    continue
                if written_as_term(name, note_text):
                    continue
            related.setdefault(key, rel)
        code.extend(result.code)
    techniques = tuple(found_techniques.values())
    related = {
        k: r
        for k, r in related.items()
        if r.url or not short_for_technique(r.name or "", techniques)
    }
    nlp = build_nlp(vocab)
    labels = {
        iri: rule.label for iri, rule in nlp.get_pipe("paperkg_technique_ruler").rules.items()
    }
    item = ExtractedEntry(
        entry=entry,
        techniques=techniques,
        related=tuple(related.values()),
        code=tuple(dict.fromkeys(code)),
    )
    return classify_note_links(item, vocab, labels)

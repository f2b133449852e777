"""An entry whose title is the title of the paper that introduced a technique is that paper.

The vocabulary records, for famous technique families, the exact title of the paper that
introduced them (`pkg:introducedIn`: "Attention Is All You Need" for the transformer,
"Deep Residual Learning for Image Recognition" for ResNet): world knowledge that no note
spells out. An entry so titled (any case, any punctuation) gets a mention of the technique
marked `introduced`, and `extract.reading.introduced` relates every other entry of the notes
that names the technique to it, as it does for a paper whose own short name is the
technique. The reading layer cannot see the vocabulary, so the mark is made here, when the
entry's techniques are found. A title that is only similar introduces nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from paperkg.extract.reading.introduced import title_key
from paperkg.extract.records import Entry, TechniqueMention

_BY_TITLE: dict[object, dict[str, tuple[str, ...]]] = {}


def vocab_key(vocab: object) -> object:
    """What identifies a vocabulary for a per-process cache: its concepts, or the object."""
    concepts = getattr(vocab, "concepts", ())
    try:
        hash(concepts)
        return concepts
    except TypeError:
        return id(vocab)


def introducing_titles(vocab: object) -> Mapping[str, tuple[str, ...]]:
    """Each introducing title's key (`title_key`) -> the IRIs of the concepts it introduced,
    built once per vocabulary."""
    key = vocab_key(vocab)
    found = _BY_TITLE.get(key)
    if found is None:
        by_title: dict[str, list[str]] = {}
        for concept in getattr(vocab, "concepts", ()):
            for title in getattr(concept, "introduced_in", ()) or ():
                if title_key(title):
                    by_title.setdefault(title_key(title), []).append(concept.iri)
        found = {k: tuple(sorted(set(iris))) for k, iris in by_title.items()}
        _BY_TITLE[key] = found
    return found


def introduced_mentions(
    entry: Entry,
    found: Mapping[str, TechniqueMention],
    by_title: Mapping[str, tuple[str, ...]],
    labels: Mapping[str, str],
) -> tuple[TechniqueMention, ...]:
    """The mentions of the techniques the entry's paper introduced, marked `introduced`:
    the entry's own mention of one where it names it (`found`, by IRI), else one made from
    its title, the words that name the technique here."""
    if not entry.title:
        return ()
    out = []
    for iri in by_title.get(title_key(entry.title), ()):
        mention = found.get(iri) or TechniqueMention(
            concept=iri,
            label=labels.get(iri, iri),
            surface=entry.title,
            part="title",
            line=entry.part_line("title"),
        )
        out.append(replace(mention, introduced=True))
    return tuple(out)

"""Score extracted records against a gold JSON Lines file a person labelled.

Users measure extraction on their own notes with `paperkg evaluate NOTES --gold GOLD.jsonl`.
The rules are those of the gold annotation guideline: entries match by URL, then title,
then line; a technique matches when any spelling of the gold term names the predicted
concept (canonical label or alias, plural-insensitive), and a term the gold file calls
`acceptable` is no false positive; a related work matches by target title, by URL, or by
normalised name. Scores come from records, not from the RDF graph.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from paperkg.extract.language.note_extraction import link_name
from paperkg.extract.reading.note_links import ResolvedLink
from paperkg.extract.records import ExtractedEntry, RelatedMention

_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})")
_VAGUE_NAMES = frozenset({"thiswork", "thisone", "here", "code"})


def term_key(text: str) -> str:
    """Letters and digits, lowercase, a trailing plural 's' dropped: "LoRAs" -> "lora"."""
    key = re.sub(r"[^a-z0-9]", "", str(text).lower())
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


def title_key(text: str) -> str:
    """A title compared whitespace- and case-insensitively."""
    return re.sub(r"\s+", " ", str(text)).strip().lower()


def url_key(url: str | None) -> str | None:
    """arXiv links by id; others without scheme, www and trailing slash, lowercase."""
    if url is None:
        return None
    url = str(url).strip()
    m = _ARXIV.search(url)
    if m:
        return "arxiv:" + m.group(1)
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from true positives counted both ways and the misses."""

    tp_precision: int
    fp: int
    tp_recall: int
    fn: int

    @property
    def precision(self) -> float | None:
        total = self.tp_precision + self.fp
        return self.tp_precision / total if total else None

    @property
    def recall(self) -> float | None:
        total = self.tp_recall + self.fn
        return self.tp_recall / total if total else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


@dataclass(frozen=True)
class Scores:
    """Entry, technique and related-work scores, and one line per error."""

    entries: PRF
    techniques: PRF
    related: PRF
    gold_entries: int
    found_entries: int
    errors: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """Plain numbers, for JSON output."""
        out: dict[str, Any] = {"gold_entries": self.gold_entries, "found": self.found_entries}
        for name in ("entries", "techniques", "related"):
            prf: PRF = getattr(self, name)
            for metric in ("precision", "recall", "f1"):
                value = getattr(prf, metric)
                out[f"{name}_{metric}"] = None if value is None else round(value, 3)
        return out

    def text(self, show_errors: bool = False) -> str:
        """The table `paperkg evaluate` prints (with every miss and extra if asked)."""
        return format_scores(self, show_errors)


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold file's objects, one per entry, in document order."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def relative_file(notes_file: str, roots: Sequence[str | Path]) -> str:
    """A record's notes file as a gold `file` key: relative to the folder built (the
    deepest given folder holding it), `/`-separated; as given when outside every folder."""
    best = None
    target = os.path.abspath(notes_file)
    for root in roots:
        base = os.path.abspath(root)
        if not os.path.isdir(base):
            base = os.path.dirname(base)
        rel = os.path.relpath(target, base)
        if not rel.startswith("..") and (best is None or len(rel) < len(best)):
            best = rel
    return (best if best is not None else notes_file).replace(os.sep, "/")


def _match_entries(
    extracted: Sequence[ExtractedEntry],
    gold: Sequence[dict[str, Any]],
    roots: Sequence[str | Path] = (),
) -> list[int | None]:
    """For each gold entry, the index of its extracted entry (url, then title, then line).

    A gold entry with a `file` key (a path relative to the folder built, for notes spread
    over many files) is only matched with records of that file."""
    files = [relative_file(x.entry.notes_file, roots) for x in extracted]
    out: list[int | None] = []
    for g in gold:
        found = None
        pool = [i for i, f in enumerate(files) if "file" not in g or f == g["file"]]
        if g.get("url"):
            key = url_key(g["url"])
            found = next((i for i in pool if url_key(extracted[i].entry.url) == key), None)
        if found is None and g.get("title"):
            key = title_key(g["title"])
            found = next(
                (i for i in pool if title_key(extracted[i].entry.title or "") == key), None
            )
        if found is None and not g.get("title") and not g.get("url"):
            found = next((i for i in pool if extracted[i].entry.line == g.get("line")), None)
        out.append(found)
    return out


def merge_index_notes(extracted: Sequence[ExtractedEntry]) -> dict[int, list[int]]:
    """Index items that link a per-paper note read too: item index -> the notes' indexes.
    The item and its note are one paper, so their findings are scored together."""
    notes = {
        os.path.normpath(x.entry.notes_file).lower(): i
        for i, x in enumerate(extracted)
        if x.entry.kind in ("note", "text")
    }
    out: dict[int, list[int]] = {}
    for i, x in enumerate(extracted):
        if x.entry.note_file:
            j = notes.get(os.path.normpath(x.entry.note_file).lower())
            if j is not None and j != i:
                out.setdefault(i, []).append(j)
    return out


def _with_notes(
    x: ExtractedEntry,
    parts: Sequence[ExtractedEntry],
    links: Sequence[RelatedMention],
    starts: Mapping[str, int],
) -> ExtractedEntry:
    """An entry with the findings of the notes it absorbs and of its links to other notes;
    `target`s (indexes within a file) become indexes over all records."""
    techniques = {t.concept: t for p in (x, *parts) for t in p.techniques}
    related = [
        r if r.target is None else replace(r, target=r.target + starts[p.entry.notes_file])
        for p in (x, *parts)
        for r in p.related
    ]
    return replace(x, techniques=tuple(techniques.values()), related=tuple(related + list(links)))


def note_link_mentions(
    note_links: Mapping[int, Sequence[ResolvedLink]], extracted: Sequence[ExtractedEntry]
) -> dict[int, list[RelatedMention]]:
    """Related works from links to other notes, as the graph makes them (`graph.note_facts`):
    the linked note's paper (a `target` over all records), or an external work by name."""
    out: dict[int, list[RelatedMention]] = {}
    for i, resolved in note_links.items():
        for found in resolved:
            link = found.link
            if found.paper is not None and found.paper != i and found.paper < len(extracted):
                mention = RelatedMention("comment", link.line, target=found.paper)
            elif found.paper is None and not found.exists and link.named:
                mention = RelatedMention("comment", link.line, name=link_name(link))
            else:
                continue
            out.setdefault(i, []).append(mention)
    return out


def _concept_keys(vocab: Any) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for concept in getattr(vocab, "concepts", ()) or ():
        labels = [concept.pref_label, *(concept.alt_labels or ())]
        labels += list(getattr(concept, "case_sensitive_labels", ()) or ())
        keys[str(concept.iri)] = {term_key(x) for x in labels if term_key(x)}
    return keys


def _technique_scores(
    x: ExtractedEntry, g: dict[str, Any], concepts: dict[str, set[str]], errors: list[str]
) -> tuple[int, int, int, int]:
    predicted = [(t, concepts.get(t.concept) or {term_key(t.label)}) for t in x.techniques]
    gold_terms = [
        ({term_key(t["name"])} | {term_key(a) for a in t.get("aliases", [])}, t["name"])
        for t in g.get("techniques", [])
    ]
    acceptable = {term_key(a) for a in g.get("acceptable", [])}
    tp_r = fn = tp_p = fp = 0
    for keys, name in gold_terms:
        if any(keys & p for _, p in predicted):
            tp_r += 1
        else:
            fn += 1
            errors.append(f"{g['id']}\ttechnique missed\t{name}")
    for mention, keys in predicted:
        if any(keys & gk for gk, _ in gold_terms) or keys & acceptable:
            tp_p += 1
        else:
            fp += 1
            errors.append(
                f"{g['id']}\ttechnique extra\t{mention.label} ({mention.surface!r}, "
                f"{mention.part} line {mention.line})"
            )
    return tp_p, fp, tp_r, fn


def _related_names(
    mention: RelatedMention, extracted: Sequence[ExtractedEntry]
) -> tuple[set[str], set[str]]:
    if mention.target is not None and 0 <= mention.target < len(extracted):
        entry = extracted[mention.target].entry
        names = {title_key(entry.title)} if entry.title else set()
        urls = {url_key(entry.url)} if entry.url else set()
        return names, {u for u in urls if u}
    names = {title_key(mention.name)} if mention.name else set()
    urls = {url_key(mention.url)} if mention.url else set()
    return names, {u for u in urls if u}


def _related_match(item: dict[str, Any], names: set[str], urls: set[str]) -> bool:
    if "target" in item:
        return title_key(item["target"]) in names
    if item.get("url") and url_key(item["url"]) in urls:
        return True
    n = term_key(item.get("name") or "")
    if not n or n in _VAGUE_NAMES:
        return False
    for name in names:
        k = term_key(name)
        if n == k or (len(n) > 4 and len(k) > 4 and (n in k or k in n)):
            return True
    return False


def _related_scores(
    x: ExtractedEntry, g: dict[str, Any], extracted: Sequence[ExtractedEntry], errors: list[str]
) -> tuple[int, int, int, int]:
    predicted = [(m, *_related_names(m, extracted)) for m in x.related]
    tp_r = fn = tp_p = fp = 0
    for item in g.get("related", []):
        if any(_related_match(item, names, urls) for _, names, urls in predicted):
            tp_r += 1
        else:
            fn += 1
            errors.append(f"{g['id']}\trelated missed\t{json.dumps(item, ensure_ascii=False)}")
    for mention, names, urls in predicted:
        if any(_related_match(item, names, urls) for item in g.get("related", [])):
            tp_p += 1
        else:
            fp += 1
            what = sorted(names)[:1] or sorted(urls)[:1]
            errors.append(
                f"{g['id']}\trelated extra\t{what[0] if what else '?'} "
                f"({mention.part} line {mention.line})"
            )
    return tp_p, fp, tp_r, fn


def evaluate(
    extracted: Sequence[ExtractedEntry],
    gold_path: str | Path,
    vocab: Any = None,
    roots: Sequence[str | Path] = (),
    note_links: Mapping[int, Sequence[ResolvedLink]] | None = None,
) -> Scores:
    """Score records against a gold file. `vocab` gives each concept's aliases (default:
    the built-in vocabulary); without it a technique is known by its canonical label.

    For notes spread over files: `roots` are the folders built (gold `file` keys are
    relative to them). Links to other notes count as the records carry them resolved
    (`resolved_links`, set by `extract.reading.note_links.link_notes`); `note_links` (keyed
    by index in `extracted`) replaces them for records resolved otherwise."""
    if vocab is None:
        try:
            from paperkg.extract.language.vocabulary import load_vocabulary

            vocab = load_vocabulary()
        except ImportError:  # pragma: no cover - vocabulary module not yet present
            vocab = None
    concepts = _concept_keys(vocab)
    gold = read_gold(gold_path)
    matched = _match_entries(extracted, gold, roots)
    absorbed = merge_index_notes(extracted)
    if note_links is None:
        note_links = {i: x.resolved_links for i, x in enumerate(extracted) if x.resolved_links}
    linked = note_link_mentions(note_links, extracted)
    starts: dict[str, int] = {}
    for i, x in enumerate(extracted):
        starts.setdefault(x.entry.notes_file, i)
    errors: list[str] = []
    tech = [0, 0, 0, 0]
    rel = [0, 0, 0, 0]
    for g, index in zip(gold, matched, strict=True):
        if index is None:
            errors.append(f"{g['id']}\tentry missed\t{g.get('title') or g.get('line')}")
            tech[3] += len(g.get("techniques", []))
            rel[3] += len(g.get("related", []))
            continue
        x = _with_notes(
            extracted[index],
            [extracted[j] for j in absorbed.get(index, ())],
            [m for j in (index, *absorbed.get(index, ())) for m in linked.get(j, ())],
            starts,
        )
        for acc, got in (
            (tech, _technique_scores(x, g, concepts, errors)),
            (rel, _related_scores(x, g, extracted, errors)),
        ):
            for k in range(4):
                acc[k] += got[k]
    found = sum(1 for i in matched if i is not None)
    matched_set = {i for i in matched if i is not None}
    matched_set |= {j for i in list(matched_set) for j in absorbed.get(i, ())}
    # a note that is no paper and that no index item links is no entry (the graph drops it)
    linked = {j for js in absorbed.values() for j in js}
    ignored = {i for i, x in enumerate(extracted) if x.entry.kind == "text" and i not in linked}
    for i, x in enumerate(extracted):
        if i not in matched_set and i not in ignored:
            errors.append(f"-\tentry extra\t{x.entry.title or x.entry.line}")
    entries = PRF(
        tp_precision=len(matched_set),
        fp=len(extracted) - len(matched_set - ignored) - len(ignored),
        tp_recall=found,
        fn=len(gold) - found,
    )
    return Scores(
        entries=entries,
        techniques=PRF(*tech),
        related=PRF(*rel),
        gold_entries=len(gold),
        found_entries=found,
        errors=tuple(errors),
    )


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def format_scores(scores: Scores, show_errors: bool = False) -> str:
    """A readable table of the scores (and the errors, one per line, when asked)."""
    lines = [f"{'':12} {'precision':>9} {'recall':>9} {'F1':>9}   counts"]
    rows: Iterable[tuple[str, PRF]] = (
        ("entries", scores.entries),
        ("techniques", scores.techniques),
        ("related", scores.related),
    )
    for name, prf in rows:
        counts = f"tp={prf.tp_recall} fp={prf.fp} fn={prf.fn}"
        lines.append(
            f"{name:12} {_fmt(prf.precision):>9} {_fmt(prf.recall):>9} {_fmt(prf.f1):>9}   {counts}"
        )
    lines.append(f"gold entries: {scores.gold_entries}, found: {scores.found_entries}")
    if show_errors and scores.errors:
        lines.append("")
        lines.extend(scores.errors)
    return "\n".join(lines)

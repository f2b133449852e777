"""IRIs minted from what notes link to: always absolute and valid, whatever the target.

Issue 12, item 5: a relative link once reached the store as an IRI and crashed the build.
Here hypothesis writes entries whose links point anywhere (relative paths, fragments,
`//host`, empty, `mailto:`, `javascript:`, `%zz`, spaces, non-ASCII), builds them, and
checks every IRI of the result with Oxigraph's own IRI parser.
"""

from __future__ import annotations

import re
from functools import cache

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.source import decode_notes
from paperkg.graph.rdf.identity import safe_iri
from paperkg.graph.store.in_memory import build_dataset
from rdflib import URIRef

from paperkg.run.collect import extract_source

ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
NASTY = [
    "",
    "#intro",
    "notes/x.md",
    "../a b.md#sec",
    "Vision%20Transformer.md",
    "//example.org/x",
    "mailto:a@b.c",
    "javascript:alert(1)",
    "https://example.org/%zz",
    "https://example.org/a b",
    "https://example.org/über?q=ä#frag#more",
    "https://example.org/[x]{y}|z^`",
    "http://",
    "https:x",
    "www.example.org/p",
    "zotero://select/items/1",
    "C:\\notes\\x.md",
    "https://例え.jp/論文",
    "https://example.org/\ue000",
]
PIECES = st.text(alphabet=st.sampled_from(list("ab/.:#?%z []()<>\"'\\é漢\u200b\ue000-_~@")))
TARGETS = st.one_of(
    st.sampled_from(NASTY),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), PIECES),
    PIECES,
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def assert_valid(iri: str) -> None:
    assert ABSOLUTE.match(iri), iri
    ox.NamedNode(iri)  # raises ValueError on an invalid IRI


@cache
def vocab():
    return load_vocabulary()


@pytest.mark.parametrize("target", NASTY)
def test_safe_iri_is_valid_and_absolute_or_none(target):
    iri = safe_iri(target)
    if iri is not None:
        assert_valid(str(iri))


def test_relative_and_non_web_targets_never_become_iris():
    for target in ("notes/x.md", "#intro", "", "mailto:a@b.c", "javascript:alert(1)", "x.pdf"):
        assert safe_iri(target) is None


def test_web_links_are_encoded_not_dropped():
    assert safe_iri("https://example.org/%zz") == URIRef("https://example.org/%25zz")
    assert safe_iri("https://example.org/a b") == URIRef("https://example.org/a%20b")
    assert safe_iri("//example.org/x") == URIRef("https://example.org/x")
    assert safe_iri("https://arxiv.org/abs/2303.08983") == URIRef(
        "https://arxiv.org/abs/2303.08983"
    )


@given(st.text())
@settings(max_examples=300, deadline=None, database=None)
def test_safe_iri_never_returns_an_invalid_iri(text):
    iri = safe_iri(text)
    if iri is not None:
        assert_valid(str(iri))


def _quote_each(part: str, component: str) -> str:
    """The encoder as first written, one `quote` call per character: the reference."""
    from urllib.parse import quote

    from paperkg.graph.rdf.identity import _LONE_PERCENT, _SAFE

    part = _LONE_PERCENT.sub("%25", part)
    return "".join(ch if ord(ch) > 127 else quote(ch, safe=_SAFE[component] + "%") for ch in part)


@given(st.text(), st.sampled_from(["path", "query", "fragment"]))
@settings(max_examples=500, deadline=None, database=None)
def test_component_encoding_matches_quote_per_character(text, component):
    from paperkg.graph.rdf.identity import _encode

    assert _encode(text, component) == _quote_each(text, component)


def test_component_encoding_keeps_and_escapes_the_right_characters():
    from paperkg.graph.rdf.identity import _encode

    ascii_text = "".join(chr(i) for i in range(128)) + "ü%zz%4a"
    assert _encode(ascii_text, "path") == _quote_each(ascii_text, "path")
    assert _encode("a?b c/ä", "path") == "a%3Fb%20c/ä"
    assert _encode("a?b c/ä", "query") == "a?b%20c/ä"


def _notes(targets: list[str]) -> str:
    a, b, c, d = targets
    return "\n".join(
        [
            "# Papers",
            "",
            f"- [7/10] [A Made-Up Paper Title for Links]({a}) see [this one]({b}) and [code]({c})",
            f"- Another Made-Up Title Beside a Link (2020), A. Author [[pdf]]({d})",
            f"- [A Third Made-Up Title]({d}) [[arXiv]]({a})",
            "",
            "| Paper | Links |",
            "|---|---|",
            f"| A Made-Up Title in a Table Row | [pdf]({b}) |",
            "",
            f'**[1]** Doe, J. "A Made-Up Reference Title Here" (2015) [[pdf]](<{c}>)',
            "",
        ]
    )


def _paper_note(targets: list[str]) -> str:
    """A per-paper note (the vault shape) whose links point anywhere too."""
    a, b, c, d = targets
    return "\n".join(
        [
            f"# [A Made-Up Paper Noted on Its Own]({a})",
            "",
            f"- Related to [[{b}]] and [another note]({c}) and [the list](../links.md)",
            f"- **Link**: {d}",
            "",
        ]
    )


@given(st.lists(TARGETS, min_size=4, max_size=4))
@SETTINGS
def test_no_link_target_crashes_a_build_or_mints_a_bad_iri(targets):
    source = decode_notes(_notes(targets).encode("utf-8"), "links.md")
    note = decode_notes(_paper_note(targets).encode("utf-8"), "notes/x.md")
    files = [extract_source(source, vocab()), extract_source(note, vocab(), folder=("notes",))]
    ds = build_dataset(files, vocab())
    for quad in ds.quads((None, None, None, None)):
        for term in quad:
            if isinstance(term, URIRef):
                assert_valid(str(term))


HEADINGS_IN_OTHER_SCRIPTS = """# 论文笔记

## 高效微调

- [8/10] [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)

## 多模态大模型

- [9/10] [Visual Instruction Tuning](https://arxiv.org/abs/2304.08485)

## 拡散モデル

- 画像生成の論文 7/10 ([link](https://arxiv.org/abs/2112.10752))

## Übersetzung

- [6/10] [Attention Is All You Need](https://arxiv.org/abs/1706.03762)
"""


def test_headings_in_any_script_are_topics_of_their_own():
    """Keys once kept ASCII letters alone: every Chinese heading was one topic."""
    source = decode_notes(HEADINGS_IN_OTHER_SCRIPTS.encode("utf-8"), "notes.md")
    ds = build_dataset([extract_source(source, vocab())], vocab())
    subjects = {}
    for paper, topic in ds.query("SELECT ?p ?t WHERE { ?p <http://purl.org/dc/terms/subject> ?t }"):
        subjects.setdefault(str(paper), set()).add(str(topic))
    assert len(subjects) == 4
    topics = [next(iter(t)) for t in subjects.values()]
    assert len(set(topics)) == 4, topics  # one topic each, none shared
    assert all(len(t) == 1 for t in subjects.values())
    assert any(
        t.endswith("/%E9%AB%98%E6%95%88%E5%BE%AE%E8%B0%83") or "高效微调" in t for t in topics
    )
    assert any(t.endswith("ubersetzung") for t in topics)  # the accent dropped, the letter kept
    for topic in topics:
        assert_valid(topic)


def test_a_title_in_another_script_noted_in_two_files_is_one_paper():
    text = "- [8/10] **高效微调的低秩适配方法研究** — 很有用\n- [7/10] **多模态指令微调** — 不错\n"
    files = [
        extract_source(decode_notes(text.encode("utf-8"), name), vocab())
        for name in ("a.md", "b.md")
    ]
    ds = build_dataset(files, vocab())
    papers = {
        str(p)
        for (p,) in ds.query("SELECT ?p WHERE { ?p a <https://schema.org/ScholarlyArticle> }")
    }
    assert len(papers) == 2, papers

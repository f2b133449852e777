"""Each entry shape a user's notes may have, one fixture each (issue: end to end, point 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import read_notes

SHAPES = Path(__file__).resolve().parent.parent / "fixtures" / "shapes"
GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "iccv2023.jsonl"


def entries(name: str):
    return parse_notes(read_notes(SHAPES / name)).entries


def test_rated_entry_with_summary_title_and_comment():
    (e,) = entries("rated_summary_comment.md")
    assert e.title == "MasaCtrl: Tuning-Free Mutual Self-Attention Control"
    assert e.url.startswith("https://openaccess.thecvf.com/")
    assert e.rating == 8 and not e.rating_uncertain and not e.starred
    assert e.summary == "edits real images with mutual self-attention"
    assert e.comment == "works well with LoRA"
    assert e.section == ("Papers", "Diffusion")
    assert e.line == 5 and e.part_line("comment") == 5


def test_uncertain_rating_and_star_marker():
    (e,) = entries("uncertain_rating_and_star.md")
    assert (e.rating, e.rating_uncertain, e.starred) == (4, True, True)
    assert e.summary == "a summary"


def test_entries_nest_at_any_depth_and_sub_bullets_become_commentary():
    (e,) = entries("nested_entries.md")
    assert e.title == "Nested Paper About Diffusion"
    assert e.line == 4
    assert "commentary sub-bullet mentioning CLIP" in e.comment


def test_title_broken_over_two_lines_is_joined():
    (e,) = entries("title_over_two_lines.md")
    assert e.title == (
        "StylerDALLE: Language-Guided Style Transfer Using a Vector-Quantized Tokenizer "
        "of a Large-Scale Generative Model"
    )
    assert e.part_line("comment") == 4


def test_entry_without_rating():
    (e,) = entries("no_rating.md")
    assert e.rating is None
    assert e.title == "Guided Motion Diffusion for Controllable Human Motion Synthesis"
    assert e.comment == "exists"


def test_entry_without_title_link():
    (e,) = entries("no_title_link.md")
    assert e.title is None and e.url is None and e.rating == 9
    assert e.summary == "some unknown paper from the conference"
    assert "contrastive pretraining" in e.comment


def test_commentary_inside_link_text_is_cut_at_the_cvf_slug():
    (e,) = entries("commentary_in_link_text.md")
    assert e.title == 'Feature Proliferation -- the "Cancer" in StyleGAN and its Treatments'


def test_workshops_images_anchors_and_generic_links_are_not_entries():
    found = entries("not_entries.md")
    assert [e.title for e in found] == ["A Real Paper Title Here"]
    assert found[0].comment == "a commentary sub-bullet, not an entry"


def test_star_plus_and_numbered_lists():
    titles = [e.title for e in entries("other_list_markers.md")]
    assert titles == ["Star Bullet Paper Title", "Plus Bullet Paper Title", "Numbered Paper Title"]
    assert [e.rating for e in entries("other_list_markers.md")] == [6, 5, 4]


def test_rating_spellings():
    found = entries("rating_spellings.md")
    assert [(e.rating, e.rating_scale) for e in found] == [
        (7, 10),
        (8, 10),
        (6, 10),
        (4, 5),
        (7.5, 10),
    ]


def test_a_rating_as_the_last_words_of_an_entry():
    """`... well evaluated. 8/10` and a closing run of stars are ratings; a fraction inside
    the comment, a date or path ending in /10, and "9/10 benchmarks" are not."""
    found = entries("trailing_ratings.md")
    assert [(e.rating, e.rating_scale, e.rating_uncertain) for e in found] == [
        (8, 10, False),
        (6, 10, True),
        (3, 5, False),
        (None, 10, False),
        (None, 10, False),
        (None, 10, False),
    ]
    assert found[0].comment == "a clear method, well evaluated. 8/10"  # the note's own words


def test_a_reading_journal_with_one_heading_per_paper():
    """`### Title` over the paper's link (a bare URL, a line of links, or the heading itself
    a link): each is an entry, its section down to the next such heading its comment, the
    headings above it its topics; a heading with no link stays a topic."""
    notes = parse_notes(read_notes(SHAPES / "paper_sections.md"))
    assert [(e.title, e.url, e.rating, e.line, e.end_line) for e in notes.entries] == [
        ("Segment Anything", "https://arxiv.org/abs/2304.02643", 9, 5, 9),
        ("Visual Instruction Tuning (LLaVA)", "https://arxiv.org/abs/2304.08485", None, 10, 18),
        (
            "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
            "https://arxiv.org/abs/2305.18290",
            8,
            21,
            23,
        ),
    ]
    sam, llava, _ = notes.entries
    assert sam.section == llava.section == ("Reading journal", "Vision")
    assert sam.comment.startswith("Promptable segmentation")  # not the link line
    assert "the projection on my own data" in llava.comment  # its sub-heading's text too
    assert [link.url for link in llava.links] == ["https://github.com/haotian-liu/LLaVA"]
    assert ("Reading journal", "Language", "Things to read next") in notes.headings
    assert ("Reading journal", "Vision", "Segment Anything") not in notes.headings
    assert notes.warnings == ()


def test_one_paper_section_is_a_note_not_a_journal(tmp_path):
    one = tmp_path / "one.md"
    one.write_text("# Segment Anything\nhttps://arxiv.org/abs/2304.02643\n\n## Method\nA ViT.\n")
    (entry,) = parse_notes(read_notes(one)).entries
    assert entry.kind == "note" and entry.title == "Segment Anything"


JOURNAL_WITH_COMMENTS_ON_THE_LINK_LINE = """# Reading notes

## Graph nets

### Heron Net
[arXiv](https://arxiv.org/abs/2104.05678) · neat message passing

### Quill Former
[paper](https://openreview.net/forum?id=QQ12ab) - compared with Heron Net

### Sparrow GNN
[arXiv](https://arxiv.org/abs/2203.01111)
Solid baseline.
"""


def test_a_journal_whose_link_lines_go_on_with_a_comment(tmp_path):
    """`### Name` over `[arXiv](url) · comment`: the links are the paper's, the words after
    the separator its comment (a link line alone under the heading was read already)."""
    notes = tmp_path / "journal.md"
    notes.write_text(JOURNAL_WITH_COMMENTS_ON_THE_LINK_LINE)
    found = parse_notes(read_notes(notes)).entries
    assert [(e.title, e.url, e.comment, e.line, e.section) for e in found] == [
        (
            "Heron Net",
            "https://arxiv.org/abs/2104.05678",
            "neat message passing",
            5,
            ("Reading notes", "Graph nets"),
        ),
        (
            "Quill Former",
            "https://openreview.net/forum?id=QQ12ab",
            "compared with Heron Net",
            8,
            ("Reading notes", "Graph nets"),
        ),
        (
            "Sparrow GNN",
            "https://arxiv.org/abs/2203.01111",
            "Solid baseline.",
            11,
            ("Reading notes", "Graph nets"),
        ),
    ]


def test_a_title_over_a_sub_item_that_is_its_link():
    found = entries("title_over_link_item.md")
    assert [(e.title, e.url, e.comment) for e in found] == [
        (
            "Deep Widget Learning for Made-Up Recognition",
            "https://arxiv.org/abs/1512.00011",
            "widget blocks, 152 layers",
        ),
        ("Made-Up Normalization of Gadgets", "https://arxiv.org/abs/1607.00012", None),
    ]  # a bullet whose first sub-item is no link is no title


def test_a_label_or_date_before_the_title_is_no_comment_and_a_closing_star_stars():
    found = entries("entry_labels.md")
    assert [(e.comment, e.starred, e.rating) for e in found] == [
        ("a comment on widgets", False, None),
        ("notes on gadgets", False, None),
        ("a favourite of mine ⭐", True, None),
        ("three of five ⭐⭐⭐", False, 3),  # a run of stars is a rating
        ("Great read", False, None),  # words of the note-taker's own
    ]


def test_summary_in_square_brackets():
    (e,) = entries("square_bracket_summary.md")
    assert e.summary == "distills CLIP into a small model"
    assert e.title == "TinyCLIP: CLIP Distillation via Affinity Mimicking"


def test_comment_before_the_title_link():
    (e,) = entries("comment_before_title.md")
    assert e.title == "Zero-Shot Composed Image Retrieval with Textual Inversion"
    assert e.comment == "Great read, similar to IP-Adapter"


def test_awesome_list_titles_with_generic_links():
    plain, bold = entries("awesome_list.md")
    assert plain.title == "Prompt-to-Prompt Image Editing with Cross Attention Control"
    assert plain.url == "https://arxiv.org/abs/2208.01626"
    assert [link.text for link in plain.links] == ["code"]
    assert bold.title == "InstructPix2Pix: Learning to Follow Image Editing Instructions"
    assert bold.url == "https://arxiv.org/pdf/2211.09800v2.pdf"


def test_favourites_marked_other_ways():
    assert [e.starred for e in entries("other_favourites.md")] == [True, True]


def test_paper_links_of_every_kind_are_entries():
    assert len(entries("link_kinds.md")) == 5


@pytest.mark.skipif(not GOLD.exists(), reason="the shared gold file is not beside this checkout")
def test_example_notes_match_the_gold_entries(example_notes):
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    parsed = {e.line: e for e in parse_notes(read_notes(example_notes)).entries}
    assert sorted(parsed) == [g["line"] for g in gold]
    for g in gold:
        e = parsed[g["line"]]
        assert (e.title, e.url, e.rating, e.starred, e.rating_uncertain) == (
            g["title"],
            g["url"],
            g["rating"],
            g["starred"],
            g["rating_uncertain"],
        ), g["id"]
        assert e.section[-len(g["section"]) :] == tuple(g["section"]), g["id"]


def test_summary_with_enumerations_runs_to_the_title_link():
    (e,) = entries("summary_with_enumeration.md")
    assert e.summary == (
        "findings - 1)prompts favour two countries 2)naming the country helps (a bit)"
    )
    assert e.comment == "important research"


FILENAME_VAULT = Path(__file__).resolve().parent.parent / "fixtures" / "unseen" / "filename_vault"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Heron Net Messages Everywhere.md",
            ("Heron Net Messages Everywhere", "https://arxiv.org/abs/2104.05678"),
        ),
        ("Quill Former.md", ("Quill Former", "https://openreview.net/forum?id=QQ12ab")),
    ],
)
def test_a_vault_note_titled_only_by_its_file_name_opens_with_its_link(name, expected):
    (entry,) = parse_notes(read_notes(FILENAME_VAULT / name)).entries
    assert entry.kind == "note" and (entry.title, entry.url) == expected


def test_a_note_that_opens_with_prose_and_cites_a_paper_later_is_no_paper():
    (entry,) = parse_notes(read_notes(FILENAME_VAULT / "Grumble models.md")).entries
    assert entry.kind == "text"


def test_a_journal_heading_loses_its_emoji_and_venue(tmp_path):
    notes = tmp_path / "emoji.md"
    notes.write_text(
        "# Papers\n\n## 🐦 Heron Net: Messages Everywhere (ICML 2021)\n"
        "- link: https://arxiv.org/abs/2104.05678\n- uses attention\n\n"
        "## 🪶 Quill Former: Long Quills, NeurIPS 2022\n"
        "- link: https://arxiv.org/abs/2203.01111\n"
    )
    found = parse_notes(read_notes(notes)).entries
    assert [e.title for e in found] == [
        "Heron Net: Messages Everywhere",
        "Quill Former: Long Quills",
    ]


FIELD_BLOCKS = """# Reading log

Title: Heron Net: Messages Everywhere
Authors: A. Zorbel, B. Quax
Link: https://arxiv.org/abs/2104.05678

---

Title: Quill Former: Long Quills
Link: https://arxiv.org/abs/2203.01111

---

Title: Sparrow GNN for Tiny Graphs
Link: https://arxiv.org/abs/2205.02222
"""


def test_blocks_of_field_lines_one_after_another_are_one_paper_each(tmp_path):
    """`Title:` / `Link:` blocks between rules: each a paper under the file's heading. The
    middle one, between two `---`, is no front matter: 'Quill Former: Long Quills' is no
    YAML, so it stays text for the reader (it used to be dropped with a YAML warning)."""
    notes = tmp_path / "log.md"
    notes.write_text(FIELD_BLOCKS)
    parsed = parse_notes(read_notes(notes))
    assert [(e.title, e.url, e.line, e.section) for e in parsed.entries] == [
        ("Heron Net: Messages Everywhere", "https://arxiv.org/abs/2104.05678", 3, ("Reading log",)),
        ("Quill Former: Long Quills", "https://arxiv.org/abs/2203.01111", 9, ("Reading log",)),
        ("Sparrow GNN for Tiny Graphs", "https://arxiv.org/abs/2205.02222", 14, ("Reading log",)),
    ]
    assert parsed.layout.level == "field blocks" and not parsed.warnings

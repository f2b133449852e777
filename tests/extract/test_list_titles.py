"""Where a title written as text ends: before its year, venue badge, authors or sentence break."""

from __future__ import annotations

import pytest
from paperkg.extract.reading.entry_parts import markdown_words
from paperkg.extract.reading.list_titles import (
    abbreviation_before,
    clean_title,
    is_short_name,
    quoted_title,
    reference_title,
    title_before_tail,
)
from paperkg.extract.reading.markdown import clean_heading, parse_notes
from paperkg.extract.reading.source import NotesSource

ABBREVIATIONS = markdown_words()["title_abbreviations"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Made-Up Title (2017), A. Author et al. ", "Made-Up Title"),
        ("Made-Up Title Here (ICLR 2020) ", "Made-Up Title Here"),
        ("Made-Up Title Here [CVPR'21] ", "Made-Up Title Here"),
        ("Made-Up Title Here <kbd>NeurIPS 2021</kbd> ", "Made-Up Title Here"),
        ("Made-Up Title Here, J. R. Doe ", "Made-Up Title Here"),
        ("Made-Up Title Here, Ann Lee et al. ", "Made-Up Title Here"),
        ("Made-Up Title Here, ECCV 2022, ", "Made-Up Title Here"),
        ("Made-Up Title Here. A. Author. Venue 2017. ", "Made-Up Title Here"),
        ("Sharp vs. Flat Made-Up Minima. C. Author. ", "Sharp vs. Flat Made-Up Minima"),
        ("Made-Up Title | CVPR 2021 | ", "Made-Up Title"),
        ("Made-Up Title Without Any Tail ", "Made-Up Title Without Any Tail"),
        (
            "A. Author, B. Writer. Made-Up Title of a Paper. In CVPR, 2015. ",
            "Made-Up Title of a Paper",
        ),
        ("Doe, J. and Roe, R. Made-Up Title Here. Venue 2015. ", "Made-Up Title Here"),
        (
            "Doe, J., & Roe, R. (2015). Made-Up Title, APA Style. Venue. ",
            "Made-Up Title, APA Style",
        ),
        ("J. Doe et al. Made-Up Title After Authors. 2015 ", "Made-Up Title After Authors"),
        # a venue spelled in camel case opens its sentence as a capital does
        (
            "Brenn, H. (2019). Made-up diffusion for sparse graphs. arXiv. ",
            "Made-up diffusion for sparse graphs",
        ),
        ("Made-Up Title Here. bioRxiv 2021. ", "Made-Up Title Here"),
        ("Made-Up Title on the iPhone Camera. C. Author. ", "Made-Up Title on the iPhone Camera"),
    ],
)
def test_title_ends_before_its_tail(text, title):
    span = title_before_tail(text, 0, len(text), ABBREVIATIONS)
    assert span is not None and span.text == title
    assert text[span.start : span.end].strip(" .") == title


def test_a_tail_alone_is_no_title():
    assert title_before_tail("(2016), J. Ba et al.", 0, 20, ABBREVIATIONS) is None


@pytest.mark.parametrize(
    ("bold", "short"),
    [
        ("FooNet(CVPR2020)", True),
        ("TrackIt (ECCV 2022)", True),
        ("SegThing(NeurIPS'21)", True),
        ("CVPR 2020", True),
        ("FooNet", True),
        ("Layer Normalization", False),
        ("Deep Residual Learning for Image Recognition", False),
    ],
)
def test_short_names_with_venue(bold, short):
    assert is_short_name(bold) is short


def test_quoted_titles_of_references():
    text = 'Doe, J. and Roe, R. "A Made-Up Reference Title" (2015) '
    assert quoted_title(text, 0, len(text)).text == "A Made-Up Reference Title"
    assert quoted_title('see "this"', 0, 10) is None


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [("Sharp vs.", True), ("e.g.", True), ("Doe et al.", True), ("J.", True), ("Minima.", False)],
)
def test_abbreviations_and_initials(text, abbreviation):
    assert abbreviation_before(text, len(text) - 1, ABBREVIATIONS) is abbreviation


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("⭐Topic", "⭐Topic"),
        ("▲ Some-based", "▲ Some-based"),
        ("1. Foo", "1. Foo"),
        ("🔥  Tracking 🔥", "🔥 Tracking 🔥"),
        ('Models <a name="models"></a>', "Models"),
        ('<a name="x"></a>', '<a name="x"></a>'),
        ("2015-12", "2015-12"),
    ],
)
def test_headings_stay_as_written_but_lose_html(heading, label):
    assert clean_heading(heading) == label


def test_clean_title_strips_html_and_emoji_around_it():
    assert clean_title("📄 A <b>Made-Up</b> Title ⭐") == "A Made-Up Title"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            'A. Quill and B. Vell, "Kelp Nets: Slow Growth," in Proc. ICLR, 2021.',
            "Kelp Nets: Slow Growth",
        ),
        ("C. Bo, “Fern Layers for Pruning,” NeurIPS, 2022.", "Fern Layers for Pruning"),
        ('I said, "this is great stuff" and left.', None),  # no year: a quote, no reference
        ('We all agree, "Kelp Nets rock," said everyone in 2021 at the very long meeting.', None),
    ],
)
def test_a_reference_in_ieee_style_gives_its_quoted_title(text, title):
    found = reference_title(text, ABBREVIATIONS)
    assert (found.text if found else None) == title


def test_a_list_of_references_that_mostly_link_nothing_is_papers():
    text = (
        "# Reading\n\n"
        '1. A. Quill and B. Vell, "Kelp Nets: Slow Growth," in Proc. ICLR, 2021.\n'
        '2. C. Bo, "Fern Layers for Pruning," in Proc. NeurIPS, 2022.\n'
        '3. D. Vell, "Quorn Attention," arXiv:2103.00003, 2023.\n'
    )
    notes = parse_notes(NotesSource(path="reading.md", sha256="0", text=text))
    titles = [e.title for e in notes.entries]
    assert titles == ["Kelp Nets: Slow Growth", "Fern Layers for Pruning", "Quorn Attention"]

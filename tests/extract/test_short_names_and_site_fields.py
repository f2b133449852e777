"""A note's paper named twice, short and in full, and a site's custom front matter table:
made-up notes in shapes found by trying new ones (a Hugo or Zola site of paper notes, a
"today I learned" folder), read as one paper per file."""

from __future__ import annotations

import pytest
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import NotesSource


def _papers(text: str, path: str = "notes/kelp-nets.md"):
    notes = parse_notes(NotesSource(path=path, sha256="0", text=text), ("notes",))
    return [e for e in notes.entries if e.kind != "text"], notes.layout


@pytest.mark.parametrize(
    ("table", "key", "value", "url"),
    [
        ("params", "arxiv", "2101.00001", "https://arxiv.org/abs/2101.00001"),  # Hugo
        ("extra", "doi", "10.1000/kelp.1", "https://doi.org/10.1000/kelp.1"),  # Zola
    ],
)
def test_a_sites_table_of_custom_fields_gives_the_notes_own(table, key, value, url):
    text = (
        f'+++\ntitle = "Kelp Nets: Slow Growth"\ndate = 2024-03-02\n[{table}]\n'
        f'  {key} = "{value}"\n+++\n\nGrows the network slowly.\n'
    )
    (paper,), layout = _papers(text)
    assert (paper.title, paper.url) == ("Kelp Nets: Slow Growth", url)
    assert layout.level == "one paper per file"


def test_a_short_title_in_front_matter_and_the_full_one_in_its_link():
    text = (
        "---\ntitle: Kelp Nets\n---\n\n"
        "I read [Kelp Nets: Slow Growth for Deep Models](https://arxiv.org/abs/2101.00001)\n"
        "this week. It grows one layer an epoch, and builds on Fern Layers.\n"
    )
    (paper,), _ = _papers(text)
    assert paper.title == "Kelp Nets: Slow Growth for Deep Models"
    assert "Kelp Nets" in paper.aliases


def test_a_heading_with_the_short_name_over_prose_that_links_the_full_title():
    text = (
        "# Kelp Nets\n\nToday I read [Kelp Nets: Slow Growth for Deep Models]"
        "(https://arxiv.org/abs/2101.00001) by Fern et al.\nIt grows a layer an epoch.\n"
    )
    (paper,), layout = _papers(text)
    assert (paper.title, paper.url) == (
        "Kelp Nets: Slow Growth for Deep Models",
        "https://arxiv.org/abs/2101.00001",
    )
    assert "Kelp Nets" in paper.aliases
    assert layout.evidence == ("the file is one paper's note (heading + its paper's link)",)


@pytest.mark.parametrize(
    "body",
    [
        # another work's paper: the note is about something else
        "Today I compared it with [Fern Layers](https://openreview.net/forum?id=FernL).\n",
        # the name, but a page that is no paper's
        "Today I read [Kelp Nets: the docs](https://docs.example.org/kelp).\n",
    ],
)
def test_a_heading_over_prose_that_links_no_paper_of_its_name_is_no_paper(body):
    papers, layout = _papers(f"# Kelp Nets\n\n{body}")
    assert papers == [] and layout.level == "none"


def _rows(text: str):
    notes = parse_notes(NotesSource(path="models.md", sha256="0", text=text))
    return [(e.section[-1], e.title, e.url) for e in notes.entries if e.kind != "text"]


def test_a_table_of_models_that_link_their_papers_is_a_table_of_papers():
    """No Paper/Title/Name column, but a Model (or Method) column whose rows link papers."""
    table = "| Model | Year | Org | Link |\n|---|---|---|---|\n"
    text = (
        f"# Models\n\n## Encoders\n\n{table}"
        "| KelpBERT | 2021 | Kelp Lab | [arXiv](https://arxiv.org/abs/2101.00001) |\n\n"
        f"## Decoders\n\n{table.replace('Model', 'Method')}"
        "| MossGPT | 2023 | Moss AI | [pdf](https://aclanthology.org/2023.fake-long.12.pdf) |\n"
    )
    assert _rows(text) == [
        ("Encoders", "KelpBERT", "https://arxiv.org/abs/2101.00001"),
        ("Decoders", "MossGPT", "https://aclanthology.org/2023.fake-long.12.pdf"),
    ]


def test_a_model_column_gives_way_to_a_paper_column_and_to_one_pages_sections():
    both = (
        "| Model | Paper |\n|---|---|\n"
        "| KelpBERT | [Kelp Nets: Slow Growth](https://arxiv.org/abs/2101.00001) |\n"
        "| FernLM | [Fern Layers: Leafy Residuals](https://openreview.net/forum?id=FernL) |\n"
    )
    assert [t for _, t, _ in _rows(f"## Models\n\n{both}")] == [
        "Kelp Nets: Slow Growth",
        "Fern Layers: Leafy Residuals",
    ]
    page = "https://blog.example.org/review-of-kelp"
    sections = "| Model |\n|---|\n" + "".join(
        f"| [{name}]({page}#{i}) |\n" for i, name in enumerate(["Kelp Nets", "Fern Nets"])
    )
    assert _rows(f"## Growth models\n\n{sections}") == []


@pytest.mark.parametrize("key", ["paper_url", "paperURL", "url_pdf", "arxiv-link", "pdf_url"])
def test_a_paper_link_under_a_key_of_the_sites_own_naming(key):
    text = (
        f'---\nlayout: post\ntitle: "Kelp Nets: Slow Growth"\n{key}: https://arxiv.org/abs/2101.00001\n'
        "code_url: https://github.com/example/kelp\n---\n\nIt grows a layer an epoch.\n"
    )
    (paper,), _ = _papers(text)
    assert (paper.title, paper.url) == (
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00001",
    )


def test_a_key_that_names_no_paper_link_gives_none():
    text = "---\ntitle: Kelp Nets\nrelated_url: https://arxiv.org/abs/2101.00001\n---\n\nMusings.\n"
    assert _papers(text)[0] == []


def test_fields_that_open_with_a_key_not_read_are_still_the_notes_fields():
    """A reference manager's export: `Item Type` first, then the fields that are read."""
    text = (
        "# Moss Attention: Soft Heads on Stone\n\n* Item Type: [[Conference Paper]]\n"
        "* Authors: [[Tia Quell]], [[Ben Wort]]\n* Date Added: [[2024-03-02]]\n"
        "* URL: [https://aclanthology.org/2023.fake-long.12/](https://aclanthology.org/2023.fake-long.12/)\n"
        "\n## Notes\nSoft heads that grow on stone.\n"
    )
    (paper,), layout = _papers(text, "mdnotes/Moss Attention.md")
    assert (paper.title, paper.url) == (
        "Moss Attention: Soft Heads on Stone",
        "https://aclanthology.org/2023.fake-long.12/",
    )
    assert paper.authors == ("Tia Quell", "Ben Wort")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("202403021230 Kelp Nets", "Kelp Nets"),  # a Zettelkasten's note ID
        ("20240302 Kelp Nets", "Kelp Nets"),
        ("2021 Kelp Nets", "2021 Kelp Nets"),  # a year may be part of a name
        ("202403021230", "202403021230"),  # an ID alone is the only name there is
    ],
)
def test_a_note_id_ahead_of_the_notes_name_is_no_part_of_the_title(name, title):
    text = "https://arxiv.org/abs/2101.00001\n\nGrows a layer per epoch.\n"
    (paper,), _ = _papers(text, f"zk/{name}.md")
    assert paper.title == title


def test_a_paper_rows_other_columns_give_its_authors_year_tags_and_rating():
    text = (
        "# Paper tracker\n\n| Name | Authors | Year | URL | Status | Tags | Rating |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Kelp Nets: Slow Growth | Ada Fern, Osk Tarrow | 2021 | https://arxiv.org/abs/2101.00001"
        " | Read | growth, pruning | 4/5 |\n"
        "| Fern Layers: Leafy Residuals | Mira Vell | 2022 | https://openreview.net/forum?id=FernL"
        " | To read | residual | |\n"
    )
    notes = parse_notes(NotesSource(path="tracker.md", sha256="0", text=text))
    kelp, fern = notes.entries
    assert (kelp.authors, kelp.year, kelp.tags) == (
        ("Ada Fern", "Osk Tarrow"),
        2021,
        ("growth", "pruning"),
    )
    assert (kelp.rating, kelp.rating_scale) == (4, 5)
    assert (fern.authors, fern.year, fern.tags, fern.rating) == (
        ("Mira Vell",),
        2022,
        ("residual",),
        None,
    )


@pytest.mark.parametrize("label", ["the paper", "this paper", "our preprint", "its pdf"])
def test_a_post_whose_first_link_is_labelled_the_paper_keeps_its_front_matter_title(label):
    """A post's "Read [the paper](...)" names the paper's link, not its title."""
    text = f'---\ntitle: "Kelp Nets: Slow Growth"\n---\n\nRead [{label}](https://arxiv.org/abs/2101.00001).\n'
    (paper,), _ = _papers(text, "_posts/2024-01-01-kelp.md")
    assert (paper.title, paper.url) == (
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00001",
    )


def test_a_title_that_opens_with_a_determiner_stays_a_title():
    text = "Title: My Paper Title\nLink: https://arxiv.org/abs/2301.00001\n\nNotes.\n"
    (paper,), _ = _papers(text)
    assert paper.title == "My Paper Title"


@pytest.mark.parametrize("key", ["paper_title", "paperTitle", "article-title"])
def test_a_sites_own_key_for_the_papers_title(key):
    text = (
        f'---\ntitle: "My notes on growth"\n{key}: "Kelp Nets: Slow Growth for Deep Models"\n'
        "paper_url: https://arxiv.org/abs/2101.00001\n---\n\nGrows a layer an epoch.\n"
    )
    (paper,), layout = _papers(text)
    assert (paper.title, paper.url) == (
        "Kelp Nets: Slow Growth for Deep Models",
        "https://arxiv.org/abs/2101.00001",
    )
    assert "My notes on growth" not in paper.aliases
    assert layout.level == "one paper per file"

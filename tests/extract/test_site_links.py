"""Links between posts written as a static site generator's shortcodes (Hugo's `ref`,
Jekyll's `post_url` and `link`) relate the two posts' papers: made-up posts."""

from __future__ import annotations

import pytest
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.note_links import resolve_note_links
from paperkg.extract.reading.site_links import markdown_from_site_links

from paperkg.run.collect import extract_notes

POST = '---\ntitle: "{title}"\n---\n\n[Paper]({url})\n\n{body}\n'


@pytest.mark.parametrize(
    ("folder", "kelp", "link"),
    [
        ("content/posts", "kelp-nets.md", '{{< ref "fern-layers.md" >}}'),
        ("content/posts", "kelp-nets.md", '{{< relref "/posts/fern-layers" >}}'),
        ("_posts", "2024-03-02-kelp-nets.md", "{% post_url 2024-03-01-fern-layers %}"),
        ("_posts", "2024-03-02-kelp-nets.md", "{% link _posts/2024-03-01-fern-layers.md %}"),
    ],
)
def test_a_generators_link_to_another_post_relates_their_papers(tmp_path, folder, kelp, link):
    posts = tmp_path / folder
    posts.mkdir(parents=True)
    fern = "2024-03-01-fern-layers.md" if folder == "_posts" else "fern-layers.md"
    (posts / kelp).write_text(
        POST.format(
            title="Kelp Nets",
            url="https://arxiv.org/abs/2101.00001",
            body=f"Grows layers; builds on [Fern Layers]({link}).",
        )
    )
    (posts / fern).write_text(
        POST.format(title="Fern Layers", url="https://openreview.net/forum?id=Xy12", body="Prunes.")
    )
    files = extract_notes([tmp_path], load_vocabulary()).files
    flat = [item.entry for notes in files for item in notes.entries]
    resolved = resolve_note_links(files)
    kelp_at = next(i for i, e in enumerate(flat) if e.title == "Kelp Nets")
    fern_at = next(i for i, e in enumerate(flat) if e.title == "Fern Layers")
    assert [r.paper for r in resolved[kelp_at]] == [fern_at]


def test_text_without_shortcodes_is_unchanged():
    text = "See [Fern](fern.md) and {{ a template }} and {% raw %}."
    assert markdown_from_site_links(text) == text

"""Link identifiers: the keys that make one real paper one node."""

import pytest
from paperkg.extract.reading.links import (
    cvf_first_author,
    cvf_paper,
    github_repository,
    link_kind,
    link_target,
    paper_identifier,
    web_url,
    written_dois,
)


@pytest.mark.parametrize(
    ("url", "identifier"),
    [
        ("https://arxiv.org/abs/2303.08983", "arXiv:2303.08983"),
        ("https://arxiv.org/pdf/2302.03011.pdf", "arXiv:2302.03011"),
        ("https://arxiv.org/pdf/2302.03011v2.pdf", "arXiv:2302.03011"),
        ("http://www.arxiv.org/abs/2110.08398v3", "arXiv:2110.08398"),
        ("https://arxiv.org/abs/cs/0501001", "arXiv:cs/0501001"),
        ("https://doi.org/10.1145/3528223.3530164", "doi:10.1145/3528223.3530164"),
        ("https://dl.acm.org/doi/10.1145/3528223.3530164", "doi:10.1145/3528223.3530164"),
        ("https://dl.acm.org/doi/pdf/10.1145/3528223.3530164", "doi:10.1145/3528223.3530164"),
        (
            "https://openaccess.thecvf.com/content/ICCV2023/html/Cao_MasaCtrl_Tuning-Free_ICCV_2023_paper.html",
            "cvf:ICCV2023/Cao_MasaCtrl_Tuning-Free",
        ),
        (
            "http://openaccess.thecvf.com//content/ICCV2023/papers/Cao_MasaCtrl_Tuning-Free_ICCV_2023_paper.pdf",
            "cvf:ICCV2023/Cao_MasaCtrl_Tuning-Free",
        ),
        ("https://openreview.net/forum?id=AbC123xyz", "openreview:AbC123xyz"),
        ("https://openreview.net/pdf?id=AbC123xyz", "openreview:AbC123xyz"),
        ("https://aclanthology.org/2023.acl-long.1/", "acl:2023.acl-long.1"),
        ("https://aclanthology.org/P19-1001.pdf", "acl:P19-1001"),
        ("https://proceedings.mlr.press/v139/radford21a.html", "pmlr:v139/radford21a"),
        ("https://proceedings.mlr.press/v139/radford21a/radford21a.pdf", "pmlr:v139/radford21a"),
        (
            "https://proceedings.neurips.cc/paper/2020/hash/4c5bcfec8584af0d967f1ab10179ca4b-Abstract.html",
            "neurips:4c5bcfec8584af0d967f1ab10179ca4b",
        ),
        ("https://github.com/google/prompt-to-prompt", None),
        ("https://example.org/blog", None),
    ],
)
def test_paper_identifiers(url, identifier):
    assert paper_identifier(url) == identifier


def test_cvf_links_spell_venue_year_and_first_author():
    url = (
        "https://openaccess.thecvf.com/content/ICCV2023/html/"
        "Van_Le_Anti-DreamBooth_Protecting_Users_from_Personalized_Text-to-image_Synthesis_ICCV_2023_paper.html"
    )
    cvf = cvf_paper(url)
    assert (cvf.venue, cvf.year) == ("ICCV", 2023)
    title = "Anti-DreamBooth: Protecting Users from Personalized Text-to-image Synthesis"
    assert cvf_first_author(cvf.slug, title) == "Van Le"
    assert cvf_first_author("Cao_MasaCtrl_Tuning-Free", "MasaCtrl: Tuning-Free") == "Cao"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://arxiv.org/abs/2303.08983", "paper"),
        ("https://paperswithcode.com/paper/randaugment-practical", "paper"),
        ("https://github.com/miccunifi/SEARLE/releases/tag/weights", "code"),
        ("https://huggingface.co/stabilityai/sdxl", "code"),
        ("https://dishanil.github.io/S2RF/", "project"),
        ("https://twitter.com/someone/status/1", "other"),
        ("javascript:alert(1)", "other"),
    ],
)
def test_link_kinds(url, kind):
    assert link_kind(url) == kind


def test_github_repository_ignores_deeper_paths():
    assert github_repository("https://github.com/a/b.git") == "a/b"
    assert github_repository("https://github.com/a/b/releases/tag/v1") == "a/b"


@pytest.mark.parametrize(
    ("href", "kind", "location"),
    [
        ("https://arxiv.org/abs/2303.08983", "web", "https://arxiv.org/abs/2303.08983"),
        ("//example.org/x", "web", "https://example.org/x"),
        ("www.example.org/paper.pdf", "web", "https://www.example.org/paper.pdf"),
        ("arxiv.org/abs/2303.08983", "web", "https://arxiv.org/abs/2303.08983"),
        ("notes/x.md", "note", "notes/x.md"),
        ("Vision%20Transformer.md", "note", "Vision Transformer.md"),
        ("../other note.md#method", "note", "../other note.md"),
        ("papers/local.pdf", "file", "papers/local.pdf"),
        ("README.md/", "file", "README.md/"),
        ("#intro", "anchor", None),
        ("", "empty", None),
        ("  ", "empty", None),
        ("mailto:someone@example.org", "email", None),
        ("javascript:alert(1)", "script", None),
        ("data:text/html,x", "script", None),
        ("zotero://select/items/ABC", "other", None),
        ("http://", "other", None),
        ("https://exa mple.org/x", "other", None),
        ("http://[::1", "other", None),
    ],
)
def test_link_targets_are_read_as_what_they_are(href, kind, location):
    target = link_target(href)
    assert (target.kind, target.location) == (kind, location)


def test_a_note_link_keeps_its_heading_and_only_web_links_have_a_url():
    assert link_target("../other%20note.md#Method").heading == "Method"
    assert web_url("notes/x.md") is None
    assert web_url("//example.org/x") == "https://example.org/x"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("DOI: 10.1000/kelp.1", ["https://doi.org/10.1000/kelp.1"]),
        ("see doi:10.1145/3292500.3330701.", ["https://doi.org/10.1145/3292500.3330701"]),
        ("(DOI 10.1000/fern-2)", ["https://doi.org/10.1000/fern-2"]),
        ("https://doi.org/10.1000/kelp.1", []),  # a link, read as one already
        ("version 10.1000/2 of the spec", []),  # no label: maybe no DOI
    ],
)
def test_dois_written_as_text(text, found):
    assert [url for _, _, url in written_dois(text)] == found

"""What a link to another note names: a technique, nothing, or maybe a work."""

from __future__ import annotations

from paperkg.extract.language.note_extraction import generic_name
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.source import decode_notes

from paperkg.run.collect import extract_source

NOTE = """---
title: Foo
---
# Foo
- [Foo: A Made-Up Paper About Links](https://arxiv.org/abs/2301.00001)
- see [[Dropout|regularising]], [[GLUE]], [[Bayesian]], [[ZetaNet]] and [[Image Classification]]

```python
x = ResNet()  # code: no technique here
```
"""


def test_note_links_are_techniques_generic_or_named():
    notes = extract_source(decode_notes(NOTE.encode(), "v/Foo.md"), load_vocabulary())
    (item,) = notes.entries
    labels = {t.label for t in item.techniques}
    assert "dropout" in labels  # named by the link's note, though its text says otherwise
    assert "ResNet" not in labels  # code blocks are not the note's text
    links = {n.target: n.named for n in item.entry.note_links}
    # a link naming a technique stays a link (to another paper's note it relates the two
    # papers, GUIDELINE item 4) but never names an external work of its own
    assert links == {
        "Dropout": False,
        "GLUE": False,
        "Bayesian": False,
        "ZetaNet": True,
        "Image Classification": False,
    }


def test_generic_names_are_tasks_datasets_metrics_and_plain_words():
    for name in ("GLUE", "SQuAD", "BLEU", "speech recognition", "Layers", "Bayesian", "language"):
        assert generic_name(name), name
    for name in ("TinyBERT", "DALL-E", "GPT-f", "ZetaNet", "pix2pix"):
        assert not generic_name(name), name


def test_a_note_name_without_the_labels_punctuation_names_the_technique():
    text = "# Foo\n- [Foo: A Made-Up Paper About Links](https://arxiv.org/abs/2301.00001)\n"
    text += "- like [[GPT3]] and [[Batch-Norm]]\n"
    notes = extract_source(decode_notes(text.encode(), "v/Foo.md"), load_vocabulary())
    (item,) = notes.entries
    assert "GPT-3" in {t.label for t in item.techniques}
    # still a link, but one that names no external work (GUIDELINE item 4)
    assert not {n.named for n in item.entry.note_links if n.target == "GPT3"} - {False}


def test_a_name_coined_from_the_notes_own_title_is_no_related_work():
    from paperkg.extract.language.note_extraction import own_acronym

    title = "Convolutional Networks with Adaptive Inference Graphs"
    assert own_acronym("ConvNet-AIG", title) and own_acronym("AIG", title)
    assert not own_acronym("ResNet", title) and not own_acronym("VGG", title)
    text = f"# Paper\n\n* **Title**: {title}\n* **Link**: https://arxiv.org/abs/1711.11503\n\n"
    text += "# Summary\n\n* ConvNet-AIG beats ResNet-50 and is faster than SkipNet.\n"
    notes = extract_source(decode_notes(text.encode(), "n/ConvNet.md"), load_vocabulary())
    (item,) = notes.entries
    names = {r.name for r in item.related}
    assert "ConvNet-AIG" not in names and "SkipNet" in names

"""The technique vocabulary: the built-in Turtle's invariants, merging user files, the tree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from paperkg.extract.language.vocabulary import (
    Concept,
    Vocabulary,
    VocabularyError,
    builtin_vocabulary_path,
    load_vocabulary,
    render_tree,
)
from paperkg.extract.language.word_kinds import is_common_word
from paperkg.extract.reading.introduced import title_key
from rdflib.namespace import OWL, RDF, SKOS

TECH = "https://w3id.org/paperkg/technique/"
PKG = "https://w3id.org/paperkg/ns#"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("+", " plus ")).strip("-")


def label_key(label: str) -> str:
    """What a matcher may treat as the same words: case, spaces, hyphens and dots ignored."""
    return re.sub(r"[\s\-_.·]+", "", label.casefold())


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(builtin_vocabulary_path(), format="turtle")


# --- the built-in file ---------------------------------------------------------------------


def test_builtin_parses_with_rdflib_and_is_large(graph, vocab):
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 1500
    assert len(vocab.concepts) == len(concepts)
    assert vocab.scheme == TECH


def test_every_concept_has_one_plain_preflabel_and_is_in_the_scheme(graph):
    for c in graph.subjects(RDF.type, SKOS.Concept):
        prefs = list(graph.objects(c, SKOS.prefLabel))
        assert len(prefs) == 1, c
        assert prefs[0].language is None and prefs[0].datatype is None, c
        assert (c, SKOS.inScheme, rdflib.URIRef(TECH)) in graph, c


def test_iris_are_slugs_of_preflabels(vocab):
    for c in vocab.concepts:
        assert c.iri == TECH + slug(c.pref_label), c.pref_label


def test_file_is_grouped_by_area_and_sorted_by_iri_within_each():
    text = builtin_vocabulary_path().read_text(encoding="utf-8")
    areas = re.split(r"^# ---- (.+?) -*$", text, flags=re.MULTILINE)[1:]
    names, bodies = areas[0::2], areas[1::2]
    assert len(names) >= 20 and len(set(names)) == len(names)
    for name, body in zip(names, bodies, strict=True):
        iris = re.findall(r"^tech:(\S+) a skos:Concept", body, flags=re.MULTILINE)
        assert iris and iris == sorted(iris), name


def test_every_broader_target_exists(vocab):
    for c in vocab.concepts:
        for b in c.broader:
            assert vocab.get(b) is not None, (c.iri, b)


def test_no_broader_cycles(vocab):
    for c in vocab.concepts:
        seen, todo = set(), list(c.broader)
        while todo:
            b = todo.pop()
            assert b != c.iri, f"cycle through {c.iri}"
            if b not in seen:
                seen.add(b)
                todo.extend(vocab.get(b).broader)


def test_no_label_belongs_to_two_concepts(vocab):
    owners: dict[str, set[str]] = {}
    for c in vocab.concepts:
        for label in vocab.labels(c):
            owners.setdefault(label_key(label), set()).add(c.iri)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_ambiguity_properties_are_wellformed(vocab):
    for c in vocab.concepts:
        assert set(c.case_sensitive_labels) <= set(vocab.labels(c)), c.iri
        for w in c.not_after + c.not_before:
            assert w == w.lower() and " " not in w, (c.iri, w)


def test_introducing_titles_belong_to_concepts_and_name_one_paper_each(graph, vocab):
    """pkg:introducedIn: declared like the other pkg: properties, on concepts of the file
    only, each title a plain non-empty literal, no title twice for a concept (case and
    punctuation ignored, as entries' titles are compared), and no title for two concepts."""
    introduced_in = rdflib.URIRef(PKG + "introducedIn")
    assert (introduced_in, RDF.type, OWL.AnnotationProperty) in graph
    owners: dict[str, set[str]] = {}
    for concept, title in graph.subject_objects(introduced_in):
        assert (concept, RDF.type, SKOS.Concept) in graph, concept
        assert vocab.get(str(concept)) is not None, concept
        assert isinstance(title, rdflib.Literal), concept
        assert title.language is None and title.datatype is None, concept
        assert str(title).strip() and " ".join(str(title).split()) == str(title), concept
        owners.setdefault(title_key(str(title)), set()).add(str(concept))
    assert len(owners) >= 50
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    for c in vocab.concepts:
        assert len({title_key(t) for t in c.introduced_in}) == len(c.introduced_in), c.iri


def test_most_concepts_have_alternatives_and_many_have_parents(vocab):
    # Aliases only where researchers write them: many named models (SqueezeNet, DarkNet)
    # have none, and an invented one would be matched in everyone's notes.
    n = len(vocab.concepts)
    assert sum(bool(c.alt_labels) for c in vocab.concepts) > 0.75 * n
    assert sum(bool(c.broader) for c in vocab.concepts) >= 0.8 * n


def test_every_area_is_a_tree_of_its_own_not_a_flat_list(vocab):
    # Breadth with depth: many concepts have narrower ones, and chains go deeper than one step.
    parents = {b for c in vocab.concepts for b in c.broader}
    assert len(parents) >= 250

    def depth(c: Concept) -> int:
        return 1 + max((depth(vocab.get(b)) for b in c.broader), default=0)

    assert sum(depth(c) >= 3 for c in vocab.concepts) >= 0.3 * len(vocab.concepts)


def test_common_english_words_are_not_matched_in_any_case(vocab):
    """A one-word label that is an ordinary English word ("began", "hmm", "nice") would be
    found in every note: it must be case-sensitive, have context vetoes, or be a word
    researchers use for the technique itself."""
    technique_words = {"cnn", "curriculum"}
    loose = [
        label
        for c in vocab.concepts
        if not (c.not_after or c.not_before)
        for label in vocab.labels(c)
        if label not in c.case_sensitive_labels
        and not re.search(r"[\s\-]", label)
        and is_common_word(label.lower(), 4.0)
        and label.lower() not in technique_words
    ]
    assert loose == []


def test_mixed_case_names_that_spell_a_word_match_only_as_written(vocab):
    """RotatE, GLaM, MoD: the inner capital is the name; "rotate" or "mod" is not it."""
    loose = [
        label
        for c in vocab.concepts
        for label in vocab.labels(c)
        if label not in c.case_sensitive_labels
        and re.search(r"[a-z][A-Z]", label)
        and not re.search(r"[\s\-]", label)
        and is_common_word(label.lower(), 3.5)
    ]
    assert loose == []


def test_no_tasks_datasets_or_generic_words(vocab):
    labels = {label.casefold() for c in vocab.concepts for label in vocab.labels(c)}
    for word in ("fine-tuning", "model", "training", "segmentation", "imagenet", "coco", "laion"):
        assert word not in labels


# --- semantic pins ---------------------------------------------------------------------------


def concept(vocab: Vocabulary, name: str) -> Concept:
    c = vocab.get(TECH + name)
    assert c is not None, name
    return c


def test_hierarchy_pins(vocab):
    assert TECH + "attention" in concept(vocab, "self-attention").broader
    assert TECH + "stylegan" in concept(vocab, "stylegan2").broader
    assert TECH + "gan" in concept(vocab, "stylegan").broader
    assert TECH + "latent-diffusion-model" in concept(vocab, "stable-diffusion").broader
    assert TECH + "parameter-efficient-fine-tuning" in concept(vocab, "lora").broader
    assert TECH + "convolution" in concept(vocab, "depthwise-convolution").broader
    kids = {c.iri for c in vocab.narrower(TECH + "attention")}
    assert TECH + "self-attention" in kids and TECH + "cross-attention" in kids


def test_named_variants_sit_under_their_families(vocab):
    # Variants once folded into a family's aliases are concepts of their own below it.
    for child, parent in [
        ("googlenet", "inception"),
        ("td3", "ddpg"),
        ("a2c", "actor-critic"),
        ("esrgan", "srgan"),
        ("darts", "neural-architecture-search"),
        ("he-initialization", "weight-initialization"),
        ("hifi-gan", "vocoder"),
        ("graph-isomorphism-network", "message-passing-neural-network"),
        ("soft-nms", "non-maximum-suppression"),
        ("hamiltonian-monte-carlo", "markov-chain-monte-carlo"),
    ]:
        assert TECH + parent in concept(vocab, child).broader, child
    assert "GoogLeNet" not in concept(vocab, "inception").alt_labels
    assert {"BEGAN", "SORT", "RotatE"} <= {
        label for c in vocab.concepts for label in c.case_sensitive_labels
    }


def test_alias_and_ambiguity_pins(vocab):
    assert "SD" in concept(vocab, "stable-diffusion").alt_labels
    assert "CFG" in concept(vocab, "classifier-free-guidance").alt_labels
    assert "hashgrid encoding" in concept(vocab, "hash-grid-encoding").alt_labels
    assert "SAM" in concept(vocab, "sam").case_sensitive_labels
    assert "IS" in concept(vocab, "inception-score").case_sensitive_labels
    assert "video" in concept(vocab, "clip").not_after
    assert {"pay", "paid"} <= set(concept(vocab, "attention").not_after)
    assert "span" in concept(vocab, "attention").not_before
    assert vocab.labels(concept(vocab, "lora"))[0] == "LoRA"


def test_builtin_load_is_cached():
    assert load_vocabulary() is load_vocabulary()


# --- user files ------------------------------------------------------------------------------


def test_merging_a_user_file(vocab):
    merged = load_vocabulary([FIXTURES / "vocab_extra.ttl"])
    assert len(merged.concepts) == len(vocab.concepts) + 2  # the alias folds into LoRA
    sliced = merged.get("https://example.org/my-vocab/sliced-attention")
    assert sliced is not None and sliced.pref_label == "sliced attention"
    assert sliced.broader == (TECH + "self-attention",)
    assert sliced in merged.narrower(TECH + "self-attention")
    lora = concept(merged, "lora")
    assert lora.pref_label == "LoRA"
    assert "LoRA weights" in lora.alt_labels
    assert "lora" not in lora.alt_labels  # a case-only variant adds nothing
    assert merged.get("https://example.org/my-vocab/lora") is None
    plus = merged.get("https://example.org/my-vocab/lora-plus")
    assert plus.broader == (TECH + "lora",)  # remapped from the user's IRI
    assert merged.scheme == TECH
    assert load_vocabulary() is vocab  # the built-in is not mutated by a merge


def test_same_iri_unions_labels(tmp_path, vocab):
    f = tmp_path / "more.ttl"
    f.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix pkg: <https://w3id.org/paperkg/ns#> .\n"
        f'<{TECH}clip> skos:altLabel "openai clip" ; pkg:notAfter "Hair" .\n',
        encoding="utf-8",
    )
    clip = concept(load_vocabulary([f]), "clip")
    assert "openai clip" in clip.alt_labels
    assert "hair" in clip.not_after
    assert clip.pref_label == "CLIP"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'<x:a> <http://www.w3.org/2004/02/skos/core#prefLabel> "a" ;\n "b" .\n', "Turtle"),
        (b"\xff\xfe\x00binary", "UTF-8"),
        (
            b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            b'<ex:x> skos:altLabel "no preferred label" .\n',
            "prefLabel",
        ),
        (
            b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            b'<ex:x> skos:prefLabel "x" ; skos:broader <ex:y> .\n'
            b'<ex:y> skos:prefLabel "y" ; skos:broader <ex:x> .\n',
            "cycle",
        ),
    ],
)
def test_broken_user_file_raises_one_line_error_naming_it(tmp_path, content, why):
    f = tmp_path / "broken_vocab.ttl"
    f.write_bytes(content)
    with pytest.raises(VocabularyError) as err:
        load_vocabulary([f])
    message = str(err.value)
    assert "broken_vocab.ttl" in message and why in message
    assert "\n" not in message


def test_missing_user_file(tmp_path):
    with pytest.raises(VocabularyError, match="missing.ttl"):
        load_vocabulary([tmp_path / "missing.ttl"])


def test_syntax_error_names_the_line(tmp_path):
    f = tmp_path / "bad.ttl"
    f.write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n<x:a> skos:prefLabel "a" "b" .\n'
    )
    with pytest.raises(VocabularyError, match=r"bad\.ttl: line 3"):
        load_vocabulary([f])


# --- the tree --------------------------------------------------------------------------------


def test_render_tree_indents_children_under_parents(vocab):
    lines = render_tree(vocab).splitlines()
    depth = {}
    for i, line in enumerate(lines):
        name = line.strip().split("  (")[0]
        depth.setdefault(name, []).append((i, len(line) - len(line.lstrip(" "))))
    ((att_i, att_d),) = depth["attention"]
    assert att_d == 0
    below = lines[att_i + 1 :]
    block = []
    for line in below:
        if len(line) - len(line.lstrip(" ")) <= att_d:
            break
        block.append(line)
    assert any(line.startswith("  self-attention  (") for line in block)
    assert any(line.startswith("    multi-head attention") for line in block)
    # several parents: listed under each
    assert len(depth["attention pooling"]) == 2
    assert render_tree(vocab) == render_tree(load_vocabulary())


def test_render_tree_small_and_sorted_case_insensitively():
    a = Concept("u:a", "beta", ("b",))
    b = Concept("u:b", "Alpha")
    c = Concept("u:c", "child", broader=("u:a", "u:b"))
    assert render_tree(Vocabulary((a, b, c))) == "Alpha\n  child\nbeta  (b)\n  child\n"

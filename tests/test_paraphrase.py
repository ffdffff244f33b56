"""Paraphrase layer: sentence spans, monotone sentence alignment, the shipped embedding model.

Every text here is written for these tests. The model is loaded once for the module.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest

from storytrace.errors import ModelMissingError
from storytrace.reuse import embed
from storytrace.reuse.embed import DIMENSION, SentenceEncoder
from storytrace.reuse.paraphrase import DEFAULT_THRESHOLD, align_sentences, paraphrase_passages, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# --- split_sentences ----------------------------------------------------------------------------


def test_split_spans_are_exact_and_trimmed():
    text = "  First one here.   Second one?\tThird!  "
    assert split_sentences(text) == [(2, 17), (20, 31), (32, 38)]
    assert _sentences(text) == ["First one here.", "Second one?", "Third!"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Maj. Gen. J. Smith of the U.S. Army said prices rose 1.5 percent. He left.",
            ["Maj. Gen. J. Smith of the U.S. Army said prices rose 1.5 percent.", "He left."],
        ),
        (
            "Mr. Jones and Mrs. Brown met Dr. Lee on Jan. 5 at No. 10 Downing St. in London. Talks failed.",
            ["Mr. Jones and Mrs. Brown met Dr. Lee on Jan. 5 at No. 10 Downing St. in London.", "Talks failed."],
        ),
        (
            "She moved to the U.S. The rest is history.",
            ["She moved to the U.S.", "The rest is history."],
        ),
        (
            'He said: "We are ready." Then he left. She wrote: “It is over.” Nobody replied.',
            ['He said: "We are ready."', "Then he left.", "She wrote: “It is over.”", "Nobody replied."],
        ),
        (
            '"Why?" he asked. "Because." She smiled.',
            ['"Why?" he asked.', '"Because."', "She smiled."],
        ),
        (
            "At 5 p.m. on Friday, J. A. Smith of Acme Inc. arrived. Shares rose 2.25 percent to $3.50.",
            ["At 5 p.m. on Friday, J. A. Smith of Acme Inc. arrived.", "Shares rose 2.25 percent to $3.50."],
        ),
        (
            "Prices fell by 3.2 percent... Analysts were surprised. Why now? Nobody knows!",
            ["Prices fell by 3.2 percent...", "Analysts were surprised.", "Why now?", "Nobody knows!"],
        ),
        (
            "He was asked whether he would resign and said no. The party backed him.",
            ["He was asked whether he would resign and said no.", "The party backed him."],
        ),
    ],
)
def test_split_tricky_cases(text, expected):
    assert _sentences(text) == expected


def test_paragraphs_never_share_a_sentence():
    text = "A headline without a full stop\n\nThe first sentence. The second one\n \n\nLast paragraph."
    spans = split_sentences(text)
    assert _sentences(text) == [
        "A headline without a full stop",
        "The first sentence.",
        "The second one",
        "Last paragraph.",
    ]
    assert spans[1] == (text.index("The first"), text.index("The first") + len("The first sentence."))
    assert spans[-1] == (text.index("Last"), len(text))


def test_split_empty_and_blank():
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t\n") == []


# --- align_sentences ----------------------------------------------------------------------------


def _vectors(cosines: list[list[float]]) -> tuple[np.ndarray, np.ndarray]:
    """Source and target vectors whose dot products are exactly ``cosines``."""
    matrix = np.array(cosines, dtype=np.float64)
    return np.eye(matrix.shape[0]), matrix.T.copy()


def _pairs(cosines: list[list[float]], threshold: float) -> list[tuple[int, int]]:
    source, target = _vectors(cosines)
    return [(i, j) for i, j, _ in align_sentences(source, target, threshold=threshold)]


def test_align_in_order_with_cosines():
    source, target = _vectors([[0.9, 0.1], [0.2, 0.8]])
    assert align_sentences(source, target, threshold=0.5) == [(0, 0, pytest.approx(0.9)), (1, 1, pytest.approx(0.8))]


def test_align_skips_sentences_on_both_sides():
    cosines = [
        [0.9, 0.1, 0.1, 0.1],
        [0.1, 0.2, 0.1, 0.1],  # a source sentence with no counterpart
        [0.1, 0.1, 0.1, 0.85],  # the target inserts two sentences before this one's counterpart
    ]
    assert _pairs(cosines, 0.5) == [(0, 0), (2, 3)]


def test_align_is_monotone_crossing_pairs_cannot_both_be_kept():
    # 0→1 and 1→0 cross: only the stronger is kept.
    assert _pairs([[0.1, 0.95], [0.9, 0.1]], 0.5) == [(0, 1)]
    # A reordered paragraph loses to the longer in-order run.
    cosines = [
        [0.9, 0.1, 0.1, 0.1],
        [0.1, 0.9, 0.1, 0.1],
        [0.1, 0.1, 0.1, 0.95],
        [0.1, 0.1, 0.9, 0.1],
    ]
    assert _pairs(cosines, 0.5) == [(0, 0), (1, 1), (2, 3)]


def test_align_strong_pair_beats_several_weak_ones():
    cosines = [
        [0.1, 0.1, 0.95],
        [0.55, 0.1, 0.1],
        [0.1, 0.55, 0.1],
    ]
    assert _pairs(cosines, 0.5) == [(0, 2)]


def test_align_threshold_is_inclusive_and_filters():
    assert _pairs([[0.7]], 0.7) == [(0, 0)]
    assert _pairs([[0.7]], 0.71) == []
    assert _pairs([[0.6, 0.4], [0.4, 0.6]], 0.65) == []


def test_align_uses_each_sentence_once():
    assert len(_pairs([[0.9], [0.9], [0.9]], 0.5)) == 1
    assert len(_pairs([[0.9, 0.9, 0.9]], 0.5)) == 1


def test_align_empty_and_bad_shapes():
    assert align_sentences(np.zeros((0, 4)), np.ones((3, 4)), threshold=0.5) == []
    assert align_sentences(np.ones((2, 4)), np.zeros((0, 4)), threshold=0.5) == []
    with pytest.raises(ValueError):
        align_sentences(np.ones((2, 4)), np.ones((2, 5)), threshold=0.5)


def _best_total(cosines: np.ndarray, threshold: float) -> float:
    """Exhaustive search over all monotone one-to-one alignments (small matrices only)."""
    n, m = cosines.shape
    best = 0.0
    for k in range(1, min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.combinations(range(m), k):
                values = [cosines[i, j] for i, j in zip(rows, cols, strict=True)]
                if min(values) >= threshold:
                    best = max(best, sum(v - threshold for v in values))
    return best


def test_align_is_optimal_against_exhaustive_search():
    rng = np.random.default_rng(7)
    for _ in range(60):
        n, m = rng.integers(1, 5, size=2)
        cosines = rng.uniform(0.0, 1.0, size=(n, m)).round(2)
        source, target = _vectors(cosines.tolist())
        pairs = align_sentences(source, target, threshold=0.6)
        assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(pairs))
        assert all(c >= 0.6 for _, _, c in pairs)
        total = sum(c - 0.6 for _, _, c in pairs)
        assert total == pytest.approx(_best_total(cosines, 0.6), abs=1e-4)


# --- the embedding model ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_encode_shape_dtype_and_unit_length(encoder):
    vectors = encoder.encode(["The minister resigned.", "", "Rain is expected tomorrow in the north."])
    assert vectors.shape == (3, DIMENSION)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, DIMENSION)


def test_encode_keeps_input_order_across_batches(encoder):
    sentences = [
        "Short one.",
        "A much longer sentence about the harbour, the ferries and the storm that closed the port for two days.",
        "Medium length sentence about the council budget.",
    ]
    together = encoder.encode(sentences, batch_size=2)
    alone = np.vstack([encoder.encode([s]) for s in sentences])
    # int8 activations are quantised per batch, so rows differ a little with the batch they are in.
    assert np.all((together * alone).sum(axis=1) > 0.99)
    long_text = " ".join(["The storm closed the harbour and ferries stayed in port."] * 60)
    assert encoder.encode([long_text]).shape == (1, DIMENSION)  # cut at 256 word pieces


def test_paraphrase_scores_clearly_above_unrelated(encoder):
    a, b, c = encoder.encode(
        [
            "The minister resigned on Tuesday after the scandal.",
            "After the scandal, the minister quit on Tuesday.",
            "The football team won its third match in a row.",
        ]
    )
    paraphrase, unrelated = float(a @ b), float(a @ c)
    assert paraphrase >= DEFAULT_THRESHOLD
    assert unrelated < 0.3
    assert paraphrase - unrelated > 0.5


def test_encode_rejects_a_bare_string(encoder):
    with pytest.raises(TypeError):
        encoder.encode("one sentence")


def test_missing_model_is_a_storytrace_error(monkeypatch):
    monkeypatch.setattr(embed, "_MODEL_FOLDER", "no-such-folder")
    with pytest.raises(ModelMissingError) as caught:
        SentenceEncoder.load()
    assert caught.value.code == "E501"
    assert "minilm-l6-v2-int8.onnx" in str(caught.value)


def test_importing_the_layer_stays_light():
    code = (
        "import sys, storytrace.reuse.embed, storytrace.reuse.paraphrase; "
        "print(any(m in sys.modules for m in ('onnxruntime', 'tokenizers')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- paraphrase_passages ------------------------------------------------------------------------

SOURCE = (
    "The city council approved a new budget on Monday after a long debate. The plan raises spending on public "
    "transport by 12 percent. Mayor Ana Ruiz said the vote was a victory for commuters.\n\n"
    "Separately, police arrested two men suspected of stealing copper cable from the railway. "
    "Both will appear in court on Friday."
)
REWRITE = (
    "Forecasters expect the weather to stay dry for the rest of the week.\n\n"
    "On Monday, after a lengthy discussion, councillors passed the city's new budget. Under the plan, spending on "
    "buses and trams will rise by 12 percent. The local football club also announced a new coach.\n\n"
    "Mayor Ana Ruiz called the result a win for people who commute. Two men were arrested by police on suspicion "
    "of stealing copper cable from the railway."
)


def _span(text: str, first: str, last: str) -> tuple[int, int]:
    return text.index(first), text.index(last) + len(last)


def test_paraphrase_passages_spans_and_scores(encoder):
    passages = paraphrase_passages(SOURCE, REWRITE, encoder, threshold=0.6)
    assert [(p.source_span, p.target_span) for p in passages] == [
        (
            _span(SOURCE, "The city council", "by 12 percent."),
            _span(REWRITE, "On Monday", "by 12 percent."),
        ),
        (
            _span(SOURCE, "Mayor Ana Ruiz", "from the railway."),
            _span(REWRITE, "Mayor Ana Ruiz", "from the railway."),
        ),
    ]
    for passage in passages:
        assert passage.kind == "paraphrase"
        assert 0.6 <= passage.score <= 1.0


def test_paraphrase_passages_finds_nothing_between_unrelated_texts(encoder):
    other = "The orchestra will tour Japan in the autumn. Tickets go on sale next month at the usual venues."
    assert paraphrase_passages(SOURCE, other, encoder) == []
    assert paraphrase_passages("", REWRITE, encoder) == []

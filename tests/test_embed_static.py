"""The static sentence encoder (distilled from all-MiniLM-L6-v2) and the choice of encoder.

Every text here is written for these tests. The static model is loaded once for the module.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from storytrace.errors import ModelMissingError
from storytrace.models import Article
from storytrace.reuse import embed
from storytrace.reuse.embed import (
    DEFAULT_ENCODER,
    ENCODERS,
    STATIC_DIMENSION,
    STATIC_FILE,
    TOKENIZER_FILE,
    SentenceEncoder,
    StaticEncoder,
    load_encoder,
)
from storytrace.reuse.pairs import ReuseOptions, _Pile, find_reuse
from storytrace.reuse.paraphrase import ENCODER_PARAMS, encoder_params, paraphrase_passages
from test_paraphrase import REWRITE, SOURCE, _span  # texts written for those tests


@pytest.fixture(scope="module")
def static() -> StaticEncoder:
    return StaticEncoder.load()


def test_encode_shape_dtype_unit_length_and_empty_is_zero(static):
    vectors = static.encode(["The minister resigned.", "", "Rain is expected tomorrow in the north."])
    assert vectors.shape == (3, STATIC_DIMENSION) == (3, static.dimension)
    assert vectors.dtype == np.float32
    norms = np.linalg.norm(vectors, axis=1)
    assert norms[0] == pytest.approx(1.0, abs=1e-5) and norms[2] == pytest.approx(1.0, abs=1e-5)
    assert norms[1] == 0.0  # no word piece: the zero vector, cosine 0 with everything
    assert static.encode([]).shape == (0, STATIC_DIMENSION)
    with pytest.raises(TypeError):
        static.encode("one sentence")


def test_a_sentence_vector_is_the_normalised_mean_of_its_word_piece_rows(static):
    from tokenizers import Tokenizer

    folder = resources.files("storytrace.reuse").joinpath("model")
    with folder.joinpath(STATIC_FILE).open("rb") as handle:
        table = np.load(handle).astype(np.float64)
    tokenizer = Tokenizer.from_str(folder.joinpath(TOKENIZER_FILE).read_text(encoding="utf-8"))
    tokenizer.no_padding()  # the upstream file pads to 128 with [PAD]
    sentence = "Councillors passed the budget after a lengthy discussion on Monday."
    ids = tokenizer.encode(sentence, add_special_tokens=False).ids
    assert tokenizer.token_to_id("[CLS]") not in ids and len(ids) >= 10
    expected = table[ids].mean(axis=0)
    expected /= np.linalg.norm(expected)
    assert np.allclose(static.encode([sentence])[0], expected, atol=1e-5)


def test_vectors_do_not_depend_on_the_batch(static):
    sentences = ["Short one here.", "A much longer sentence about the harbour, the ferries and the storm.", "Medium one."]
    together = static.encode(sentences)
    alone = np.vstack([static.encode([s]) for s in sentences])
    assert np.array_equal(together, alone)
    long_text = " ".join(["The storm closed the harbour and ferries stayed in port."] * 80)
    assert static.encode([long_text]).shape == (1, STATIC_DIMENSION)  # cut at 512 word pieces


def test_load_from_paths_gives_the_same_vectors(static):
    folder = resources.files("storytrace.reuse").joinpath("model")
    with resources.as_file(folder.joinpath(STATIC_FILE)) as table, resources.as_file(folder.joinpath(TOKENIZER_FILE)) as tok:
        other = StaticEncoder.load_from(Path(table), Path(tok))
    sentences = ["The council approved the budget.", "Two men were arrested near the railway."]
    assert np.array_equal(other.encode(sentences), static.encode(sentences))


def test_table_must_fit_the_vocabulary(static):
    with pytest.raises(ValueError, match="does not fit"):
        StaticEncoder(np.zeros((10, 4), dtype=np.float32), static._tokenizer)


def test_paraphrase_scores_clearly_above_unrelated(static):
    a, b, c = static.encode(
        [
            "The minister resigned on Tuesday after the scandal.",
            "After the scandal, the minister quit on Tuesday.",
            "The football team won its third match in a row.",
        ]
    )
    paraphrase, unrelated = float(a @ b), float(a @ c)
    assert paraphrase >= ENCODER_PARAMS["static"].threshold
    assert unrelated < 0.5
    assert paraphrase - unrelated > 0.5


def test_paraphrase_passages_use_the_static_threshold_by_default(static):
    passages = paraphrase_passages(SOURCE, REWRITE, static)
    # MiniLM also aligns "buses and trams" with "public transport" (tests/test_paraphrase.py); the
    # static model finds the two closest restatements only.
    assert [p.target_span for p in passages] == [
        _span(REWRITE, "On Monday", "new budget."),
        _span(REWRITE, "Two men were arrested", "from the railway."),
    ]
    assert all(p.kind == "paraphrase" and p.score >= ENCODER_PARAMS["static"].threshold for p in passages)
    # At MiniLM's lower cut-off the static scale lets a weaker pair in: thresholds are per encoder.
    assert len(paraphrase_passages(SOURCE, REWRITE, static, threshold=ENCODER_PARAMS["minilm"].threshold)) >= 2
    other = "The orchestra will tour Japan in the autumn. Tickets go on sale next month at the usual venues."
    assert paraphrase_passages(SOURCE, other, static) == []


def test_missing_static_model_is_a_storytrace_error(monkeypatch):
    monkeypatch.setattr(embed, "STATIC_FILE", "no-such-table.npy")
    with pytest.raises(ModelMissingError) as caught:
        StaticEncoder.load()
    assert caught.value.code == "E501"
    assert "no-such-table.npy" in str(caught.value)


def test_load_encoder_by_name():
    assert set(ENCODERS) == {"static", "minilm"} and DEFAULT_ENCODER in ENCODERS
    assert isinstance(load_encoder("static"), StaticEncoder)
    minilm = load_encoder("minilm", threads=1)
    assert isinstance(minilm, SentenceEncoder) and minilm.name == "minilm" and minilm.dimension == 384
    with pytest.raises(ValueError, match="unknown sentence encoder"):
        load_encoder("word2vec")
    with pytest.raises(ValueError, match="no fitted cut-offs"):
        encoder_params("word2vec")


def test_importing_the_static_encoder_stays_light():
    code = "import sys, storytrace.reuse.embed; print(any(m in sys.modules for m in ('onnxruntime', 'tokenizers')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- the encoder in the reuse stage -------------------------------------------------------------


def test_reuse_options_take_each_encoders_fitted_cutoffs_unless_given():
    for name in ENCODERS:
        assert ReuseOptions(paraphrase_encoder=name).paraphrase_params() == ENCODER_PARAMS[name]
    assert ENCODER_PARAMS["static"] != ENCODER_PARAMS["minilm"]
    given = ReuseOptions(paraphrase_encoder="static", paraphrase_threshold=0.9, spun_cosine=0.8, spun_min_share=0.4)
    assert (given.paraphrase_params().threshold, given.paraphrase_params().spun_cosine,
            given.paraphrase_params().spun_min_share) == (0.9, 0.8, 0.4)
    with pytest.raises(ValueError, match="unknown paraphrase_encoder"):
        ReuseOptions(paraphrase_encoder="word2vec")


def _article(index: int, text: str) -> Article:
    return Article(
        id=index, source=f"test/{index}", locator=None, source_kind="text", url=None, title=None, byline=None,
        published=None, published_time=None, dateline=None, outlet=f"outlet{index}.example", credits=(), text=text,
        paragraphs=(), words=len(text.split()), raw="", raw_format="text", content_hash=str(index),
        text_hash=str(index),
    )


def test_a_pile_refuses_an_encoder_other_than_the_options_ask_for(static):
    articles = [_article(1, SOURCE), _article(2, REWRITE)]
    with pytest.raises(ValueError, match="options ask for"):
        _Pile(articles, [0, 1], ReuseOptions(paraphrase_encoder="minilm"), encoder=static)


def test_find_reuse_with_the_static_encoder_marks_the_restated_passages():
    shared = (
        "Officials at the port authority said the harbour would reopen on Thursday morning once divers had "
        "inspected the damaged pier and cleared the debris left by the storm from the main channel."
    )
    first = SOURCE + "\n\n" + shared
    second = REWRITE + "\n\n" + shared
    pairs = find_reuse([_article(1, first), _article(2, second)], ReuseOptions(paraphrase_encoder="static"))
    assert len(pairs) == 1
    kinds = {p.kind for p in pairs[0].passages}
    assert "paraphrase" in kinds and kinds - {"paraphrase"}  # the verbatim paragraph and the restated ones
    restated = [p for p in pairs[0].passages if p.kind == "paraphrase"]
    target = second if pairs[0].target == 2 else first
    assert any("councillors passed" in target[slice(*p.target_span)] or "council approved" in target[slice(*p.target_span)]
               for p in restated)


def test_align_cosines_is_align_sentences_on_the_cosine_matrix(static):
    from storytrace.reuse.paraphrase import align_cosines, align_sentences, split_sentences

    source = static.encode([SOURCE[a:b] for a, b in split_sentences(SOURCE)])
    target = static.encode([REWRITE[a:b] for a, b in split_sentences(REWRITE)])
    expected = align_sentences(source, target, threshold=0.7)
    cosines = source.astype(np.float64) @ target.astype(np.float64).T
    assert expected and align_cosines(cosines, threshold=0.7) == expected
    assert align_cosines(np.zeros((0, 3)), threshold=0.5) == []
    with pytest.raises(ValueError):
        align_cosines(np.zeros(3), threshold=0.5)

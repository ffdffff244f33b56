"""PolNeAR: brat reading, span scoring, and a floor on the shared dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.errors import EvalDataError
from storytrace.eval.polnear import content_span, evaluate_polnear, read_ann
from storytrace.models import Quote

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"

TEXT = ("Council to close two libraries.\n\n"
        "The council will close two libraries next year, the leader said on Monday.\n\n"
        "“We have no money left,” said Ann Lee, the finance officer.\n")


def _ann(text: str) -> str:
    def span(label: str, piece: str, number: int) -> str:
        start = text.index(piece)
        return f"T{number}\t{label} {start} {start + len(piece)}\t{piece}"

    lines = [
        span("Source", "the leader", 1), span("Cue", "said", 2),
        span("Content", "The council will close two libraries next year", 3),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        span("Source", "Ann Lee, the finance officer", 4), span("Cue", "said Ann", 5),
        span("Content", "“We have no money left,”", 6),
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
    ]
    return "\n".join(lines).replace("said Ann", "said")


def test_read_ann_ties_roles_together():
    gold = read_ann(_ann(TEXT))
    assert len(gold) == 2
    start = TEXT.index("the leader")
    assert gold[0].source == ((start, start + len("the leader")),)


def test_discontinuous_spans_are_read():
    gold = read_ann("T1\tContent 0 5;10 15\tabcde fghij\nT2\tCue 6 9\tsaid\nE1\tContent:T1 Cue:T2")
    assert gold[0].content == ((0, 5), (10, 15)) and gold[0].source is None


def test_evaluate_on_a_split_written_here(tmp_path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "dev" / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "story_aaaa.ann").write_text(_ann(TEXT), encoding="utf-8")
    result = evaluate_polnear(tmp_path)
    assert result["articles"] == 1 and result["gold"] == 2
    assert result["content_f1_overlap"] == 1.0
    assert result["source_f1_overlap"] == 1.0


def test_contents_match_one_to_one_best_overlap_first(tmp_path):
    from storytrace.eval.polnear import GoldAttribution, _match
    from storytrace.models import Quote

    text = "alpha beta gamma delta epsilon zeta eta theta"
    def span(a: str, b: str) -> tuple[int, int]:
        return text.index(a), text.index(b) + len(b)

    gold = [GoldAttribution(None, None, (span("alpha", "beta"),)), GoldAttribution(None, None, (span("alpha", "delta"),))]
    wide = Quote(text="", span=span("alpha", "gamma"), speaker=None, speaker_span=None, cue="x", direct=False)
    narrow = Quote(text="", span=span("alpha", "beta"), speaker=None, speaker_span=None, cue="x", direct=False)
    # First come would give the wide prediction the first gold (2 of 3 words); best first pairs each
    # prediction with the gold it overlaps most.
    pairs = {(q.span, g) for q, g in _match(text, [wide, narrow], gold, "overlap")}
    assert pairs == {(narrow.span, 0), (wide.span, 1)}


def test_nested_predictions_are_scored_once():
    from storytrace.eval.polnear import univocal
    from storytrace.models import Quote

    outer = Quote(text="", span=(10, 80), speaker="A", speaker_span=(0, 5), cue="said", direct=False)
    nested = Quote(text="", span=(40, 60), speaker="A", speaker_span=(0, 5), cue="said", direct=True)
    other = Quote(text="", span=(90, 120), speaker="B", speaker_span=(85, 88), cue="said", direct=True)
    assert univocal([outer, nested, other]) == [outer, other]


def test_missing_split_is_an_error(tmp_path):
    with pytest.raises(EvalDataError):
        evaluate_polnear(tmp_path)


@pytest.mark.shared
@pytest.mark.slow
def test_dev_split_keeps_its_floor():
    if not (SHARED / "dev").is_dir():
        pytest.skip(f"{SHARED} not found: shared evaluation data absent")
    result = evaluate_polnear(SHARED)
    # The goal (0.65 for both overlap figures) as the floor; measured: content 0.708 /
    # source 0.663 overlap, 0.517 / 0.489 exact (direct quotes with their marks, as PolNeAR
    # marks them; 0.341 / 0.327 without), 0.677 content over every prediction.
    assert result["content_f1_overlap"] >= 0.68 and result["source_f1_overlap"] >= 0.65, result
    assert result["content_f1_overlap_all"] >= 0.65 and result["content_f1_exact"] >= 0.5, result
    assert result["source_f1_exact"] >= 0.47, result
    # the words-only figures are printed too, and the widening is what lifts the exact ones
    assert 0.3 <= result["content_f1_exact_words"] < result["content_f1_exact"], result
    assert result["source_f1_exact_words"] < result["source_f1_exact"], result


def _direct(text: str, words: str, *, direct: bool = True) -> Quote:
    start = text.index(words)
    return Quote(text=words, span=(start, start + len(words)), speaker=None, speaker_span=None, cue="said",
                 direct=direct)


def test_a_direct_quote_is_scored_with_its_marks_and_inside_punctuation():
    # PolNeAR's content of a direct quote is '"We will win,"': marks and the comma inside them.
    text = 'The mayor spoke. "We will win," she said. “It is over.” He left.'
    assert text[slice(*content_span(text, _direct(text, "We will win")))] == '"We will win,"'
    assert text[slice(*content_span(text, _direct(text, "It is over")))] == "“It is over.”"


def test_marks_typed_as_two_characters_count_as_one_mark():
    text = "He said: ``We are ready,'' and left."
    assert text[slice(*content_span(text, _direct(text, "We are ready")))] == "``We are ready,''"
    text = "She added, ''Nothing changed.'' Then she left."
    assert text[slice(*content_span(text, _direct(text, "Nothing changed")))] == "''Nothing changed.''"


def test_reported_speech_and_unquoted_words_keep_their_span():
    text = "The minister said that the bridge will reopen, officials added."
    reported = _direct(text, "the bridge will reopen", direct=False)
    assert content_span(text, reported) == reported.span
    # a direct quote without marks around it (a colon quotation) is not widened
    text = "He said: the bridge will reopen, and left."
    bare = _direct(text, "the bridge will reopen")
    assert content_span(text, bare) == bare.span


def test_an_interrupted_quotation_is_scored_without_its_own_attribution(tmp_path):
    """PolNeAR marks “A,” said X, a lawyer at …, “B.” as one content in two fragments; storytrace's one
    quote runs over the attribution, whose source and cue it marks, and its content is the two parts."""
    from storytrace.eval.polnear import content_fragments

    text = ('Mines closed.\n\n"The legend is that Patriot was set up to fail," said Kevin Barrett, a lawyer at '
            'Bailey & Glasser, who represents the state in the bankruptcy cases. "It was destined to fail."\n')
    start, end = text.index("The legend"), text.index("destined to fail") + len("destined to fail.")
    speaker = (text.index("Kevin"), text.index(" in the bankruptcy cases") + len(" in the bankruptcy cases"))
    quote = Quote(text=text[start:end], span=(start, end), speaker="Kevin Barrett", speaker_span=speaker,
                  cue="said", cue_span=(text.index("said"), text.index("said") + 4), direct=True)
    assert [text[a:b] for a, b in content_fragments(text, quote)] == [
        '"The legend is that Patriot was set up to fail,"', '"It was destined to fail."']
    plain = _direct(text, "The legend is that Patriot was set up to fail")
    assert content_fragments(text, plain) == (content_span(text, plain),)
    # scored: the gold's two fragments match (the attribution's 20 words had kept the overlap under half)
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "a.txt").write_text(text, encoding="utf-8")
    first, second = '"The legend is that Patriot was set up to fail,"', '"It was destined to fail."'
    a, b = text.index(first), text.index(second)
    source = text[speaker[0] : speaker[1]]
    (split / "attributions" / "a_x.ann").write_text(
        f"T1\tSource {speaker[0]} {speaker[1]}\t{source}\n"
        f"T2\tCue {text.index('said')} {text.index('said') + 4}\tsaid\n"
        f"T3\tContent {a} {a + len(first)};{b} {b + len(second)}\t{first} {second}\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n", encoding="utf-8")
    result = evaluate_polnear(tmp_path)
    assert result["content_f1_overlap"] == 1.0 and result["source_f1_overlap"] == 1.0, result

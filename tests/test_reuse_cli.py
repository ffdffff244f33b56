"""`storytrace reuse`, `storytrace diff` and `storytrace eval meter` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storytrace.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pile_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("pile") / "pile.db")
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "mosul-2016"), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


def test_reuse_json_has_the_dossier_shape(pile_db):
    result = CliRunner().invoke(main, ["reuse", "--db", pile_db, "--json"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.output)
    assert len(pairs) == 2
    for pair in pairs:
        assert set(pair) >= {"source", "target", "relation", "mode", "target_coverage", "direction_confidence",
                             "evidence", "passages"}
        assert pair["source"].startswith("a") and pair["relation"] in {"wholly_derived", "partially_derived",
                                                                       "shared_passages"}
        for passage in pair["passages"]:
            assert passage["kind"] in {"verbatim", "near_verbatim", "paraphrase", "quote"}
            assert passage["source_span"][0] < passage["source_span"][1]


def test_reuse_table_says_how_many_origins(pile_db):
    result = CliRunner().invoke(main, ["reuse", "--db", pile_db])
    assert result.exit_code == 0
    assert "independent origins" in result.output and "among 5 articles" in result.output


def test_diff_shows_passages_side_by_side(pile_db):
    result = CliRunner().invoke(main, ["diff", "--db", pile_db, "3", "2"])
    assert result.exit_code == 0, result.output
    assert "quote" in result.output and "caliphate" in result.output


def test_diff_of_unrelated_articles_and_missing_ids(pile_db):
    unrelated = CliRunner().invoke(main, ["diff", "--db", pile_db, "4", "5"])
    assert unrelated.exit_code == 0 and "no shared passages" in unrelated.output
    missing = CliRunner().invoke(main, ["diff", "--db", pile_db, "1", "99"])
    assert missing.exit_code == 1
    assert "[E001]" in missing.output and "99" in missing.output


def test_reuse_on_a_missing_store_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["reuse", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "[E303]" in result.output


def test_the_paraphrase_encoder_can_be_chosen(pile_db):
    """The static encoder is the cheap option: same lexical pairs, but the rewritten article of the
    sample pile (a1 → a2 in the gold) is not found to be wholly derived with it."""
    relations = {}
    for encoder in ("minilm", "static"):
        result = CliRunner().invoke(main, ["reuse", "--db", pile_db, "--paraphrase-encoder", encoder, "--json"])
        assert result.exit_code == 0, result.output
        relations[encoder] = {(p["source"], p["target"]): p["relation"] for p in json.loads(result.output)}
    assert "wholly_derived" in relations["minilm"].values()
    assert relations["static"] != relations["minilm"]
    assert "wholly_derived" not in relations["static"].values()
    bad = CliRunner().invoke(main, ["reuse", "--db", pile_db, "--paraphrase-encoder", "bert"])
    assert bad.exit_code == 2 and "bert" in bad.output


def test_analyze_takes_the_paraphrase_encoder(pile_db):
    result = CliRunner().invoke(main, ["analyze", "--db", pile_db, "--paraphrase-encoder", "static", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["articles"] == 5 and summary["independent_origins"] == 5  # the rewrite is not collapsed


@pytest.fixture(scope="module")
def analysed_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("analysed") / "pile.db")
    result = CliRunner().invoke(main, ["analyze", str(ROOT / "examples" / "mosul-2016"), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


def _diff(db, first, second):
    result = CliRunner().invoke(main, ["diff", "--db", db, str(first), str(second)])
    assert result.exit_code == 0, result.output
    return result.output


def test_diff_shows_the_analysed_pair_whatever_the_order(analysed_db):
    """diff agrees with the dossier (and so with the report and serve): same relation, direction and
    coverage whichever article is named first."""
    from storytrace.store import Store

    with Store.open(analysed_db, create=False) as store:
        pairs = store.latest_dossier()["reuse"]
    assert pairs
    for pair in pairs:
        source, target = int(pair["source"][1:]), int(pair["target"][1:])
        shown = _diff(analysed_db, source, target)
        assert _diff(analysed_db, target, source) == shown
        heading = " ".join(shown.split())
        assert heading.startswith(f"a{source} ") and f"→ a{target} " in heading
        assert f"{pair['relation'].replace('_', ' ')}, mode {pair['mode']}, " in heading
        assert f"{pair['target_coverage']:.0%} of a{target} shared; direction {pair['direction_confidence']:.2f}" in heading
        assert "from the latest analysis" in heading


def test_diff_of_a_pair_the_analysis_did_not_relate_ignores_the_order(analysed_db, tmp_path):
    shown = _diff(analysed_db, 4, 5)
    assert _diff(analysed_db, 5, 4) == shown
    assert "no shared passages" in shown and "did not relate them" in " ".join(shown.split())
    fresh = str(tmp_path / "fresh.db")  # no analysis: computed, the lower id first
    assert CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "mosul-2016"), "--db", fresh, "-q"]).exit_code == 0
    computed = _diff(fresh, 2, 1)
    assert _diff(fresh, 1, 2) == computed and "no analysis yet" in " ".join(computed.split())


def test_diff_of_an_article_with_itself_is_a_usage_error(analysed_db):
    result = CliRunner().invoke(main, ["diff", "--db", analysed_db, "2", "2"])
    assert result.exit_code == 2 and "give two different articles" in result.output


def test_diff_takes_the_ids_the_other_commands_print(pile_db):
    """`articles`, `reuse`, `claims` and the report print a3; diff takes a3, A3 and 3 alike."""
    shown = _diff(pile_db, 3, 2)
    for first, second in (("a3", "a2"), ("A3", "A2"), ("a3", "2")):
        assert _diff(pile_db, first, second) == shown
    bad = CliRunner().invoke(main, ["diff", "--db", pile_db, "a3", "x2"])
    assert bad.exit_code == 2 and "'x2' is not an article id" in bad.output


def _wide_diff(db, first, second):
    """diff at 200 columns: no passage is wrapped inside a marked run of words."""
    result = CliRunner().invoke(main, ["diff", "--db", db, first, second], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_diff_names_articles_as_a_ids_and_untitled_ones_by_their_lead(pile_db):
    heading = " ".join(_wide_diff(pile_db, "a3", "a2").split("┏", 1)[0].split())
    assert "a2 Experts Warn Retaking Mosul" in heading and "of a2 shared" in heading
    # the untitled a3 is named by its first sentence of prose, not by the file it was read from
    assert "a3 The US-led coalition's Mosul operation leaves more questions than answers" in heading
    assert ".txt" not in heading and "GMT" not in heading


def test_diff_marks_differences_in_words_when_there_is_no_colour(pile_db):
    """Out of a terminal (a pipe, a file) colour is dropped, so the differences are marked in text."""
    shown = " ".join(_wide_diff(pile_db, "a3", "a2").split())
    assert "words only in a3 are [-marked-]; words only in a2 are {+marked+}" in shown
    assert "[-IS 'caliphate army'-]" in shown and "{+Isis caliphate army+}" in shown


@pytest.mark.parametrize("command", ["articles", "reuse"])
@pytest.mark.parametrize("columns", [80, 100], ids=["80", "100"])
def test_tables_fit_the_terminal(pile_db, command, columns):
    """`articles` and `reuse` used to draw at least 120 columns, so every row overflowed a terminal of 80."""
    result = CliRunner().invoke(main, [command, "--db", pile_db], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= columns
    # a narrow terminal gets one block per row, not seven columns of word pieces
    words = set(" ".join(result.output.split()).split())
    if command == "reuse":
        assert {"shared", "passages,"} <= words or {"wholly", "derived,"} <= words or {"partially", "derived,"} <= words
    else:
        assert "BBSNews" in words and "Research" in words


def test_reuse_without_pairs_says_so(tmp_path):
    from conftest import FERRY, ORCHARD, article_text, write

    db = str(tmp_path / "two.db")
    for story in (FERRY, ORCHARD):
        path = write(tmp_path / f"{story.slug}.txt", article_text(story))
        assert CliRunner().invoke(main, ["ingest", str(path), "--db", db, "-q"]).exit_code == 0
    result = CliRunner().invoke(main, ["reuse", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output == ("no related pairs among 2 articles: no passage is shared, so each article is its own "
                             "origin (2 independent origins)\n")


def test_reuse_names_its_progress_after_the_alignment(pile_db, monkeypatch):
    """The bar used to read "ingest" while pairs were being aligned."""
    import storytrace.cli as cli

    stages = []
    real = cli._with_progress

    def recording(work, *, enabled, stage="ingest"):
        stages.append(stage)
        return real(work, enabled=enabled, stage=stage)

    monkeypatch.setattr(cli, "_with_progress", recording)
    result = CliRunner().invoke(main, ["reuse", "--db", pile_db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert stages == ["align"]
    assert "a1 Is the Battle for" in result.output  # the untitled-outlet article by its a-id and title

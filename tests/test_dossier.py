"""`storytrace analyze` on the bundled sample pile: the dossier against the gold a careful reader
wrote, the JSON Schema, determinism, and the commands that read the stored analysis."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
PILE = ROOT / "examples" / "mosul-2016"
GOLD = json.loads((Path(__file__).parent / "gold" / "mosul-2016-dossier.json").read_text(encoding="utf-8"))
SCHEMA = json.loads(resources.files("storytrace.compare").joinpath("dossier.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    from click.testing import CliRunner

    from storytrace.cli import main

    folder = tmp_path_factory.mktemp("dossier")
    db, out = folder / "pile.db", folder / "dossier.json"
    result = CliRunner().invoke(main, ["analyze", str(PILE), "--db", str(db), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return db, json.loads(out.read_text(encoding="utf-8"))


def ids_by_file(dossier):
    return {Path(a["source"]).name: a["id"] for a in dossier["articles"]}


def test_the_dossier_validates_against_the_schema(analysed):
    _, dossier = analysed
    jsonschema.validate(dossier, SCHEMA)


def test_the_schema_refuses_a_broken_dossier(analysed):
    _, dossier = analysed
    broken = dict(dossier, claims=[dict(dossier["claims"][0], independent_origins=0)])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({k: v for k, v in dossier.items() if k != "quotes"}, SCHEMA)


def test_spans_point_at_their_text(analysed):
    _, dossier = analysed
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    for row in [*dossier["quotes"], *dossier["quantities"]]:
        start, end = row["span"]
        assert texts[row["article"]][start:end] == row["text"]
    for pair in dossier["reuse"]:
        for passage in pair["passages"]:
            assert 0 <= passage["source_span"][0] < passage["source_span"][1] <= len(texts[pair["source"]])
            assert 0 <= passage["target_span"][0] < passage["target_span"][1] <= len(texts[pair["target"]])


def test_independent_origins_of_the_pile(analysed):
    _, dossier = analysed
    assert dossier["summary"]["articles"] == 5
    assert dossier["summary"]["independent_origins"] == GOLD["independent_origins"]


def test_stories_match_the_gold(analysed):
    _, dossier = analysed
    ids = ids_by_file(dossier)
    found = sorted(sorted(s["articles"]) for s in dossier["stories"])
    assert found == sorted(sorted(ids[name] for name in story["articles"]) for story in GOLD["stories"])


def _claims_with(dossier, words):
    quotes = {q["id"]: q for q in dossier["quotes"]}
    return [c for c in dossier["claims"] if c["kind"] == "quote" and any(words in quotes[m]["text"] for m in c["members"])]


@pytest.mark.parametrize("gold", GOLD["claims"], ids=lambda g: g["words"])
def test_shared_claims_and_their_origins(analysed, gold):
    _, dossier = analysed
    ids = ids_by_file(dossier)
    (claim,) = _claims_with(dossier, gold["words"])
    assert {ids[name] for name in gold["articles"]} <= set(claim["articles"])
    assert claim["independent_origins"] == gold["independent_origins"]


@pytest.mark.parametrize("gold", GOLD["speaker_conflicts"], ids=lambda g: g["words"])
def test_speaker_conflicts(analysed, gold):
    _, dossier = analysed
    ids = ids_by_file(dossier)
    (claim,) = _claims_with(dossier, gold["words"])
    (conflict,) = [c for c in claim["conflicts"] if c["kind"] == "speaker"]
    quotes = {q["id"]: q for q in dossier["quotes"]}
    credited = {quotes[m]["article"]: quotes[m]["speaker"] for m in conflict["members"]}
    for name, surname in gold["speakers"].items():
        assert surname in credited[ids[name]]


@pytest.mark.parametrize("gold", GOLD["wording_changes"], ids=lambda g: g["words"])
def test_wording_changes(analysed, gold):
    _, dossier = analysed
    (claim,) = _claims_with(dossier, gold["words"])
    (conflict,) = [c for c in claim["conflicts"] if c["kind"] == "wording"]
    for before, after in gold["changes"]:
        assert f"“{before}” → “{after}”" in conflict["detail"]


def test_no_other_speaker_or_wording_conflicts(analysed):
    _, dossier = analysed
    kinds = [c["kind"] for claim in dossier["claims"] for c in claim["conflicts"]]
    assert kinds.count("speaker") == len(GOLD["speaker_conflicts"])
    assert kinds.count("wording") == len(GOLD["wording_changes"])


@pytest.mark.parametrize("gold", [g for g in GOLD["value_conflicts"] if g["found_by_storytrace"]], ids=lambda g: g["what"])
def test_value_conflicts(analysed, gold):
    _, dossier = analysed
    ids = ids_by_file(dossier)
    quantities = {n["id"]: n for n in dossier["quantities"]}
    conflicts = [c for claim in dossier["claims"] for c in claim["conflicts"] if c["kind"] == "value"]
    for first, second in gold["disagree"]:
        wanted = {ids[first], ids[second]}
        assert any(
            {quantities[m]["article"] for m in c["members"]} == wanted
            and all(quantities[m]["text"] in " ; ".join(gold["printed"].values()) for m in c["members"])
            for c in conflicts
        ), (gold["what"], conflicts)


def test_every_value_conflict_is_in_the_gold(analysed):
    _, dossier = analysed
    quantities = {n["id"]: n for n in dossier["quantities"]}
    printed = " ; ".join(v for g in GOLD["value_conflicts"] for v in g["printed"].values())
    for claim in dossier["claims"]:
        for conflict in claim["conflicts"]:
            if conflict["kind"] == "value":
                assert all(quantities[m]["text"] in printed for m in conflict["members"]), conflict


def test_the_dossier_is_deterministic(analysed, tmp_path):
    from click.testing import CliRunner

    from storytrace.cli import main

    _, first = analysed
    out = tmp_path / "again.json"
    result = CliRunner().invoke(main, ["analyze", str(PILE), "--db", str(tmp_path / "again.db"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == first


def test_stories_and_claims_commands_read_the_stored_analysis(analysed):
    from click.testing import CliRunner

    from storytrace.cli import main

    db, dossier = analysed
    runner = CliRunner()
    stories = runner.invoke(main, ["stories", "--db", str(db), "--json"])
    assert stories.exit_code == 0 and json.loads(stories.output) == dossier["stories"]
    conflicts = runner.invoke(main, ["claims", "--db", str(db), "--conflicts-only", "--json"])
    rows = json.loads(conflicts.output)
    assert rows and all(row["conflicts"] for row in rows)
    text = runner.invoke(main, ["claims", "--db", str(db)])
    assert "speaker conflict" in text.output and "independent origins" in text.output


def test_commands_on_a_store_never_analysed_say_what_to_do(tmp_path):
    from click.testing import CliRunner

    from storytrace.cli import main

    runner = CliRunner()
    db = tmp_path / "pile.db"
    assert runner.invoke(main, ["ingest", str(PILE / "003_36699c77de50e06f.txt"), "--db", str(db), "-q"]).exit_code == 0
    result = runner.invoke(main, ["claims", "--db", str(db)])
    assert result.exit_code == 1 and "has not been analysed" in result.output
    missing = runner.invoke(main, ["analyze", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "error:" in missing.output and "Traceback" not in missing.output


def test_a_publication_cited_by_the_pile_is_no_person(analysed):
    # "told Politico reporters", "a Sept. 17 report for Politico": the NER's "person" Politico
    _, dossier = analysed
    politico = [e for e in dossier["entities"] if e["name"] == "Politico"]
    assert politico and all(e["type"] == "ORG" for e in politico)


def test_outlet_names_are_the_outlets_and_the_credited_publications_not_people():
    from storytrace.compare.dossier import outlet_names
    from storytrace.models import Article, Credit

    def article(number: int, outlet: str | None, *credits: Credit) -> Article:
        return Article(
            source=f"{number}.txt", locator=None, source_kind="text", url=None, title=None, byline=None,
            published=None, published_time=None, dateline=None, outlet=outlet, credits=credits, text="x",
            paragraphs=((0, 1),), words=1, raw="x", raw_format="text", content_hash=str(number),
            text_hash=str(number), id=number,
        )

    articles = [
        article(1, "politico.com", Credit(kind="via", name="AP", line="WASHINGTON (AP) —", role="wire dateline")),
        article(2, "Global Research",
                Credit(kind="originally_published_by", name="World Socialist Website", line="The original source …"),
                Credit(kind="copyright", name="Jordan Shilton", line="Copyright © Jordan Shilton, 2016")),
        article(3, None, Credit(kind="via", name="Captain Ahab", line="Translated by Captain Ahab", role="translator")),
        article(4, "politico.com"),
    ]
    assert outlet_names(articles) == ["politico.com", "AP", "Global Research", "World Socialist Website"]

"""What the text commands print for a reader at a terminal (or a file): who said what, plain words cut
at word boundaries, lines that fit the width, and differences that survive without colour.

The store holds the hand-built sample dossier of :mod:`dossier_sample`, with a few fields a real
analysis writes (claim text, story, first-seen note) added where a test needs them.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from dossier_sample import build_sample_store
from storytrace.cli import main
from storytrace.store import Store

#: A quote longer than any line, with an apostrophe (the old output showed it as ``didn\'t``).
LONG_QUOTE = (
    "We didn't expect the river to rise this fast, and the people of the lower town didn't either, "
    "so the council opened the sports hall before midnight and asked every volunteer with a boat to "
    "come down to the ferry landing and help the coastguard carry the elderly residents out of the "
    "flooded streets until the water finally began to fall"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    db, dossier = build_sample_store(tmp_path_factory.mktemp("output"))
    assert dossier is not None
    dossier = copy.deepcopy(dossier)
    for claim in dossier["claims"]:
        claim.setdefault("story", "s1" if claim["id"] != "c4" else "s2")
        claim.setdefault("first_seen_note", "earliest publication date")
        claim.setdefault("text", LONG_QUOTE if claim["id"] == "c1" else claim["id"])
    # an untitled article, and a story without a title, as real piles have them
    untitled = next(a for a in dossier["articles"] if a["title"] == "Bridge closure brings detours")
    untitled["title"] = None
    next(s for s in dossier["stories"] if s["id"] == "s2")["title"] = None
    with Store.open(db) as opened:
        opened.save_dossier(dossier)
    return db, dossier


def run(*args: str | Path, columns: int = 80, color: bool = False) -> Result:
    env = {"COLUMNS": str(columns)}
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, color=color)
    assert result.exit_code == 0, result.output
    return result


def _ids(dossier: dict[str, Any]) -> dict[str, str]:
    """Outlet → article id for the flood story (ids depend on ingest order)."""
    flood = set(next(s for s in dossier["stories"] if s["id"] == "s1")["articles"])
    return {a["outlet"]: a["id"] for a in dossier["articles"] if a["id"] in flood}


def test_claims_says_who_printed_each_claim_and_what_the_conflict_is(store):
    db, dossier = store
    ids = _ids(dossier)
    text = run("claims", "--db", db).output
    c1 = text.split("c1  ", 1)[1].split("\nc2  ", 1)[0]
    # each printing: article id, outlet and (a quote) its speaker
    assert f"{ids['Harbour Gazette']}  Harbour Gazette: Ines Okafor" in c1
    assert f"{ids['Daily Lantern']}  Daily Lantern: Tomas Reyes" in c1
    assert "speaker conflict: credited to Ines Okafor and to Tomas Reyes" in c1
    assert "\u202e" not in c1 and "[U+202E]XSS" in c1  # an outlet's bidi control is shown, not obeyed
    c2 = text.split("c2  ", 1)[1].split("\nc3  ", 1)[0]
    assert f"{ids['Coastline Wire']}  Coastline Wire: “About 1,500 residents”" in c2
    assert "value conflict: 1,200 vs 1,500 residents moved" in c2


def test_claims_prints_plain_text_cut_at_a_word_and_wrapped(store):
    db, _ = store
    text = run("claims", "--db", db, columns=80).output
    assert "didn\\'t" not in text and "didn't expect" in text
    assert "'We didn" not in text and '"We didn' not in text  # no repr quotes around the claim
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    claim = " ".join(line.strip() for line in text.split("c1  ", 1)[1].split("\n      ", 1)[0].splitlines()[1:])
    assert claim.endswith("…") and len(claim) < len(LONG_QUOTE)
    assert LONG_QUOTE.startswith(claim[:-1])  # cut where a word ends, not inside one
    assert LONG_QUOTE[len(claim) - 1] == " "


def test_claims_counts_one_origin_in_the_singular(store):
    db, _ = store
    text = run("claims", "--db", db).output
    assert "1 independent origin;" in text and "1 independent origins" not in text


def test_stories_mark_the_independent_origins(store):
    db, dossier = store
    ids = _ids(dossier)
    text = run("stories", "--db", db, columns=120).output
    flood = text.split("\n\n", 1)[0]
    assert "4 articles, 2 independent origins (marked *)" in flood
    marked = {line.split()[1] for line in flood.splitlines() if line.startswith("  * ")}
    assert marked == {ids["Harbour Gazette"], ids["<b>Evil</b> Outlet \u202eXSS"]}


def test_stories_name_untitled_articles_and_stories_by_their_lead(store):
    db, _ = store
    text = run("stories", "--db", db, columns=160).output
    bridge = text.split("\n\n", 1)[1]
    lead = "Drivers face long detours in Kestrel Bay: the Alder Street bridge is shut while crews examine damaged piers."
    assert bridge.startswith("s2  Alder Street bridge closed for repairs")  # the story: its earliest article's title
    untitled = next(line for line in bridge.splitlines() if "Valley Post" in line)
    assert untitled.endswith(f"undated     Valley Post      {lead}")  # the untitled article: its first sentence


@pytest.mark.parametrize("columns", [60, 80, 120], ids=["60", "80", "120"])
def test_stories_fit_the_terminal(store, columns):
    db, _ = store
    lines = run("stories", "--db", db, columns=columns).output.splitlines()
    assert max(len(line) for line in lines) <= columns


@pytest.mark.parametrize("command", [["stories"], ["claims"], ["claims", "--json"], ["report", "--out", "-"]],
                         ids=["stories", "claims", "claims-json", "report"])
def test_a_store_never_analysed_is_e304_for_every_command(tmp_path, command):
    """docs/cli.md: E304 no_analysis, with the hint to analyse; stories and claims used to say E001."""
    db, _ = build_sample_store(tmp_path, analysed=False)
    result = CliRunner().invoke(main, [*command, "--db", str(db)])
    assert result.exit_code == 1
    if "--json" in command:
        error = json.loads(result.stdout)["error"]
        assert (error["code"], error["reason"]) == ("E304", "no_analysis")
    else:
        assert result.output.startswith(f"error: [E304] {db} has not been analysed yet")
        assert f"storytrace analyze --db {db}" in result.output


def test_analyze_summary_names_stories_plainly_and_counts_in_the_singular(capsys, monkeypatch):
    from storytrace.cli import _print_summary

    monkeypatch.setenv("COLUMNS", "300")
    outlets = [f"outlet{n}.example" for n in range(1, 10)]
    dossier = {
        "summary": {"articles": 10, "stories": 1, "reuse_pairs": 1, "independent_origins": 1, "claims": 1,
                    "conflicts": {"speaker": 0, "value": 0, "wording": 0}},
        "articles": [{"id": f"a{n}", "title": None, "outlet": outlets[n - 1] if n < 10 else None, "text": "x"}
                     for n in range(1, 11)],
        "stories": [{"id": "s1", "articles": [f"a{n}" for n in range(1, 11)], "outlets": outlets,
                     "independent_origins": 1,
                     "title": "The council didn't say why the Kestrel Bay ferry landing stayed closed after the storm"}],
        "claims": [],
    }
    _print_summary(dossier, db="pile.db", out=None)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("10 articles, 1 story, 1 reuse pair, 1 independent origin; 1 claim shared")
    assert lines[1] == (
        "  s1: The council didn't say why the Kestrel Bay ferry landing stayed… — 10 articles "
        "(outlet1.example, outlet2.example, outlet3.example, outlet4.example, outlet5.example, outlet6.example "
        "+3 more; 1 without an outlet), 1 independent origin"  # a10 names none
    )


def test_report_takes_markdown_as_another_name_for_md(store):
    db, _ = store
    md = run("report", "--db", db, "--format", "md", "--out", "-").output
    assert md.startswith("<!-- generator: storytrace -->")
    assert run("report", "--db", db, "--format", "markdown", "--out", "-").output == md


ENTITY_PILE = {
    "landing.txt": (
        "Mayor Ines Okafor opened the new ferry landing on Friday morning in front of a small crowd of residents.\n\n"
        "Ines Okafor said the landing had been promised for a decade. Okafor thanked the engineers, and Okafor "
        "thanked the volunteers who cleared the quay after the winter storms.\n\n"
        "Later Okafor told reporters that Okafor would ask the council for a second landing next year.\n"
    ),
    "lights.txt": (
        "The Harbour Trust will pay for new lights along the harbour wall, the trust said in a statement on Monday.\n\n"
        "Work on the lights is expected to start in the spring and to take about six weeks, according to the "
        "statement.\n"
    ),
    "plan.txt": (
        "Fishermen welcomed the plan, which the Harbour Trust first proposed two years ago after a boat struck the "
        "wall at night.\n\n"
        "The council has not said whether it will add its own money to the project, which is expected to cost "
        "about 40,000 pounds.\n"
    ),
}


def test_entities_come_in_the_order_the_docs_give_before_any_analysis(tmp_path):
    """docs/cli.md: the entities printed in the most articles first, as the dossier orders them; resolved
    afresh (no analysis) they used to come most mentioned first, so a name repeated in one article led."""
    for name, text in ENTITY_PILE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "pile.db")
    assert CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "-q"]).exit_code == 0
    listed = json.loads(run("entities", "--db", db, "--json").output)
    assert len(listed) >= 2 and any(len(e["articles"]) > 1 for e in listed)
    keys = [(-len(e["articles"]), e["name"].casefold()) for e in listed]
    assert keys == sorted(keys)
    assert [e["id"] for e in listed] == [f"e{n}" for n in range(1, len(listed) + 1)]


def test_claims_lists_one_speaker_of_one_article_once_with_all_its_cues(tmp_path):
    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    dossier = copy.deepcopy(dossier)
    claim = next(c for c in dossier["claims"] if c["kind"] == "quote")
    first = next(q for q in dossier["quotes"] if q["id"] == claim["members"][0])
    # the second part of the same quotation in the same article, by the same speaker
    dossier["quotes"].append({**first, "id": "q99", "text": "and the rest of it", "span": [0, 18], "cue": "added"})
    claim["members"].append("q99")
    with Store.open(db) as opened:
        opened.save_dossier(dossier)
    text = run("claims", "--db", db, columns=200).output
    block = text.split(f"{claim['id']}  ", 1)[1].split("\nc", 1)[0]
    line = f"{first['article']}  "
    rows = [row for row in block.splitlines() if row.strip().startswith(line.strip() + " ")]
    assert len(rows) == 1 and f"({first['cue']}, added)" in rows[0], block


def test_report_takes_its_format_from_the_file_name_unless_told(store, tmp_path):
    db, _ = store
    for name, start in (("d.md", "<!-- generator: storytrace -->"), ("d.json", "{"), ("d.html", "<!doctype html>")):
        run("report", "--db", db, "--out", tmp_path / name)
        assert (tmp_path / name).read_text(encoding="utf-8").lstrip().lower().startswith(start), name
    run("report", "--db", db, "--format", "html", "--out", tmp_path / "forced.md")
    assert (tmp_path / "forced.md").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_entities_lines_fit_the_terminal(tmp_path):
    for number in range(1, 13):  # one name in twelve articles: "… mentions in a1, a2, …, a12"
        (tmp_path / f"n{number}.txt").write_text(
            f"Mayor Ines Okafor opened ferry landing number {number} on Friday morning. Ines Okafor thanked the "
            f"volunteers of the Harbour Trust who cleared quay {number} after the winter storms.\n", encoding="utf-8")
    db = str(tmp_path / "pile.db")
    assert CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "-q"]).exit_code == 0
    lines = run("entities", "--db", db, columns=40).output.splitlines()
    assert lines and max(len(line) for line in lines) <= 40, lines


def test_a_long_bracketed_file_label_keeps_its_closing_bracket():
    from storytrace.cli import _shorten_label

    assert _shorten_label("[000_c224efd6a67e8e85.txt]", 24) == "[000_c224efd6a67e8e85.…]"
    assert _shorten_label("centurylink.net/news", 24) == "centurylink.net/news"


@pytest.fixture(scope="module")
def quoted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], dict[str, str]]:
    """The sample store with one more quote: reported speech, through a channel, printed under a surname."""
    db, dossier = build_sample_store(tmp_path_factory.mktemp("quotes"))
    assert dossier is not None
    dossier = copy.deepcopy(dossier)
    ids = _ids(dossier)
    wire = ids["Coastline Wire"]
    dossier["quotes"].append({
        "id": "q6", "article": wire, "text": "the ferry would not sail before Monday", "span": [5, 43],
        "speaker": "Okafor", "speaker_entity": "e1", "speaker_title": "Mayor", "cue": "told",
        "channel": "Radio Kestrel", "direct": False,
    })
    dossier["quotes"].append({  # one quotation the writer's attribution interrupts
        "id": "q7", "article": ids["Daily Lantern"], "span": [0, 90], "speaker": "Tomas Reyes",
        "text": "We will reopen the bridge,” Reyes said at the town hall on Monday. “The ferry stays until then",
        "speaker_entity": "e3", "speaker_title": None, "cue": "said", "channel": None, "direct": True,
    })
    with Store.open(db) as opened:
        opened.save_dossier(dossier)
    return db, dossier, ids


def test_quotes_lists_who_said_what_article_by_article(quoted):
    db, dossier, ids = quoted
    text = run("quotes", "--db", db, columns=200).output
    blocks = {block.split("  ", 1)[0]: block for block in text.strip().split("\n\n")}
    wire = blocks[ids["Coastline Wire"]]
    assert wire.splitlines()[0].startswith(f"{ids['Coastline Wire']}  Coastline Wire  ")
    assert "    Ines Okafor [e1] (said, direct): “" in wire
    # reported speech: title and surname as printed, the entity, the channel, and no quotation marks
    assert "    Mayor Okafor [e1] (told, via Radio Kestrel, reported): the ferry would not sail before Monday" in wire
    assert "Tomas Reyes [e3] (said, direct)" in blocks[ids["Daily Lantern"]]
    # the speaker's words: the attribution inside one quotation shown as […], as in claims
    assert "(said, direct): “We will reopen the bridge […] The ferry stays until then”" in blocks[ids["Daily Lantern"]]
    assert text.rstrip().endswith(f"{len(dossier['quotes'])} quotes in {len({q['article'] for q in dossier['quotes']})} articles")
    assert max(len(line) for line in run("quotes", "--db", db, columns=60).output.splitlines()) <= 60


def test_quotes_of_a_speaker_are_found_under_any_name_of_the_entity(quoted):
    db, dossier, _ = quoted
    okafor = {q["id"] for q in dossier["quotes"] if q["speaker_entity"] == "e1"}
    for name in ("Ines Okafor", "mayor okafor", "The Mayor Okafor"):  # name, alias, case and "the" ignored
        found = json.loads(run("quotes", "--db", db, "--speaker", name, "--json").output)
        assert {q["id"] for q in found} == okafor, name
    # no entity of that name: the words of the speaker as printed
    assert [q["speaker"] for q in json.loads(run("quotes", "--db", db, "--speaker", "natarajan", "--json").output)] \
        == ["Priya Natarajan"]
    assert run("quotes", "--db", db, "--speaker", "Nobody Here").output.strip() \
        == "no quotes of a speaker matching 'Nobody Here'"


def test_quotes_of_one_article_direct_only_and_bad_ids(quoted):
    db, _, ids = quoted
    wire = ids["Coastline Wire"]
    found = json.loads(run("quotes", "--db", db, "--article", wire.upper(), "--json").output)
    assert {q["article"] for q in found} == {wire} and {q["direct"] for q in found} == {True, False}
    direct = json.loads(run("quotes", "--db", db, "--article", wire[1:], "--direct-only", "--json").output)
    assert [q["id"] for q in direct] == [q["id"] for q in found if q["direct"]]
    missing = CliRunner().invoke(main, ["quotes", "--db", str(db), "--article", "a999"])
    assert missing.exit_code != 0 and "no article a999 in the latest analysis" in missing.output
    wrong = CliRunner().invoke(main, ["quotes", "--db", str(db), "--article", "x1"])
    assert wrong.exit_code == 2 and "is not an article id" in wrong.output
    unknown_story = CliRunner().invoke(main, ["quotes", "--db", str(db), "--story", "s99"])
    assert unknown_story.exit_code != 0 and "no story 's99'" in unknown_story.output


def test_analyze_summary_of_a_big_pile_lists_its_largest_stories_and_conflicts_and_says_where_the_rest_are(
    capsys, monkeypatch
):
    from storytrace.cli import _SUMMARY_CONFLICTS, _SUMMARY_STORIES, _print_summary

    monkeypatch.setenv("COLUMNS", "300")
    sizes = [1, 3, 1, 2, *[1] * 20, 7, *[2] * 12]  # 37 stories; the biggest one late in the dossier's order
    articles, stories, number = [], [], 0
    for story, size in enumerate(sizes, start=1):
        ids = [f"a{number + k}" for k in range(1, size + 1)]
        number += size
        articles += [{"id": a, "title": f"Story {story} article", "outlet": "x.example", "text": "x"} for a in ids]
        stories.append({"id": f"s{story}", "articles": ids, "outlets": ["x.example"], "independent_origins": 1,
                        "title": f"Story {story}"})
    wording = [{"kind": "wording", "detail": f"wording {n}"} for n in range(12)]
    claims = [{"id": "c1", "conflicts": wording},
              {"id": "c2", "conflicts": [{"kind": "value", "detail": "1,200 vs 1,500 residents"}]},
              {"id": "c3", "conflicts": [{"kind": "speaker", "detail": "credited to A and to B"}]}]
    dossier = {"summary": {"articles": number, "stories": len(stories), "reuse_pairs": 0, "independent_origins": 37,
                           "claims": 3, "conflicts": {"speaker": 1, "value": 1, "wording": 12}},
               "articles": articles, "stories": stories, "claims": claims}
    _print_summary(dossier, db="pile.db", out=None)
    lines = capsys.readouterr().out.splitlines()
    listed = [line.split(":", 1)[0].strip() for line in lines if re.match(r"  s\d+: ", line)]
    assert len(listed) == _SUMMARY_STORIES == 10
    assert listed[:3] == ["s25", "s2", "s4"]  # the largest first; equal sizes in the dossier's order
    assert listed[3:] == [f"s{n}" for n in range(26, 33)]
    assert "  … and 27 more stories (22 of one article): 'storytrace stories --db pile.db' lists them all" in lines
    shown = [line.strip() for line in lines if " conflict (" in line]
    assert len(shown) == _SUMMARY_CONFLICTS == 10
    assert shown[0].startswith("speaker conflict (c3)") and shown[1].startswith("value conflict (c2)")
    assert ("  … and 4 more conflicts: 'storytrace claims --db pile.db --conflicts-only' lists them all"
            in lines)
    assert lines[-1] == "dossier stored in pile.db"


def test_counts_of_one_read_in_the_singular(tmp_path):
    """"1 mentions in a4" and "only 1 words of article text" read wrong at once."""
    folder = tmp_path / "pile"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Hydrologist Amara Singh of Eastfield University studied the dam on Friday. The water level kept "
        "falling through the weekend, and engineers said the wall would hold until the spring repairs.\n",
        encoding="utf-8")
    (folder / "stub.html").write_text("<html><body><p>Millbrook.</p></body></html>", encoding="utf-8")
    db = str(tmp_path / "pile.db")
    ingested = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert "only 1 word of article text after cleaning" in ingested.output
    listed = run("entities", "--db", db).output
    assert "1 mention in a1" in listed and "1 mentions" not in listed


def test_analyze_summary_counts_a_storys_articles_without_an_outlet(capsys):
    """"2 articles (Metro Herald)" reads as two Metro Herald articles when one names no outlet."""
    from storytrace.cli import _print_summary

    articles = [{"id": "a1", "outlet": "Metro Herald", "title": "Relief funds for flood victims", "text": "x"},
                {"id": "a2", "outlet": None, "url": "https://eastfield.example/w", "title": "Whitcombe under pressure",
                 "text": "x"},
                {"id": "a3", "outlet": "Metro Herald", "title": "Dam breach", "text": "x"}]
    stories = [{"id": "s1", "title": "Whitcombe under pressure", "articles": ["a1", "a2"], "outlets": ["Metro Herald"],
                "independent_origins": 2},
               {"id": "s2", "title": "Dam breach", "articles": ["a3"], "outlets": ["Metro Herald"], "independent_origins": 1}]
    dossier = {"schema": "storytrace.dossier/1", "articles": articles, "stories": stories, "claims": [],
               "summary": {"articles": 3, "stories": 2, "reuse_pairs": 0, "independent_origins": 3, "claims": 0,
                           "conflicts": {"speaker": 0, "value": 0, "wording": 0}}}
    _print_summary(dossier, db="pile.db", out=None)
    printed = capsys.readouterr().out
    assert "s1: Whitcombe under pressure — 2 articles (Metro Herald; 1 without an outlet), 2" in printed
    assert "s2: Dam breach — 1 article (Metro Herald), 1 independent origin" in printed

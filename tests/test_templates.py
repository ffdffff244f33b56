"""Pages whose text is their site's template (a scrape that kept a promotion or a notice for every
page of a site): found, kept out of stories, reuse and claims, and said so.

Every text here is written for these tests.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import replace
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from conftest import CliInvoker, analyze_files
from storytrace.compare.templates import MAX_WORDS, template_texts
from storytrace.models import Article, RawDocument
from storytrace.normalize import normalize
from storytrace.store import Store

SCHEMA = json.loads(resources.files("storytrace.compare").joinpath("dossier.schema.json").read_text(encoding="utf-8"))

PROMO = "Read Our Free Guide To Growing Tomatoes On Your Balcony All Summer Long, And Share It With Friends"


def _article(number: int, text: str, title: str, outlet: str | None = "gardenhub.example") -> Article:
    raw = RawDocument(source=f"pile/{number}", source_kind="text", raw=text, raw_format="text")
    return replace(normalize(raw), id=number, title=title, outlet=outlet, text=text)


def test_three_pages_of_one_outlet_with_one_short_text_under_other_headlines_are_a_template() -> None:
    pages = [_article(n, PROMO, title) for n, title in
             ((4, "Council approves new bus lane"), (2, "Storm closes coastal road"), (9, "Museum reopens after fire"))]
    found = template_texts([*pages, _article(5, "A real article about the harbour, long enough. " * 8, "Harbour")])
    assert len(found) == 1
    assert found[0].articles == (2, 4, 9) and found[0].outlet == "gardenhub.example" and found[0].text == PROMO


def test_whitespace_and_case_do_not_hide_a_template() -> None:
    pages = [_article(1, PROMO, "One"), _article(2, PROMO.upper(), "Two"), _article(3, f"  {PROMO}\n\n", "Three")]
    assert [t.articles for t in template_texts(pages)] == [(1, 2, 3)]


def test_what_is_not_a_template() -> None:
    two = [_article(1, PROMO, "One"), _article(2, PROMO, "Two")]
    assert template_texts(two) == []  # two pages are not enough
    other_outlets = [_article(n, PROMO, f"T{n}", outlet=f"site{n}.example") for n in range(1, 4)]
    assert template_texts(other_outlets) == []  # a text three outlets share is reuse, not one site's template
    same_title = [_article(n, PROMO, "Grow tomatoes") for n in range(1, 4)]
    assert template_texts(same_title) == []  # the same page three times
    long_text = " ".join(["The council met on Tuesday and agreed the budget for the harbour works."] * 6)
    assert len(long_text.split()) > MAX_WORDS
    assert template_texts([_article(n, long_text, f"T{n}") for n in range(1, 4)]) == []  # one article re-titled
    assert template_texts([_article(n, PROMO, f"T{n}", outlet=None) for n in range(1, 4)]) == []  # outlet unknown


STORY = [
    ("Riverton closes old bridge after inspection",
     "The Riverton city council voted on Tuesday to close the old iron bridge over the Kell river to all traffic. "
     "Engineers found deep cracks in two of its supporting piers during an inspection last month. "
     "\"We cannot take any risk with people's lives,\" Mayor Ines Okafor said after the vote. "
     "Drivers will have to use the ring road, which adds about twenty minutes to a trip into the centre."),
    ("Kell bridge shut: cracks found in piers",
     "Riverton's old iron bridge over the Kell river is closed to all traffic after the city council voted on "
     "Tuesday. An inspection last month found deep cracks in two supporting piers. \"We cannot take any risk with "
     "people's lives,\" Mayor Ines Okafor said. The ring road adds about twenty minutes to a trip into the centre."),
]


def _pile(folder: Path) -> Path:
    rows = [{"title": title, "text": text, "outlet": outlet, "url": f"https://{outlet}/bridge"}
            for (title, text), outlet in zip(STORY, ("riverton-daily.example", "kell-news.example"), strict=True)]
    # a scrape that kept the site's promotion as the text of each page (each page its own address)
    rows += [{"title": title, "text": PROMO, "outlet": "gardenhub.example", "url": f"https://gardenhub.example/{n}"}
             for n, title in enumerate(("Council approves new bus lane", "Storm closes coastal road",
                                        "Museum reopens after fire"))]
    path = folder / "pile.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "text", "outlet", "url"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_analyze_keeps_template_pages_out_and_says_so(cli: CliInvoker, tmp_path: Path) -> None:
    db, out = tmp_path / "pile.db", tmp_path / "dossier.json"
    result = cli("analyze", _pile(tmp_path), "--outlet-field", "outlet", "--db", db, "--out", out, "--workers", "1")
    assert result.exit_code == 0, result.output
    dossier = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(dossier, SCHEMA)
    flagged = [a["id"] for a in dossier["articles"] if a.get("template")]
    assert len(flagged) == 3
    assert all(not a.get("template") for a in dossier["articles"] if a["outlet"] != "gardenhub.example")
    assert dossier["summary"]["templates"] == [{"outlet": "gardenhub.example", "text": PROMO, "articles": flagged}]
    # each template page is a story of its own; the two bridge reports are one story
    stories = {a: s["id"] for s in dossier["stories"] for a in s["articles"]}
    assert len({stories[a] for a in flagged}) == 3
    assert all(len(s["articles"]) == 1 for s in dossier["stories"] if set(s["articles"]) & set(flagged))
    real = [a["id"] for a in dossier["articles"] if not a.get("template")]
    assert stories[real[0]] == stories[real[1]]
    # no reuse pair and no quote, number or name from a template page
    assert not any(r["source"] in flagged or r["target"] in flagged for r in dossier["reuse"])
    assert not any(q["article"] in flagged for q in dossier["quotes"])
    assert not any(set(e["articles"]) & set(flagged) for e in dossier["entities"])
    assert "3 pages of gardenhub.example" in result.output and "template text" in result.output
    report = tmp_path / "report.md"
    assert cli("report", "--db", db, "--out", report).exit_code == 0
    assert "3 template pages" in report.read_text(encoding="utf-8")
    page = tmp_path / "report.html"
    assert cli("report", "--db", db, "--out", page).exit_code == 0
    assert page.read_text(encoding="utf-8").count("Template page: its text is its site's template") == 3


def test_a_pile_without_templates_lists_none(cli: CliInvoker, tmp_path: Path) -> None:
    dossier = analyze_files(cli, tmp_path, {f"{number}.txt": f"{title}\n\n{text}\n"
                                            for number, (title, text) in enumerate(STORY)})
    assert dossier["summary"]["templates"] == []
    assert not any("template" in a for a in dossier["articles"])


@pytest.mark.slow
def test_a_batch_job_loaded_into_a_store_keeps_template_pages_out_as_analyze_does(tmp_path: Path) -> None:
    pile = _pile(tmp_path)
    out, db = tmp_path / "job", tmp_path / "batch.db"
    run = subprocess.run([sys.executable, "-m", "storytrace", "batch", "run", "--input", str(pile), "--output", str(out),
                          "--workers", "1", "--outlet-field", "outlet", "--json"],
                         capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    loaded = subprocess.run([sys.executable, "-m", "storytrace", "batch", "load", str(out), "--db", str(db), "--json"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert loaded.returncode == 0, loaded.stderr
    with Store.open(db) as store:
        dossier = store.latest_dossier()
    assert dossier is not None
    jsonschema.validate(dossier, SCHEMA)
    flagged = [a["id"] for a in dossier["articles"] if a.get("template")]
    assert len(flagged) == 3 and [t["articles"] for t in dossier["summary"]["templates"]] == [flagged]
    assert all(len(s["articles"]) == 1 for s in dossier["stories"] if set(s["articles"]) & set(flagged))
    assert not any(r["source"] in flagged or r["target"] in flagged for r in dossier["reuse"])
    assert not any(q["article"] in flagged for q in dossier["quotes"])
    assert not any(set(e["articles"]) & set(flagged) for e in dossier["entities"])

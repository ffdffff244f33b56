"""Which language an article is in, and that English-only stages leave other languages alone."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CliInvoker, write
from storytrace.language import MIN_LETTERS, detect_language, is_english

ENGLISH = (
    "The council voted on Monday to rebuild the harbour wall at Port Elling before the winter storms arrive. "
    "“We cannot wait another year,” Mayor Ines Okafor told reporters after the vote, adding that about 1,200 "
    "residents had signed a petition asking for the repairs."
)
FRENCH = (
    "Le conseil municipal a voté lundi la reconstruction de la digue du port d'Elling avant les tempêtes de "
    "l'hiver. « Nous ne pouvons pas attendre une année de plus », a déclaré la maire Ines Okafor aux "
    "journalistes après le vote, ajoutant qu'environ 1 200 habitants avaient signé une pétition."
)
GERMAN = (
    "Der Stadtrat hat am Montag beschlossen, die Hafenmauer von Port Elling noch vor den Winterstürmen "
    "wieder aufzubauen. „Wir können nicht noch ein Jahr warten“, sagte Bürgermeisterin Ines Okafor nach der "
    "Abstimmung den Journalisten; rund 1200 Einwohner hätten eine Petition unterschrieben."
)


def test_the_language_is_named_only_when_the_text_says_it_clearly() -> None:
    assert detect_language(ENGLISH) == "en"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(GERMAN) == "de"
    assert detect_language("Harbour wall to be rebuilt") is None  # too little to tell
    assert detect_language("1,200 — 3,400 — 5,600 " * 20) is None  # no letters
    assert len([c for c in "Harbour wall to be rebuilt" if c.isalpha()]) < MIN_LETTERS
    assert is_english("en") and is_english(None) and not is_english("fr")


def test_analyze_reads_quotes_numbers_and_names_in_english_articles_only(tmp_path: Path, cli: CliInvoker) -> None:
    pile = tmp_path / "pile"
    write(pile / "gazette.txt", f"Harbour wall to be rebuilt\n\nHarbour Gazette, 12 March 2024\n\n{ENGLISH}\n")
    write(pile / "gazette-fr.txt", f"La digue sera reconstruite\n\nGazette du Port, 12 mars 2024\n\n{FRENCH}\n")
    db, out = tmp_path / "pile.db", tmp_path / "dossier.json"
    result = cli("analyze", pile, "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    dossier = json.loads(out.read_text(encoding="utf-8"))
    language = {a["id"]: a["language"] for a in dossier["articles"]}
    english = next(a for a, code in language.items() if code == "en")
    french = next(a for a, code in language.items() if code == "fr")
    assert dossier["summary"]["languages"] == {"en": 1, "fr": 1}
    assert {q["article"] for q in dossier["quotes"]} == {english}  # the French quotation is not read
    assert {q["article"] for q in dossier["quantities"]} == {english}
    assert all(e["articles"] == [english] for e in dossier["entities"])  # no "Elling" typed from French words
    assert any(q["speaker"] == "Ines Okafor" for q in dossier["quotes"])
    assert (f"1 article not in English (fr: {french}): quotes, numbers and names are read in English articles "
            "only; reuse and stories include them") in " ".join(result.output.split())
    # the entity index made afresh (an alias file given) leaves the French article out too
    aliases = write(tmp_path / "aliases.yaml", "entities: []\n")
    fresh = json.loads(cli("entities", "--db", db, "--aliases", aliases, "--json").stdout)
    assert fresh and all(e["articles"] == [english] for e in fresh)


def test_the_report_and_the_article_page_say_an_article_is_not_in_english(tmp_path: Path, cli: CliInvoker) -> None:
    from fastapi.testclient import TestClient

    from storytrace.web import create_app

    pile = tmp_path / "pile"
    write(pile / "gazette.txt", f"Harbour wall to be rebuilt\n\nHarbour Gazette, 12 March 2024\n\n{ENGLISH}\n")
    write(pile / "gazette-fr.txt", f"La digue sera reconstruite\n\nGazette du Port, 12 mars 2024\n\n{FRENCH}\n")
    db = tmp_path / "pile.db"
    assert cli("analyze", pile, "--db", db, "--quiet").exit_code == 0
    note = "Language: fr — quotes, numbers and names are read in English articles only."
    report = tmp_path / "report.html"
    assert cli("report", "--db", db, "--out", report).exit_code == 0
    assert report.read_text(encoding="utf-8").count(note) == 1
    dossier = json.loads(cli("report", "--db", db, "--format", "json", "--out", "-").stdout)
    ids = {a["language"]: a["id"] for a in dossier["articles"]}
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    assert note in client.get(f"/articles/{ids['fr']}").text
    assert "Language:" not in client.get(f"/articles/{ids['en']}").text

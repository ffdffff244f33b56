"""Reports and pages over the real `storytrace analyze` output of the sample pile (examples/mosul-2016)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dossier_sample import CONTRACT, contract_problems
from storytrace.cli import main
from storytrace.web import CONTENT_SECURITY_POLICY, create_app

PILE = Path(__file__).resolve().parents[1] / "examples" / "mosul-2016"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("mosul")
    db, out = folder / "pile.db", folder / "dossier.json"
    result = CliRunner().invoke(main, ["analyze", str(PILE), "--db", str(db), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return db, json.loads(out.read_text(encoding="utf-8"))


def test_reports_of_the_sample_pile(analysed, tmp_path):
    db, dossier = analysed
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"mosul.{fmt}"
        result = CliRunner().invoke(main, ["report", "--db", str(db), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
    html = (tmp_path / "mosul.html").read_text(encoding="utf-8")
    assert html.count('data-view="graph"') == len(dossier["stories"])
    report = json.loads((tmp_path / "mosul.json").read_text(encoding="utf-8"))
    assert len(report["views"]["stories"]) == len(dossier["stories"])


def test_every_page_of_the_sample_pile_answers(analysed):
    db, dossier = analysed
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    paths = ["/", "/openapi.json", "/docs", "/entities", "/search?q=Mosul"]
    paths += [f"/stories/{s['id'][1:]}" for s in dossier["stories"]]
    paths += [f"/articles/{a['id'][1:]}" for a in dossier["articles"]]
    paths += [f"/claims/{c['id'][1:]}" for c in dossier["claims"]]
    paths += [f"/pairs/{r['source'][1:]}/{r['target'][1:]}" for r in dossier["reuse"]]
    paths += [f"/entities/{e['id'][1:]}" for e in dossier["entities"][:20]]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        if not path.startswith(("/openapi", "/docs", "/search", "/entities")) and path != "/":
            twin = client.get(path + ".json")
            assert twin.status_code == 200, path + ".json"
    for article in dossier["articles"]:
        twin = client.get(f"/articles/{article['id'][1:]}.json").json()["article"]
        assert contract_problems("articles", twin) == []
        assert {k: twin[k] for k in CONTRACT["articles"]} == {k: article[k] for k in CONTRACT["articles"]}
    for claim in dossier["claims"]:
        twin = client.get(f"/claims/{claim['id'][1:]}.json").json()["claim"]
        assert twin == {k: claim[k] for k in CONTRACT["claims"]}
    for story in dossier["stories"]:
        twin = client.get(f"/stories/{story['id'][1:]}.json").json()
        assert twin["story"]["articles"] == story["articles"]


def test_json_twins_of_the_sample_pile_validate_against_the_schema(analysed):
    import jsonschema

    db, dossier = analysed
    schema = json.loads(resources.files("storytrace.compare").joinpath("dossier.schema.json").read_text("utf-8"))
    client = TestClient(create_app(db), base_url="http://127.0.0.1")

    def check(record: dict[str, Any], kind: str) -> None:
        jsonschema.validate(record, {"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"})

    for article in dossier["articles"]:
        check(client.get(f"/articles/{article['id'][1:]}.json").json()["article"], "article")
    for claim in dossier["claims"]:
        check(client.get(f"/claims/{claim['id'][1:]}.json").json()["claim"], "claim")
    for story in dossier["stories"]:
        check(client.get(f"/stories/{story['id'][1:]}.json").json()["story"], "story")
    report = json.loads(CliRunner().invoke(main, ["report", "--db", str(db), "--format", "json", "--out", "-"]).output)
    jsonschema.validate({k: v for k, v in report.items() if k != "views"}, schema)

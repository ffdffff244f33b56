"""Worker processes for HTML extraction: same articles, same ids, in the same order as one process."""

from __future__ import annotations

import pytest

from storytrace.ingest import ingest
from storytrace.ingest.pool import POOL_START_AFTER, DocumentPipeline, prepare_document
from storytrace.models import Article, RawDocument, Rejection
from storytrace.normalize import document_hash
from storytrace.settings import IngestOptions
from storytrace.store import Store

TOWNS = ["Ashford", "Bexley", "Carlow", "Dunmore", "Ellon", "Fenwick", "Garston", "Hythe", "Irvine", "Jarrow"]


def _page(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    return (
        f"<html><head><title>Flooding closes {number} roads in {town}</title></head><body><article>"
        f"<h1>Flooding closes {number} roads in {town}</h1>"
        f"<p>Heavy rain overnight closed {number} roads around {town}, the county council said on Monday, "
        "and officials warned drivers to avoid the valley until the water level falls.</p>"
        f"<p>Emergency crews pumped water from {number + 3} homes, and a rest centre opened at the town hall "
        "for residents who could not stay in their houses.</p></article></body></html>"
    )


@pytest.mark.slow
def test_workers_store_the_same_articles_in_the_same_order(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    count = POOL_START_AFTER + 14
    for number in range(count):
        (folder / f"page{number:03d}.html").write_text(_page(number))
    results = []
    for workers in (1, 2):
        with Store.open(tmp_path / f"w{workers}.db") as store:
            summary = ingest([str(folder)], store, IngestOptions(workers=workers))
            assert len(summary.new) == count and not summary.rejections
            results.append([(a.id, a.source, a.title, a.text_hash) for a in store.articles()])
    assert results[0] == results[1]


def test_prepare_document_turns_failures_into_rejections():
    document = RawDocument(source="x.html", source_kind="html", raw="<html></html>", raw_format="html")
    prepared = prepare_document(document, document_hash(document), 5)
    assert isinstance(prepared, Rejection) and prepared.reason == "no_article"


def test_pipeline_without_workers_keeps_submission_order():
    documents = [
        RawDocument(source=f"{n}.txt", source_kind="text", raw=f"Story number {n}\n\n" + "Body words here. " * 10,
                    raw_format="text")
        for n in range(5)
    ]
    with DocumentPipeline(workers=1, min_words=5) as pipeline:
        for document in documents:
            pipeline.submit(document, document_hash(document))
        out = list(pipeline.drain())
    assert [a.source for a in out if isinstance(a, Article)] == [d.source for d in documents]

"""The batch job (Dask, LocalCluster) against the in-process path on the same input.

The pile is made here: the five sample-pile articles, filler articles of words drawn from them
(their real frequencies, so common word runs recur by chance as in news) and planted copies
(syndicated, partial, rewritten) with outlets and dates, written as JSONL.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from storytrace.batch import BatchOptions, batch_articles, batch_reuse, codec, run_batch, start_client, stop_client
from storytrace.ingest import ingest
from storytrace.models import Reuse
from storytrace.reuse.candidates import (
    CandidateOptions,
    document_keys,
    find_candidates,
    shared_key_counts,
    verify_pairs,
)
from storytrace.reuse.pairs import ReuseOptions, find_reuse
from storytrace.reuse.tokens import tokenize
from storytrace.settings import IngestOptions
from storytrace.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "mosul-2016"
OUTLETS = ("Wire Desk", "Daily Ledger", "Evening Post", "Metro Herald", "Coast Times", "Valley News")


def make_pile(size: int, seed: int = 11) -> list[dict[str, str]]:
    """``size`` JSONL records: the sample pile, filler, and ~10 % planted copies of earlier records."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    words = [w for text in samples for w in re.findall(r"[A-Za-z']+", text)]

    def filler(paragraphs: int) -> str:
        out = []
        for _ in range(paragraphs):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                chosen = rng.choices(words, k=rng.randint(8, 22))
                sentences.append(" ".join(chosen).capitalize() + ".")
            out.append(" ".join(sentences))
        return "\n\n".join(out)

    planted = max(3, size // 10)
    texts = samples + [filler(rng.randint(3, 8)) for _ in range(size - planted - len(samples))]
    for number in range(planted):
        base = texts[rng.randrange(len(texts))]
        paragraphs = [p for p in re.split(r"\n\s*\n", base) if p.strip()]
        kind = number % 3
        if kind == 0:  # syndication: a word changed per paragraph, a credit line
            edited = []
            for paragraph in paragraphs:
                tokens = paragraph.split()
                tokens[rng.randrange(len(tokens))] = rng.choice(words)
                edited.append(" ".join(tokens))
            texts.append("\n\n".join(edited) + "\n\nThis article first appeared on the Wire Desk.")
        elif kind == 1:  # partial: half the paragraphs, then new text
            keep = max(1, len(paragraphs) // 2)
            start = rng.randrange(0, len(paragraphs) - keep + 1)
            texts.append("\n\n".join(paragraphs[start : start + keep]) + "\n\n" + filler(rng.randint(1, 3)))
        else:  # rewrite: 15 % of the words replaced
            texts.append("\n\n".join(
                " ".join(rng.choice(words) if rng.random() < 0.15 else t for t in p.split()) for p in paragraphs
            ))
    return [
        {"id": f"doc-{n}", "title": f"Report number {n}", "outlet": OUTLETS[n % len(OUTLETS)],
         "date": f"2016-10-{1 + n % 28:02d}", "text": text}
        for n, text in enumerate(texts)
    ]


def write_jsonl(records: list[dict[str, str]], folder: Path, files: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    step = -(-len(records) // files)
    for number in range(files):
        path = folder / f"pile-{number}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in records[number * step : (number + 1) * step]:
                handle.write(json.dumps(record) + "\n")
        paths.append(path)
    return paths


def keyed(reuses: list[Reuse], hashes: dict[int, str]) -> set[tuple[str, str, str, str, float]]:
    """Pairs by content hash (store and batch ids differ) with their class, mode and coverage."""
    return {(hashes[r.source], hashes[r.target], r.relation, r.mode, r.target_coverage) for r in reuses}


# ---- the pure kernels, split as a cluster splits them --------------------------------------------


def test_shared_key_counts_split_by_bucket_add_up_to_the_whole():
    records = make_pile(300, seed=3)
    options = CandidateOptions()
    keys = [document_keys(tokenize(r["text"]).words, options.n) for r in records]
    all_keys = np.concatenate(keys)
    owners = np.repeat(np.arange(len(keys)), [len(k) for k in keys])
    whole = shared_key_counts(all_keys, owners, options.max_df)
    counts: dict[tuple[int, int], int] = {}
    for bucket in range(7):
        chosen = (all_keys % np.uint64(7)) == bucket
        for a, b, s in zip(*shared_key_counts(all_keys[chosen], owners[chosen], options.max_df), strict=True):
            counts[(int(a), int(b))] = counts.get((int(a), int(b)), 0) + int(s)
    assert counts == {(int(a), int(b)): int(s) for a, b, s in zip(*whole, strict=True)}
    sizes = np.array([len(k) for k in keys])
    chosen, _ = verify_pairs(whole[2], sizes[whole[0]], sizes[whole[1]], options)
    expected = find_candidates((tokenize(r["text"]).words for r in records), options)
    assert [(c.first, c.second, c.shared) for c in expected] == list(
        zip(whole[0][chosen].tolist(), whole[1][chosen].tolist(), whole[2][chosen].tolist(), strict=True)
    )
    assert len(expected) >= 25  # the planted copies are there


def test_records_survive_the_parquet_codec():
    from storytrace.compare.dossier import ArticleClaims, article_claims

    text = (SAMPLE / "000_c224efd6a67e8e85.txt").read_text(encoding="utf-8")
    found = article_claims(text)
    assert codec.loads(ArticleClaims, codec.dumps(found)) == found


# ---- the job on a LocalCluster of 2 workers ------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    client = start_client(workers=2)
    yield client
    stop_client(client)


@pytest.fixture(scope="module")
def pile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pile")
    records = make_pile(1200)
    write_jsonl(records, folder / "in", files=3)
    return folder


@pytest.fixture(scope="module")
def in_process(pile):
    """The in-process path: ingest into a store, then ``find_reuse`` (paraphrase layer off, as in the job)."""
    with Store.open(pile / "pile.db") as store:
        summary = ingest([str(pile / "in")], store, IngestOptions(workers=1))
        assert not summary.failures
        articles = sorted(store.articles(), key=lambda a: a.id or 0)
    reuses = find_reuse(articles, ReuseOptions(paraphrase=False))
    return articles, reuses


OPTIONS = BatchOptions(partition_size=250, pairs_per_task=60, stop_after="reuse",
                       reuse=ReuseOptions(paraphrase=False))


@pytest.fixture(scope="module")
def batch_run(pile, client):
    out = pile / "out"
    summary = run_batch([str(pile / "in" / "*.jsonl")], out, client=client, options=OPTIONS)
    return out, summary


@pytest.mark.slow
def test_the_job_finds_the_same_pairs_and_classes_as_in_process(in_process, batch_run):
    articles, reuses = in_process
    out, summary = batch_run
    assert [s.status for s in summary.stages] == ["done"] * 4
    assert summary.articles == len(articles) >= 1000
    assert summary.pairs == len(reuses) >= 100
    batch = batch_articles(out)
    store_hashes = {a.id or 0: a.content_hash for a in articles}
    batch_hashes = {i: a.content_hash for i, a in batch.items()}
    assert sorted(batch_hashes.values()) == sorted(store_hashes.values())
    expected = keyed(reuses, store_hashes)
    found = keyed(batch_reuse(out), batch_hashes)
    assert found == expected
    # Not only the classes: the passages are the same too.
    by_key = {(batch_hashes[r.source], batch_hashes[r.target]): r.passages for r in batch_reuse(out)}
    assert all(by_key[(store_hashes[r.source], store_hashes[r.target])] == r.passages for r in reuses)
    relations = {r.relation for r in reuses}
    assert {"wholly_derived", "shared_passages"} <= relations


@pytest.mark.slow
def test_a_rerun_skips_every_finished_stage(pile, batch_run, client):
    out, _ = batch_run
    again = run_batch([str(pile / "in" / "*.jsonl")], out, client=client, options=OPTIONS)
    assert [s.status for s in again.stages] == ["skipped"] * 4


def _run_cli(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "storytrace", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, **kwargs)  # type: ignore[call-overload]


@pytest.mark.slow
def test_the_job_resumes_after_being_killed(pile, batch_run):
    reference, _ = batch_run
    out = pile / "killed"
    args = ["batch", "run", "--input", str(pile / "in"), "--output", str(out), "--workers", "2",
            "--partition-size", "250", "--stop-after", "reuse", "--no-paraphrase", "--json"]
    process = _run_cli(args)
    deadline = time.monotonic() + 240
    while not (out / "normalize" / "_SUCCESS").is_file():
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "the job never finished its normalize stage"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the client and its cluster's worker processes
    process.wait()
    assert not (out / "reuse" / "_SUCCESS").is_file()
    rerun = _run_cli(args)
    stdout, stderr = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, stderr.decode()
    summary = json.loads(stdout.decode().strip().splitlines()[-1])
    statuses = {s["stage"]: s["status"] for s in summary["stages"]}
    assert statuses["ingest"] == statuses["normalize"] == "skipped"
    assert statuses["reuse"] == "done"

    def hashed(folder: Path) -> set[tuple[str, str, str, str, float]]:
        hashes = {i: a.content_hash for i, a in batch_articles(folder).items()}
        return keyed(batch_reuse(folder), hashes)

    assert hashed(out) == hashed(reference)


@pytest.mark.slow
def test_cli_on_the_sample_pile_matches_analyze(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "storytrace", "batch", "run", "--input", str(SAMPLE), "--output", str(out),
         "--workers", "2", "--json"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["articles"] == 5 and summary["claims"] == 5
    assert [s["stage"] for s in summary["stages"]] == ["ingest", "normalize", "candidates", "reuse", "claims"]
    # The same pairs, classes and passages as the in-process path, paraphrase layer included.
    with Store.open(tmp_path / "ref.db") as store:
        ingest([str(SAMPLE)], store, IngestOptions(workers=1))
        articles = sorted(store.articles(), key=lambda a: a.id or 0)
    reuses = find_reuse(articles)
    hashes = {a.id or 0: a.content_hash for a in articles}
    batch_hashes = {i: a.content_hash for i, a in batch_articles(out).items()}
    assert keyed(batch_reuse(out), batch_hashes) == keyed(reuses, hashes)
    assert any(r.mode != "verbatim" for r in reuses)  # the paraphrase layer took part
    # Loaded into a store, the reports read it.
    db = tmp_path / "pile.db"
    loaded = subprocess.run([sys.executable, "-m", "storytrace", "batch", "load", str(out), "--db", str(db), "--json"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout)["pairs"] == len(reuses)
    with Store.open(db) as store:
        dossier = store.latest_dossier()
    assert dossier is not None
    assert len(dossier["reuse"]) == len(reuses)
    assert dossier["quotes"] and dossier["entities"]
    # the same actors as analyze, outlets typed from the pile's outlet names included
    analysed = tmp_path / "analysed.db"
    done = subprocess.run([sys.executable, "-m", "storytrace", "analyze", str(SAMPLE), "--db", str(analysed),
                           "--out", str(tmp_path / "analysed.json"), "-q"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    with Store.open(analysed) as store:
        expected = (store.latest_dossier() or {})["entities"]
    assert sorted((e["name"], e["type"]) for e in dossier["entities"]) == sorted((e["name"], e["type"]) for e in expected)
    report = subprocess.run([sys.executable, "-m", "storytrace", "report", "--db", str(db), "--format", "md",
                             "--out", "-"], capture_output=True, text=True, timeout=300, check=False)
    assert report.returncode == 0, report.stderr
    assert "Mosul" in report.stdout
    # an alias file applies to the loaded entities, as with analyze --aliases
    aliased = tmp_path / "aliased.db"
    loaded = subprocess.run([sys.executable, "-m", "storytrace", "batch", "load", str(out), "--db", str(aliased),
                             "--aliases", str(SAMPLE.parent / "aliases.yaml"), "--json"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert loaded.returncode == 0, loaded.stderr
    with Store.open(aliased) as store:
        entities = (store.latest_dossier() or {})["entities"]
    (islamic_state,) = [e for e in entities if e["name"] == "Islamic State"]
    assert {"Daesh", "ISIS"} <= set(islamic_state["aliases"])


def test_loaded_entities_know_the_pile_s_outlets_as_analyze_does(tmp_path):
    # "NY Times" joins "New York Times" only through the outlet nytimes.com of the first article.
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.txt").write_text(
        "---\ntitle: Court weighs census files\noutlet: nytimes.com\ndate: 2019-05-30\n---\n"
        "The New York Times obtained the files on Thursday. Lawyers for the challengers said the files showed "
        "the question was added for partisan reasons.\n", encoding="utf-8")
    (pile / "b.txt").write_text(
        "---\ntitle: Files at the heart of census case\noutlet: Harbour Gazette\ndate: 2019-05-31\n---\n"
        "As the NY Times reported on Thursday, the files were found on a hard drive. The Commerce Department "
        "has denied the claim.\n", encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "pile.db"
    for command in (["batch", "run", "--input", str(pile), "--output", str(out), "--workers", "1"],
                    ["batch", "load", str(out), "--db", str(db)]):
        done = subprocess.run([sys.executable, "-m", "storytrace", *command, "--json"], capture_output=True, text=True,
                              timeout=600, check=False)
        assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        entities = (store.latest_dossier() or {})["entities"]
    times = [e for e in entities if e["name"] == "New York Times"]
    assert times and "NY Times" in times[0]["aliases"], entities


def test_load_refuses_an_unfinished_job(tmp_path):
    from storytrace.batch import load_batch
    from storytrace.errors import BatchIncompleteError

    with Store.open(tmp_path / "x.db") as store, pytest.raises(BatchIncompleteError):
        load_batch(tmp_path / "nothing", store)


def test_unknown_stage_is_a_usage_error():
    from storytrace.errors import BatchError

    with pytest.raises(BatchError):
        BatchOptions(stop_after="everything")


def test_fsspec_urls_read_like_local_paths_and_stop_after(tmp_path, client):
    local = run_batch([str(SAMPLE)], tmp_path / "local", client=client, options=BatchOptions(stop_after="normalize"))
    url = run_batch([f"local://{SAMPLE}/*.txt"], tmp_path / "url", client=client,
                    options=BatchOptions(stop_after="normalize"))
    assert [s.stage for s in url.stages] == ["ingest", "normalize"]
    assert not (tmp_path / "url" / "candidates").exists()
    assert url.articles == local.articles == 5
    hashes = sorted(a.text_hash for a in batch_articles(tmp_path / "url").values())
    assert hashes == sorted(a.text_hash for a in batch_articles(tmp_path / "local").values())


def test_web_addresses_are_refused():
    from storytrace.batch import expand_inputs
    from storytrace.errors import BatchError

    with pytest.raises(BatchError, match="not web pages"):
        expand_inputs(["https://example.org/feed.xml"])


@pytest.mark.slow
def test_cli_paraphrase_encoder_reaches_the_workers(tmp_path):
    from storytrace.reuse.pairs import ReuseOptions

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "storytrace", "batch", "run", "--input", str(SAMPLE), "--output", str(out),
         "--workers", "1", "--stop-after", "reuse", "--paraphrase-encoder", "static", "--json"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    with Store.open(tmp_path / "ref.db") as store:
        ingest([str(SAMPLE)], store, IngestOptions(workers=1))
        articles = sorted(store.articles(), key=lambda a: a.id or 0)
    static = find_reuse(articles, ReuseOptions(paraphrase_encoder="static"))
    hashes = {a.id or 0: a.content_hash for a in articles}
    batch_hashes = {i: a.content_hash for i, a in batch_articles(out).items()}
    assert keyed(batch_reuse(out), batch_hashes) == keyed(static, hashes)
    assert keyed(static, hashes) != keyed(find_reuse(articles), hashes)  # the encoder made a difference


@pytest.mark.slow
def test_one_text_from_several_outlets_is_several_articles_as_in_a_local_ingest(tmp_path, client):
    text = ("Ferry services between the northern islands resumed on Thursday after two days of cancellations caused "
            "by gale-force winds, the operator said, and the harbour master said the crossings would run to a "
            "reduced timetable until Saturday while engineers inspected the damaged pier.")
    rows = [{"text": text, "outlet": outlet} for outlet in ("Island Times", "Mainland Daily", "Mainland Daily", "Coast Herald")]
    write_jsonl(rows, tmp_path / "in", files=1)
    with Store.open(tmp_path / "local.db") as store:
        ingest([str(tmp_path / "in")], store, IngestOptions(workers=1))
        local = sorted(a.content_hash for a in store.articles())
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in" / "*.jsonl")], out, client=client,
              options=BatchOptions(partition_size=2, stop_after="normalize"))
    batch = sorted(a.content_hash for a in batch_articles(out).values())
    assert len(local) == 3 and batch == local


FERRY = ("Ferry services between the northern islands resumed on Thursday after two days of cancellations caused "
         "by gale-force winds, the operator said, and the harbour master said the crossings would run to a "
         "reduced timetable until Saturday while engineers inspected the damaged pier. Passengers were told to "
         "expect delays of up to an hour on the first sailings.")


def test_inputs_are_read_in_the_order_of_a_local_ingest(tmp_path, client):
    # A folder is walked as a local ingest walks it (its own files, then its subfolders), and inputs
    # keep the order they were given in: batch ids follow it, and so does which copy of a text is kept.
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "b.txt").write_text(FERRY + "\n", encoding="utf-8")
    (folder / "a" / "x.txt").write_text(FERRY + "\n", encoding="utf-8")
    (tmp_path / "z.txt").write_text(FERRY.replace("Thursday", "Friday") + "\n", encoding="utf-8")
    inputs = [str(tmp_path / "z.txt"), str(folder)]
    from storytrace.batch import expand_inputs
    from storytrace.ingest.sources import discover

    assert [s.spec for s in expand_inputs(inputs)] == [s.spec for s in discover(inputs)]
    with Store.open(tmp_path / "local.db") as store:
        ingest(inputs, store, IngestOptions(workers=1))
        local = [(a.source, a.content_hash) for a in sorted(store.articles(), key=lambda a: a.id or 0)]
    out = tmp_path / "out"
    run_batch(inputs, out, client=client, options=BatchOptions(stop_after="normalize"))
    batch = [(a.source, a.content_hash) for _, a in sorted(batch_articles(out).items())]
    assert len(local) == 2 and batch == local


def test_duplicates_are_found_by_the_outlet_the_document_gives_as_in_a_local_ingest(tmp_path, client):
    # The second row gives no outlet; the normalizer finds one in its dateline line. A local ingest
    # compares the rows' own outlets (one unknown): the same publication read twice, one article.
    text = f"Ferry services resume\n\nHarbour Gazette, October 20, 2016\n\n{FERRY}"
    write_jsonl([{"text": text, "outlet": "Daily Ledger"}, {"text": text}], tmp_path / "in", files=1)
    with Store.open(tmp_path / "local.db") as store:
        ingest([str(tmp_path / "in")], store, IngestOptions(workers=1))
        local = [(a.outlet, a.content_hash) for a in store.articles()]
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], out, client=client, options=BatchOptions(stop_after="normalize"))
    batch = [(a.outlet, a.content_hash) for a in batch_articles(out).values()]
    assert local == [("Daily Ledger", local[0][1])] and batch == local


def test_load_records_the_duplicates_a_local_ingest_records(tmp_path, client):
    from storytrace.batch import load_batch

    other = FERRY.replace("Thursday", "Friday").replace("pier", "jetty")
    write_jsonl([{"text": FERRY}, {"text": other}, {"text": FERRY}, {"text": other}], tmp_path / "in", files=2)

    def rejected(store: Store) -> list[tuple[str, str | None, str, str]]:
        return sorted((r.source, r.locator, r.code, r.message) for r in store.rejections())

    with Store.open(tmp_path / "local.db") as store:
        ingest([str(tmp_path / "in")], store, IngestOptions(workers=1))
        local = rejected(store)
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], out, client=client,
              options=BatchOptions(stop_after="reuse", reuse=ReuseOptions(paraphrase=False)))
    with Store.open(tmp_path / "batch.db") as store:
        summary = load_batch(out, store)
        batch = rejected(store)
    assert [code for *_, code, _ in local] == ["E110", "E110"] and batch == local
    assert summary.rejections == 2


def test_batch_run_with_inputs_that_match_nothing_fails_before_starting_a_cluster(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import storytrace.batch as batch
    from storytrace.cli import main

    started = []
    monkeypatch.setattr(batch, "start_client", lambda *a, **k: started.append(1))
    result = CliRunner().invoke(main, ["batch", "run", "--input", str(tmp_path / "none-*.jsonl"),
                                       "--output", str(tmp_path / "job")])
    assert result.exit_code == 1 and "[E101]" in result.output and "nothing matches" in result.output
    assert started == [] and not (tmp_path / "job").exists()


def test_cli_reads_the_columns_the_field_options_name(tmp_path):
    table = tmp_path / "export.csv"
    body = ("The harbour council voted on Monday to rebuild the sea wall before the winter storms, after a "
            "year of debate about its cost and about who should pay for the work on the old quay.")
    table.write_text(f"story_body,site,headline\n\"{body}\",Harbour Gazette,Council backs sea wall\n", encoding="utf-8")
    out = tmp_path / "job"
    result = subprocess.run(
        [sys.executable, "-m", "storytrace", "batch", "run", "--input", str(table), "--output", str(out),
         "--workers", "1", "--stop-after", "normalize", "--text-field", "story_body", "--outlet-field", "site",
         "--title-field", "headline", "--json"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    (article,) = batch_articles(out).values()
    assert (article.title, article.outlet) == ("Council backs sea wall", "Harbour Gazette")
    assert article.text.startswith("The harbour council voted")

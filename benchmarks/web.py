"""Web benchmark: story-page latency under concurrency, and a no-error load test (issues #6 and #7).

    .venv/bin/python benchmarks/web.py --data ../shared/data [--articles 10000] [--db /tmp/web-bench.db] [--json]

1. Builds a store of ``--articles`` articles with a dossier (scripts/build_web_store.py; text generated
   at run time from the shared event piles) unless ``--db`` already holds one.
2. Starts ``storytrace serve`` on 127.0.0.1 in a second process (a free port).
3. Latency: ``--clients`` (20) concurrent keep-alive clients first open every story page once (the
   first view computes the story's views and renders the page; reported on its own), then request
   random story pages for ``--seconds`` (20); p50/p95/p99 of the story page. Goal (#6): p95 ≤ 200 ms.
4. Load: ``--load-clients`` (50) clients for ``--load-seconds`` (30) over the story, article, claim,
   index and JSON pages; goal (#7): 0 errors (an error = a non-200 answer, a refused or dropped
   connection, or a timeout).

Traffic goes only to 127.0.0.1; every loop is bounded in time. The client is a small asyncio HTTP/1.1
client (one connection per simulated user) so the measuring side costs little CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_server(db: str | Path, *, port: int | None = None, timeout: float = 120.0) -> Iterator[str]:
    """``storytrace serve`` on 127.0.0.1 in its own process; yields the base URL and stops it after."""
    port = port or _free_port()
    command = [sys.executable, "-m", "storytrace", "serve", "--db", str(db), "--host", "127.0.0.1",
               "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")
            try:
                with urllib.request.urlopen(f"{base}/index.json", timeout=30) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready after {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _client(host: str, port: int, paths: list[str], deadline: float, latencies: list[float],
                  errors: list[str], seed: int, queue: list[str] | None = None) -> None:
    """One simulated user on one keep-alive connection: random ``paths`` until ``deadline``, or, with
    ``queue``, the paths popped from that shared list until it is empty."""
    rng = random.Random(seed)
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while time.monotonic() < deadline:
        if queue is not None:
            if not queue:
                break
            path = queue.pop()
        else:
            path = rng.choice(paths)
        started = time.perf_counter()
        try:
            if writer is None or reader is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/html\r\n\r\n".encode())
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            fields = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            await asyncio.wait_for(reader.readexactly(int(fields.get("content-length", "0"))), 30)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(f"{status} {path}")
            if fields.get("connection", "").lower() == "close":
                writer.close()
                reader = writer = None
        except asyncio.IncompleteReadError as exc:
            if not exc.partial:  # the server closed an idle keep-alive connection: reconnect, not an error
                reader = writer = None
                continue
            errors.append(f"{type(exc).__name__} {path}")
            reader = writer = None
        except (TimeoutError, OSError, ValueError, IndexError) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(base: str, paths: list[str], *, clients: int, seconds: float, once: bool = False) -> dict[str, Any]:
    """``clients`` concurrent keep-alive clients, each requesting random ``paths`` for ``seconds``; with
    ``once``, every path exactly once (shared among the clients; still bounded by ``seconds``)."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors: list[str] = []
    queue = list(reversed(paths)) if once else None

    async def run() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(
            _client(host, int(port), paths, deadline, latencies, errors, seed, queue) for seed in range(clients)
        ))

    started = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - started
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies) + len(errors),
        "errors": len(errors), "error_kinds": sorted(set(errors))[:10],
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(_percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(_percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/storytrace-web-bench.db"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--load-clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=30.0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_web_store import build

    from storytrace.store import Store

    built = None
    if not arguments.db.exists():
        built = build(arguments.data, arguments.db, arguments.articles)
    with Store.open(arguments.db, create=False) as store:
        articles = store.count()
        dossier = store.latest_dossier() or {}
    stories = [s["id"][1:] for s in dossier.get("stories", [])]
    claims = [c["id"][1:] for c in dossier.get("claims", [])]
    article_ids = [a["id"][1:] for a in dossier.get("articles", [])]
    if not stories:
        sys.exit(f"{arguments.db} has no stories in its dossier")
    story_paths = [f"/stories/{s}" for s in stories]
    mixed = (story_paths + [f"/stories/{s}.json" for s in stories[:50]] + [f"/articles/{a}" for a in article_ids[:500]]
             + [f"/claims/{c}" for c in claims[:200]] + ["/", "/index.json", "/search?q=officials"])
    env_note = {"cpus": os.cpu_count()}
    with running_server(arguments.db) as base:
        # First view of every story page (views computed and rendered), then the page as users meet it.
        first = load(base, story_paths, clients=arguments.clients, seconds=300, once=True)
        latency = load(base, story_paths, clients=arguments.clients, seconds=arguments.seconds)
        soak = load(base, mixed, clients=arguments.load_clients, seconds=arguments.load_seconds)
    result = {"articles": articles, "stories": len(stories), "built": built, "story_page_first_view": first,
              "story_page": latency,
              "load": soak, "goal_p95_ms": 200, "p95_met": latency["p95_ms"] <= 200,
              "zero_errors": soak["errors"] == 0, **env_note}
    if arguments.json:
        print(json.dumps(result))
        return
    print(f"store: {articles} articles, {len(stories)} stories ({arguments.db})")
    print(f"story page, first view of each of {first['requests']} stories, {first['clients']} clients: "
          f"p50 {first['p50_ms']} ms, p95 {first['p95_ms']} ms, errors {first['errors']}")
    print(f"story page, {latency['clients']} clients, {latency['seconds']} s: {latency['requests']} requests, "
          f"{latency['requests_per_second']}/s, p50 {latency['p50_ms']} ms, p95 {latency['p95_ms']} ms, "
          f"p99 {latency['p99_ms']} ms, errors {latency['errors']} (goal p95 <= 200 ms)")
    print(f"load, {soak['clients']} clients, {soak['seconds']} s: {soak['requests']} requests, "
          f"{soak['requests_per_second']}/s, p95 {soak['p95_ms']} ms, errors {soak['errors']} {soak['error_kinds']}")


if __name__ == "__main__":
    main()

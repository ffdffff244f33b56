"""Story-clustering experiments that did not ship: the figures quoted in docs/stories.md ("What is weak").

Three candidates for AllSides (issue #5), each against the shipped single pass (``load_params("text")``):

* ``pairs`` — a learned pairwise same-story model: logistic regression over candidate pairs (each article
  with its 20 nearest by the shipped TF-IDF cosine, cosine ≥ 0.1) with features cosine, both-dated, date
  gap, log(1 + rank) of the worse and of the better of the two neighbour ranks; stories by average link
  on the predicted probability (and a variant with the ranks replaced by a density feature: the cosine
  minus the larger 5th-nearest cosine of the two). Estimated with the protocol of scripts/fit_stories.py: repeated 2-fold CV
  over gold stories (5 shuffles, seed 13, BASIL then AllSides shuffled per repeat — the same halves),
  weights and threshold fitted on the training halves (BASIL + AllSides together), each held-out half
  clustered as its own pile; then in-sample on the whole shared halves.
* ``mutual`` — the single pass, joining a story only when it holds one of the article's k nearest
  articles (``either``) or an article whose k nearest include it too (``mutual``); in-sample, threshold
  chosen on BASIL + AllSides.
* ``weighting`` — BM25 term frequencies, sharper IDF, or other texts' document frequencies (UCI headlines,
  + event piles) added as a background, in the single pass; in-sample likewise.

Every candidate is also run on two piles with *many* articles per story, which neither fitting set has
(BASIL and AllSides stories hold 2–3 articles): ``event_piles`` (census + spotify, 68 articles, each pile
one event — its label) and the five-article sample pile ``examples/mosul-2016`` (one story) — and on PAC
(``pac/merged_annotations``: 82 stories, each told by a left and a right outlet, full text with dates), which
no parameter was fitted on. Figures are B-cubed F1.

    .venv/bin/python scripts/story_experiments.py --data ../shared/data [--only pairs|mutual|weighting]
"""

from __future__ import annotations

import argparse
import csv
import heapq
import math
import random
import re
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from storytrace.compare.stories import StoryIndex, StoryItem, StoryParams, _day_number, _Member, load_params, terms
from storytrace.eval.allsides import load_allsides
from storytrace.eval.basil import load_basil, story_items
from storytrace.eval.bcubed import bcubed

ROOT = Path(__file__).resolve().parents[1]
Pile = tuple[list[StoryItem], list[str]]
Clusterer = Callable[[Sequence[StoryItem]], list[list[int]]]

NEIGHBOURS = 20
MIN_COSINE = 0.1
PAIR_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
TEXT_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def f1(clusters: list[list[int]], gold: Sequence[str]) -> float:
    return round(bcubed(clusters, gold)["bcubed_f1"], 4)


# --- piles --------------------------------------------------------------------------------------------------


def event_piles(data: Path) -> Pile:
    """census + spotify event piles; the label is the pile (each is one event's coverage)."""
    csv.field_size_limit(1 << 30)
    items, gold = [], []
    for name in ("census", "spotify"):
        with (data / "event_piles" / f"{name}_articles.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                parts = row["text"].split(" ### ")
                items.append(StoryItem(title=parts[0], text="\n\n".join(parts[1:]), published=row["scrape_time"]))
                gold.append(name)
    return items, gold


_PAC_SPACING = (
    (re.compile(r" ([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
)


def pac_pile(data: Path) -> Pile:
    """PAC (launchnlp's Partisan Event Dataset, ``pac/merged_annotations``): stories told by a left and a right
    outlet, full text and date; the label is the story (``STORY_<n>`` of the document id). Neither fitting set
    includes it, so the shipped parameters meet it unseen. Its sentences are tokenised ("do n't", "word ,"):
    the spacing before punctuation and clitics is undone."""
    import json

    items, gold = [], []
    for path in sorted((data / "pac" / "merged_annotations").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        sentences = []
        for sentence in record.get("news") or []:
            text = str(sentence.get("text") or "")
            for pattern, replacement in _PAC_SPACING:
                text = pattern.sub(replacement, text)
            sentences.append(text)
        items.append(StoryItem(title=str(record.get("title") or ""), text=" ".join(sentences),
                               published=record.get("date")))
        gold.append(str(record["id"]).rsplit("_DOCUMENT", 1)[0])
    return items, gold


def sample_pile() -> Pile:
    """examples/mosul-2016 as ``analyze`` reads it (ingested into a temporary store): one story."""
    from storytrace.ingest import ingest
    from storytrace.settings import IngestOptions
    from storytrace.store import Store

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "pile.db") as store:
        ingest([str(ROOT / "examples" / "mosul-2016")], store, IngestOptions())
        articles = list(store.articles())
    items = [StoryItem(title=a.title or "", text=a.text or "", published=a.published_time or a.published)
             for a in articles]
    return items, ["mosul"] * len(items)


# --- the single pass with a replaceable index (what cluster_stories does) -------------------------------------


def single_pass(items: Sequence[StoryItem], params: StoryParams, index: StoryIndex) -> list[list[int]]:
    for position, item in enumerate(items):
        index.prime(position, item.title, item.text)
    days = [_day_number(item.published) for item in items]
    for position in sorted(range(len(items)), key=lambda i: (days[i] is None, days[i] or 0.0, i)):
        index.add(position, items[position].title, items[position].text, days[position])
    if params.refine_passes:
        index.refine(params.refine_passes)
    return sorted((sorted(int(m) for m in members) for members in index.stories), key=lambda s: s[0])


def pile_vectors(items: Sequence[StoryItem], params: StoryParams) -> list[dict[str, float]]:
    index = StoryIndex(params)
    counts = [terms(item.title or "", item.text or "", params) for item in items]
    for item_counts in counts:
        index._document_frequency.update(item_counts.keys())
    index._documents = len(counts)
    return [index._vector(item_counts) for item_counts in counts]


def neighbours(vectors: Sequence[dict[str, float]], keep: int, candidate_terms: int) -> list[list[tuple[int, float]]]:
    """Each article's ``keep`` nearest others by cosine (candidates through its heaviest terms), nearest first."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for position, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings.setdefault(term, []).append((position, weight))
    out = []
    for position, vector in enumerate(vectors):
        heaviest = sorted(vector, key=lambda term: (-vector[term], term))[:candidate_terms]
        partial: dict[int, float] = {}
        for term in heaviest:
            for other, other_weight in postings[term]:
                if other != position:
                    partial[other] = partial.get(other, 0.0) + vector[term] * other_weight
        scored = []
        for other in heapq.nsmallest(keep + 10, partial, key=lambda j: (-partial[j], j)):
            other_vector = vectors[other]
            scored.append((other, sum(w * other_vector.get(t, 0.0) for t, w in vector.items())))
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        out.append(scored[:keep])
    return out


# --- pairs ----------------------------------------------------------------------------------------------------


class PairPile:
    """Candidate pairs of a pile, their features and (when known) gold labels."""

    def __init__(self, pile: Pile, params: StoryParams, density: bool = False) -> None:
        """``density``: the rank features replaced by the cosine minus the larger of the two articles' cosines
        with their 5th nearest (0 when fewer than 5 others)."""
        items, gold = pile
        self.count, self.gold = len(items), gold
        nearest = neighbours(pile_vectors(items, params), NEIGHBOURS, params.candidate_terms)
        rank: dict[tuple[int, int], int] = {}
        cosine: dict[tuple[int, int], float] = {}
        for i, row in enumerate(nearest):
            for order, (j, value) in enumerate(row):
                rank[(i, j)] = order
                cosine[(min(i, j), max(i, j))] = value
        days = [_day_number(item.published) for item in items]
        self.pairs = sorted(pair for pair, value in cosine.items() if value >= MIN_COSINE)
        rows = []
        for i, j in self.pairs:
            worse = min(NEIGHBOURS, max(rank.get((i, j), NEIGHBOURS), rank.get((j, i), NEIGHBOURS)))
            better = min(rank.get((i, j), NEIGHBOURS), rank.get((j, i), NEIGHBOURS))
            day_i, day_j = days[i], days[j]
            dated = day_i is not None and day_j is not None
            gap = min(1.0, abs(day_i - day_j) / params.date_scale_days) if day_i is not None and day_j is not None else 0.0
            if density:
                fifth = max(row[4][1] if len(row) > 4 else 0.0 for row in (nearest[i], nearest[j]))
                rows.append((cosine[(i, j)], float(dated), gap, cosine[(i, j)] - fifth))
            else:
                rows.append((cosine[(i, j)], float(dated), gap, math.log1p(worse), math.log1p(better)))
        self.x = np.array(rows, dtype=float).reshape(len(rows), 4 if density else 5)
        self.y = np.array([gold[i] == gold[j] for i, j in self.pairs], dtype=float)

    def clusters(self, weights: Sequence[float], threshold: float) -> list[list[int]]:
        z = weights[0] + self.x @ np.asarray(weights[1:])
        links = dict(zip(self.pairs, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))
        return average_link(self.count, links, threshold)


def average_link(count: int, links: Mapping[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Merge the two groups with the highest mean link (absent pairs count 0) while it reaches ``threshold``."""
    members = {i: [i] for i in range(count)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(count)}
    for (i, j), value in links.items():
        sums[i][j] = sums[j][i] = value
    heap = [(-value, i, j) for i in sums for j, value in sums[i].items() if i < j]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        mean = sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(mean + negative) > 1e-12:
            continue
        if mean < threshold:
            break
        members[a].extend(members.pop(b))
        merged = sums.pop(b)
        merged.pop(a, None)
        sums[a].pop(b, None)
        for other, value in merged.items():
            sums[a][other] = sums[a].get(other, 0.0) + value
            sums[other].pop(b, None)
            sums[other][a] = sums[a][other]
        for other, value in sums[a].items():
            heapq.heappush(heap, (-value / (len(members[a]) * len(members[other])), min(a, other), max(a, other)))
    return sorted((sorted(group) for group in members.values()), key=lambda group: group[0])


def fit_logistic(piles: Sequence[PairPile], l2: float = 1.0) -> list[float]:
    x = np.concatenate([np.c_[np.ones(len(p.x)), p.x] for p in piles])
    y = np.concatenate([p.y for p in piles])
    w = np.zeros(x.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(x.shape[1] - 1)])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        step = np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x + penalty, x.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return [round(float(v), 4) for v in w]


def fit_pairs(piles: Sequence[PairPile]) -> tuple[list[float], float]:
    weights = fit_logistic(piles)
    threshold = max(PAIR_THRESHOLDS, key=lambda t: (statistics.mean(f1(p.clusters(weights, t), p.gold) for p in piles), -t))
    return weights, threshold


def halves(piles: Sequence[Pile], rng: random.Random) -> list[tuple[set[str], set[str]]]:
    out = []
    for pile in piles:
        stories = sorted(set(pile[1]))
        rng.shuffle(stories)
        out.append((set(stories[: len(stories) // 2]), set(stories[len(stories) // 2 :])))
    return out


def subset(pile: Pile, stories: set[str]) -> Pile:
    keep = [i for i, label in enumerate(pile[1]) if label in stories]
    return [pile[0][i] for i in keep], [pile[1][i] for i in keep]


def run_pairs(sets: dict[str, Pile], checks: dict[str, Pile], base: StoryParams, repeats: int, seed: int,
              density: bool = False) -> None:
    label = "pairs (density)" if density else "pairs (ranks)"
    names = list(sets)
    rng = random.Random(seed)
    held: dict[str, list[float]] = {n: [] for n in names}
    for repeat in range(repeats):
        split = halves([sets[n] for n in names], rng)
        for test in (0, 1):
            train = [PairPile(subset(sets[n], h[1 - test]), base, density) for n, h in zip(names, split, strict=True)]
            weights, threshold = fit_pairs(train)
            for n, h in zip(names, split, strict=True):
                pile = PairPile(subset(sets[n], h[test]), base, density)
                held[n].append(f1(pile.clusters(weights, threshold), pile.gold))
            print(f"  repeat {repeat} half {test}: {weights} at {threshold} → "
                  + ", ".join(f"{n} {held[n][-1]}" for n in names), file=sys.stderr, flush=True)
    for n in names:
        print(f"{label} CV held-out {n}: {statistics.mean(held[n]):.4f} ± {statistics.stdev(held[n]):.4f}")
    weights, threshold = fit_pairs([PairPile(sets[n], base, density) for n in names])
    found = {n: PairPile(p, base, density).clusters(weights, threshold) for n, p in (sets | checks).items()}
    print(f"{label} in-sample (weights {weights}, threshold {threshold}): "
          + ", ".join(f"{n} {f1(c, (sets | checks)[n][1])} (P {bcubed(c, (sets | checks)[n][1])['bcubed_precision']:.3f}, "
                      f"R {bcubed(c, (sets | checks)[n][1])['bcubed_recall']:.3f}; {len(c)} stories)"
                      for n, c in found.items()),
          flush=True)


# --- mutual neighbours in the single pass -------------------------------------------------------------------


class NeighbourIndex(StoryIndex):
    """The single pass, joining only stories that hold an allowed neighbour of the article."""

    def __init__(self, params: StoryParams, allowed: list[set[int]]) -> None:
        super().__init__(params)
        self.allowed = allowed

    def _best(self, member: _Member) -> tuple[int, float, float]:
        best, score, dot = super()._best(member)
        ok = self.allowed[int(member.article_id)]
        if best < 0 or any(m.article_id in ok for m in self._stories[best].members):
            return best, score, dot
        found = (-1, -math.inf, 0.0)
        for story_index in sorted({m.story for s in self._stories for m in s.members if m.article_id in ok}):
            story = self._stories[story_index]
            if story.norm_squared <= 1e-12:
                continue
            value = sum(w * story.centroid.get(t, 0.0) for t, w in member.vector.items())
            candidate = value / math.sqrt(story.norm_squared)
            days = self._ranges[story_index]
            if member.day is not None and days is not None:
                d = min(1.0, max(days[0] - member.day, member.day - days[1], 0.0) / self.params.date_scale_days)
                candidate += self.params.date_bonus * (1 - d) - self.params.date_weight * d
            if candidate > found[1]:
                found = (story_index, candidate, value)
        return found


def mutual_clusterer(params: StoryParams, k: int, mode: str) -> Clusterer:
    def cluster(items: Sequence[StoryItem]) -> list[list[int]]:
        top = [{j for j, _ in row} for row in neighbours(pile_vectors(items, params), k, params.candidate_terms)]
        if mode == "mutual":
            allowed = [{j for j in top[i] if i in top[j]} for i in range(len(top))]
        else:
            allowed = [set(row) for row in top]
            for i, row in enumerate(top):
                for j in row:
                    allowed[j].add(i)
        return single_pass(items, params, NeighbourIndex(params, allowed))

    return cluster


# --- term weighting in the single pass ----------------------------------------------------------------------


class WeightedIndex(StoryIndex):
    """The single pass with BM25 term frequencies (``k1``, ``b``; 0, 0 = the shipped sublinear tf) and IDF
    raised to ``power``."""

    def __init__(self, params: StoryParams, k1: float, b: float, power: float) -> None:
        super().__init__(params)
        self.k1, self.b, self.power = k1, b, power

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        documents = max(self._documents, 1) + self.params.background_documents
        length = sum(counts.values())
        vector = {}
        for term, count in counts.items():
            idf = (math.log((documents + 1) / (self._document_frequency[term] + 1)) + 1.0) ** self.power
            if self.k1:
                tf = count * (self.k1 + 1) / (count + self.k1 * (1 - self.b + self.b * length / 120.0))
            else:
                tf = 1.0 + math.log(count)
            vector[term] = tf * idf
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: v / norm for term, v in vector.items()}


class BackgroundIndex(StoryIndex):
    """The single pass with the document frequencies of other texts (not the scored set's) added."""

    def __init__(self, params: StoryParams, background: Counter[str], documents: int) -> None:
        super().__init__(params)
        self.background, self.background_count = background, documents

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        documents = max(self._documents, 1) + self.params.background_documents + self.background_count
        vector = {
            term: (1.0 + math.log(count))
            * (math.log((documents + 1) / (self._document_frequency[term] + self.background[term] + 1)) + 1.0)
            for term, count in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: v / norm for term, v in vector.items()}


def in_sample(label: str, make: Callable[[StoryParams], Clusterer], sets: dict[str, Pile], checks: dict[str, Pile],
              base: StoryParams) -> None:
    """Best threshold on BASIL + AllSides (in-sample, so optimistic), and the checks at that threshold."""
    scores = {t: {n: f1(make(replace(base, threshold=t))(p[0]), p[1]) for n, p in sets.items()}
              for t in TEXT_THRESHOLDS}
    best = max(TEXT_THRESHOLDS, key=lambda t: (sum(scores[t].values()), -t))
    found = {n: make(replace(base, threshold=best))(p[0]) for n, p in checks.items()}
    print(f"{label}: threshold {best}, " + ", ".join(f"{n} {v}" for n, v in scores[best].items()) + ", "
          + ", ".join(f"{n} {f1(c, checks[n][1])} ({len(c)} stories)" for n, c in found.items()), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", choices=("pairs", "mutual", "weighting"))  # weighting includes the backgrounds
    args = parser.parse_args()
    data = Path(args.data)
    sets = {"basil": story_items(load_basil(data / "basil")), "allsides": load_allsides(data / "allsides_roundups")}
    checks = {"event_piles": event_piles(data), "mosul_sample": sample_pile()}
    if (data / "pac" / "merged_annotations").is_dir():
        checks["pac"] = pac_pile(data)
    base = load_params("text")
    in_sample("shipped single pass", lambda p: (lambda items: single_pass(items, p, StoryIndex(p))), sets, checks, base)
    if args.only in (None, "pairs"):
        run_pairs(sets, checks, base, args.repeats, args.seed)
        run_pairs(sets, checks, base, args.repeats, args.seed, density=True)
    if args.only in (None, "mutual"):
        for mode in ("mutual", "either"):
            for k in (2, 3, 5, 10):
                in_sample(f"{mode} k={k}", lambda p, k=k, mode=mode: mutual_clusterer(p, k, mode), sets, checks, base)
    if args.only in (None, "weighting"):
        for k1, b, power in ((1.2, 0.75, 1.0), (1.2, 0.0, 1.0), (2.0, 0.75, 1.0), (1.2, 0.75, 1.5), (0, 0, 1.5),
                             (0, 0, 2.0)):
            in_sample(f"weighting k1={k1} b={b} idf^{power}",
                      lambda p, k1=k1, b=b, power=power: (lambda items: single_pass(items, p, WeightedIndex(p, k1, b, power))),
                      sets, checks, base)
        from storytrace.eval.uci_news import load_uci_news

        headlines = [terms(item.title, "", base) for item in load_uci_news(data / "uci_news")[0]]
        events = [terms(item.title, item.text, base) for item in checks["event_piles"][0]]
        for label, documents in (("UCI headlines", headlines), ("UCI headlines + event piles", headlines + events)):
            frequency = Counter(term for counts in documents for term in counts)
            size = len(documents)
            in_sample(f"background {label}",
                      lambda p, f=frequency, n=size: (lambda items: single_pass(items, p, BackgroundIndex(p, f, n))),
                      sets, checks, base)


if __name__ == "__main__":
    main()

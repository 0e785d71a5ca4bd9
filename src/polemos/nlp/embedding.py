"""Static word-piece vectors for spaCy tokens: the cheap meaning features the learned steps read.

The vectors are all-MiniLM-L6-v2 distilled by model2vec (models/static-minilm/card.md). A span's
vector is the mean of its word pieces' vectors, as model2vec encodes a sentence; each distinct
token is cut into pieces once (BERT's uncased WordPiece) and its summed vector remembered, so a
document costs one dictionary look-up per token and a cumulative sum.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from ..errors import ModelNotInstalledError

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "static-minilm"
_DOC_KEY = "polemos_piece_sums"
_MAX_WORD = 100


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_words(text: str) -> list[str]:
    """BERT's uncased basic tokenizer: lower case, accents off, punctuation split off."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn" and unicodedata.category(ch) != "Cc")
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isspace() or _is_punctuation(ch) or 0x4E00 <= ord(ch) <= 0x9FFF:
            if current:
                words.append("".join(current))
                current = []
            if not ch.isspace():
                words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


class Embedder:
    """Reads vocab.txt and vectors.npy once; answers token and span vectors."""

    def __init__(self, directory: Path = MODEL_DIR) -> None:
        vocab_path, vectors_path = directory / "vocab.txt", directory / "vectors.npy"
        if not vectors_path.exists() or not vocab_path.exists():
            raise ModelNotInstalledError(
                f"The static vectors are missing from {directory}; reinstall polemos or rebuild them with "
                "`make train` (python -m polemos.training.distill)."
            )
        self.vocab = {piece: i for i, piece in enumerate(vocab_path.read_text(encoding="utf-8").splitlines())}
        self.vectors = np.load(vectors_path).astype(np.float32)
        self.dim = int(self.vectors.shape[1])
        self._sums: dict[str, tuple[np.ndarray, int]] = {}
        self._zero = np.zeros(self.dim, dtype=np.float32)

    def pieces(self, word: str) -> list[int]:
        """Greedy longest-match WordPiece ids of one basic word (none for an unknown one)."""
        if len(word) > _MAX_WORD:
            return []
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return []
            ids.append(found)
            start = end
        return ids

    def token_sum(self, text: str) -> tuple[np.ndarray, int]:
        """Sum of the piece vectors of one token's text, and how many pieces it has."""
        known = self._sums.get(text)
        if known is None:
            ids = [i for word in basic_words(text) for i in self.pieces(word)]
            known = (self.vectors[ids].sum(axis=0), len(ids)) if ids else (self._zero, 0)
            if len(self._sums) < 500_000:
                self._sums[text] = known
        return known

    def text_vector(self, text: str) -> np.ndarray:
        """The normalised mean piece vector of a text (model2vec's encode)."""
        ids = [i for word in basic_words(text) for i in self.pieces(word)]
        if not ids:
            return self._zero.copy()
        return _unit(self.vectors[ids].mean(axis=0))

    def doc_sums(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """Cumulative piece sums and counts over the tokens of a Doc (row i = tokens before i)."""
        cached = doc.user_data.get(_DOC_KEY)
        if cached is not None:
            return cached
        sums = np.zeros((len(doc) + 1, self.dim), dtype=np.float32)
        counts = np.zeros(len(doc) + 1, dtype=np.float32)
        for token in doc:
            vector, n = self.token_sum(token.text)
            sums[token.i + 1] = vector
            counts[token.i + 1] = n
        cached = (np.cumsum(sums, axis=0), np.cumsum(counts))
        doc.user_data[_DOC_KEY] = cached
        return cached

    def span_vector(self, doc: Doc, start: int, end: int) -> np.ndarray:
        """The normalised mean piece vector of tokens start..end-1."""
        sums, counts = self.doc_sums(doc)
        start, end = max(0, start), min(len(doc), end)
        n = counts[end] - counts[start]
        if end <= start or n <= 0:
            return self._zero.copy()
        return _unit((sums[end] - sums[start]) / n)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


@lru_cache(maxsize=2)
def embedder(directory: Path = MODEL_DIR) -> Embedder:
    return Embedder(directory)

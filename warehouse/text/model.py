"""The trained Chinese sentiment model: character 1–3-gram TF-IDF weights of a logistic regression.

Built by `python -m warehouse.text.train` (`make model`) into warehouse/text/data/sentiment_zh.npz;
read here without scikit-learn, so scoring needs only numpy and the file.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from warehouse.text.tokens import normalise

NGRAMS = (1, 2, 3)
MODEL_FILE = Path(__file__).resolve().parent / "data" / "sentiment_zh.npz"

_lock = threading.Lock()
_loaded: dict[str, Model | None] = {}


@dataclass(frozen=True)
class Model:
    """Per n-gram (idf, coefficient) and the intercept; `about` says how it was trained."""

    weights: dict[str, tuple[float, float]]
    intercept: float
    about: dict

    def decision(self, text: str | None) -> float:
        """The logistic regression's log-odds that TEXT is favourable (0 when nothing is known)."""
        text = normalise(text)
        # Counter and zip count the 1-, 2- and 3-grams in C; only the distinct grams loop here.
        counts = Counter(text)
        counts.update(map("".join, pairwise(text)))
        counts.update(map("".join, zip(text, text[1:], text[2:], strict=False)))
        dot = square = 0.0
        get = self.weights.get
        for gram, count in counts.items():
            known = get(gram)
            if known is None:
                continue
            # sublinear tf × idf, as scikit-learn's TfidfVectorizer(sublinear_tf=True) computes it
            value = known[0] if count == 1 else (1.0 + math.log(count)) * known[0]
            dot += value * known[1]
            square += value * value
        if not square:
            return 0.0
        return dot / math.sqrt(square) + self.intercept


def model_path() -> Path:
    return MODEL_FILE


def save(path: Path, grams: list[str], idf: np.ndarray, coef: np.ndarray, intercept: float,
         about: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, grams=np.array(grams), idf=idf.astype(np.float32),
                        coef=coef.astype(np.float32), intercept=np.array([intercept]),
                        about=np.array([json.dumps(about, ensure_ascii=False)]))
    os.replace(tmp, path)


def load(path: Path | None = None) -> Model | None:
    """The model in PATH (default model_path()), loaded once; None when the file is missing."""
    path = Path(path or model_path())
    key = str(path)
    if key in _loaded:
        return _loaded[key]
    with _lock:
        if key not in _loaded:
            _loaded[key] = _read(path) if path.is_file() else None
    return _loaded[key]


def _read(path: Path) -> Model:
    with np.load(path, allow_pickle=False) as data:
        grams = data["grams"].tolist()
        pairs = zip(data["idf"].astype(float).tolist(), data["coef"].astype(float).tolist(), strict=True)
        return Model(weights=dict(zip(grams, pairs, strict=True)),
                     intercept=float(data["intercept"][0]), about=json.loads(str(data["about"][0])))


def forget() -> None:
    """Drop loaded models (after a rebuild, in tests)."""
    with _lock:
        _loaded.clear()

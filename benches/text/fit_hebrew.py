"""Fit the Hebrew sentiment model that kesher compiles in (crates/kesher/src/text/hebrew.tsv).

Run from the repository root, with scikit-learn and numpy:

    python3 benches/text/fit_hebrew.py ../shared/data/sentiment crates/kesher/src/text/hebrew.tsv

Data: hebrew-train.tsv of the Hebrew sentiment set of Amram, Ben-David & Tsarfaty (COLING 2018),
as cleaned by OnlpLab (MIT, OMILab, The Open University of Israel). Only the train split is
used for fitting; the dev split is only measured here (and by `text_scorer_eval`).

Features, exactly as crates/kesher/src/text/hebrew.rs computes them: the text is lowercased and
split on whitespace; each word is padded with one space on each side and cut into character
n-grams of 1 to 5 characters (a padded word shorter than n gives itself once); the weight of an
n-gram is (1 + ln count) * idf, and the vector is divided by its Euclidean length over the
n-grams the model keeps. A three-class logistic regression (balanced class weights, C = 1) is
fitted on all n-grams seen in at least two training comments, the KEEP n-grams with the largest
weight in any class are kept, and the model is fitted again on those alone. The file holds, per
n-gram, its idf and its weights for negative and positive relative to neutral (softmax is
unchanged when one class's weights are subtracted from all three), in hundredths, as whole numbers (the Rust side reads integers, which keeps a float
parser out of the WebAssembly package).
"""

import math
import sys
from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, recall_score

KEEP = 10_000
NEG, NEU, POS = 0, 1, 2
# The set's labels: 0 = positive, 1 = negative, 2 = neutral/off-topic.
LABELS = {"0": POS, "1": NEG, "2": NEU}


def load(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.rstrip("\n")
            if line:
                text, label = line.rsplit("\t", 1)
                texts.append(text)
                labels.append(LABELS[label.strip()])
    return texts, np.array(labels)


def grams(text):
    out = Counter()
    for word in text.lower().split():
        w = " " + word + " "
        for n in range(1, 6):
            if len(w) < n:
                out[w] += 1
                break
            for i in range(len(w) - n + 1):
                out[w[i : i + n]] += 1
    return out


def matrix(texts, vocab, idf):
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        entries = [(vocab[g], (1 + math.log(c)) * idf[g]) for g, c in grams(text).items() if g in vocab]
        norm = math.sqrt(sum(v * v for _, v in entries)) or 1.0
        for j, v in entries:
            rows.append(r)
            cols.append(j)
            vals.append(v / norm)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))


def fit(texts, labels, vocab, idf):
    model = LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced")
    return model.fit(matrix(texts, vocab, idf), labels)


def main(data_dir, out_path):
    train, y_train = load(f"{data_dir}/hebrew-train.tsv")
    dev, y_dev = load(f"{data_dir}/hebrew-dev.tsv")
    df = Counter(g for t in train for g in grams(t))
    n = len(train)
    idf = {g: math.log((1 + n) / (1 + d)) + 1 for g, d in df.items()}
    vocab = {g: i for i, g in enumerate(sorted(g for g, d in df.items() if d >= 2))}
    full = fit(train, y_train, vocab, idf)
    names = sorted(vocab, key=vocab.get)
    strongest = np.argsort(-np.abs(full.coef_).max(axis=0))[:KEEP]
    kept = {names[i]: j for j, i in enumerate(sorted(strongest))}
    model = fit(train, y_train, kept, idf)
    pred = model.predict(matrix(dev, kept, idf))
    print(f"dev: macro recall {recall_score(y_dev, pred, average='macro'):.3f}, "
          f"accuracy {accuracy_score(y_dev, pred):.3f} ({len(dev)} comments)", file=sys.stderr)
    w, b = model.coef_, model.intercept_
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(f"#bias\t0\t{round(100 * (b[NEG] - b[NEU]))}\t{round(100 * (b[POS] - b[NEU]))}\n")
        for g in sorted(kept, key=kept.get):
            j = kept[g]
            neg, pos = w[NEG, j] - w[NEU, j], w[POS, j] - w[NEU, j]
            f.write(f"{g}\t{round(100 * idf[g])}\t{round(100 * neg)}\t{round(100 * pos)}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

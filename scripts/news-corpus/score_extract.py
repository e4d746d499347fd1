#!/usr/bin/env python3
"""Scores `annalist extract` output (any build, or another coder's output in
the same JSON Lines shape) against a split of the news event corpus, with the
matching of `annalist eval events --set news-*`: per sentence, events matched
on (source country, target country, CAMEO root); negated and hypothetical
events are not counted. Lets an old build be compared with a new one.

  python3 scripts/news-corpus/score_extract.py OUT.jsonl dev

The stories are given to extract as JSON Lines with `id` = the corpus story
id, so offsets match (build that input from the shared data).
"""
import collections, json, os, sys

COUNTED = ("asserted", "intended", "attempted")


def score(out_path, split, corpus=os.path.join(os.path.dirname(__file__), "../../corpora/news-events")):
    out = {}
    for line in open(out_path, encoding="utf-8"):
        d = json.loads(line)
        out[d["id"]] = d
    tp = predicted = gold_n = 0
    for line in open(os.path.join(corpus, f"{split}.jsonl"), encoding="utf-8"):
        g = json.loads(line)
        d = out.get(g["story"])
        if d is None:
            continue
        a, b = g["sentence"]
        pred = [e for e in d["events"]
                if e.get("trigger") and a <= e["trigger"]["char_start"] < b
                and e.get("modality", "asserted") in COUNTED]
        gold = collections.Counter(
            ((e.get("source_code") or "")[:3], (e.get("target_code") or "")[:3], e["cameo"][:2])
            for e in g["events"] if e["modality"] in COUNTED)
        used = collections.Counter()
        for e in pred:
            k = ((e.get("source") or "")[:3], (e.get("target") or "")[:3], e["root"])
            if used[k] < gold[k]:
                used[k] += 1
        tp += sum(used.values())
        predicted += len(pred)
        gold_n += sum(gold.values())
    p = 100 * tp / max(predicted, 1)
    r = 100 * tp / max(gold_n, 1)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2),
            "predicted": predicted, "gold": gold_n}


if __name__ == "__main__":
    print(json.dumps(score(sys.argv[1], sys.argv[2])))

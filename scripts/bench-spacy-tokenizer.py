#!/usr/bin/env python3
"""spaCy's tokenizer on the same corpus, for the side-by-side ratio in
docs/benchmarks.md. Needs `pip install spacy` (no model: spacy.blank("en")).

Usage: scripts/bench-spacy-tokenizer.py [DIR]   (default ../shared/data/corpus/bbc)
Prints tokens, wall and CPU seconds and tokens/s, best of 3 by CPU time.
"""
import pathlib
import sys
import time

import spacy

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/corpus/bbc")
texts = []
for p in sorted(root.rglob("*.txt")):
    if p.name.lower().startswith("readme"):
        continue
    texts.append(p.read_bytes().decode("utf-8", errors="replace"))
nlp = spacy.blank("en")
best = None
for _ in range(3):
    w0, c0 = time.perf_counter(), time.process_time()
    n = sum(len(nlp.tokenizer(t)) for t in texts)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    if best is None or cpu < best[2]:
        best = (n, wall, cpu)
n, wall, cpu = best
print(f"spacy {spacy.__version__} tokenizer: documents {len(texts)} tokens {n} "
      f"wall {wall:.3f} s ({n / wall:.0f} tokens/s) cpu {cpu:.3f} s ({n / cpu:.0f} tokens/s)")

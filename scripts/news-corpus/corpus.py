#!/usr/bin/env python3
"""Lab tooling for the news event corpus (docs/annotation.md).

Subcommands:
  select   pick the stories to annotate from `annalist extract --tokenize-only`
           output (deterministic; politics-heavy; never the blind sets)
  packets  write one numbered-sentence text file per selected story (outside
           the repository: story text never enters it)
  check    validate annotation files against their packets (spans found,
           codes well-formed); prints problems, exit 1 when any
  build    turn annotation files into the repository's gold files: story id,
           character offsets and labels, no text
  agree    agreement between two independent annotations of the same stories

The stories are read through Annalist's own reader and sentence splitter, so
offsets are into the document text exactly as `annalist extract` builds it.
"""
import argparse, collections, glob, gzip, hashlib, json, os, re, sys

BLIND = ("wikinews_2020", "allsides-heldout")
POLITICAL = re.compile(r"\b(government|minister|president|prime minister|parliament|police|"
    r"military|army|troops|protest\w*|election|opposition|court|sanction\w*|talks|"
    r"ministry|officials?|rebels?|militants?|attack\w*|senate|congress|party|"
    r"treaty|agreement|embassy|diplomat\w*|accus\w+|condemn\w*|arrest\w*|"
    r"killed|strike|negotiat\w*|leader|spokes\w+|summit|visit\w*)\b", re.I)
QUOTAS = {"wikinews": 50, "bbc": 35, "reuters": 36, "allsides": 40}
LIMITS = {"wikinews": (6, 40), "bbc": (8, 32), "reuters": (5, 25), "allsides": (10, 34)}
TOPICS_ALLSIDES = None  # the topic field is not in Annalist's doc; filter by text


def story_id(d):
    """The corpus-relative id of a story: `wikinews/wikinews_2019.csv:LINE`,
    `allsides/FILE#ID`, `reuters/FILE#NEWID`, `bbc/politics/NNN.txt`."""
    o = d["origin"]
    path = o["path"]
    if d["id"].startswith(path):
        return d["id"]
    fmt = o.get("format")
    if fmt == "csv":
        return f"{path}:{o['line']}"
    if fmt in ("jsonl", "sgml"):
        return f"{path}#{d['id']}"
    if fmt == "text" and path.startswith("bbc/"):
        return path
    return None


def corpus_of(story_id):
    for name in QUOTAS:
        if story_id.startswith(name):
            return name
    return None


def load_docs(paths):
    for p in paths:
        op = gzip.open if p.endswith(".gz") else open
        with op(p, "rt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                d = json.loads(line)
                if "error" in d:
                    continue
                d["id"] = story_id(d)
                if d["id"] is None:
                    continue
                yield d


def doc_sentences(d):
    text = d["text"]
    out = []
    for s in d["sentences"]:
        a, b = s["char_start"], s["char_end"]
        out.append((a, b, text[a:b]))
    return out


def key(story_id):
    return hashlib.sha256(("annalist-news-corpus-v1:" + story_id).encode()).hexdigest()


def cmd_select(args):
    pools = collections.defaultdict(list)
    for d in load_docs(args.extracted):
        sid = d["id"]
        if any(b in sid for b in BLIND):
            sys.exit(f"refusing blind story {sid}")
        c = corpus_of(sid)
        if c is None:
            continue
        sents = doc_sentences(d)
        lo, hi = LIMITS[c]
        if not (lo <= len(sents) <= hi):
            continue
        hits = len(POLITICAL.findall(d["text"]))
        density = hits / max(1, len(d["text"]) / 1000)
        if density < args.min_density:
            continue
        if re.search(r"\b(football|cricket|rugby|tennis|golf|Olympic|championship|match|"
                     r"goal|tournament)\b", d["text"][:600], re.I):
            continue
        pools[c].append((key(sid), sid, len(sents)))
    exclude = set()
    for path in args.exclude or []:
        exclude |= {l.strip() for l in open(path) if l.strip()}
    quotas = dict(QUOTAS)
    for q in args.quota or []:
        name, n = q.split("=")
        quotas[name] = int(n)
    chosen = []
    for c, n in quotas.items():
        pool = sorted(x for x in pools[c] if x[1] not in exclude)[:n]
        print(f"{c}: {len(pools[c])} eligible, {len(pool)} chosen, "
              f"{sum(x[2] for x in pool)} sentences", file=sys.stderr)
        chosen += [sid for _, sid, _ in pool]
    with open(args.out, "w") as f:
        for sid in chosen:
            f.write(sid + "\n")


def selected_docs(extracted, ids):
    want = set(ids)
    docs = {}
    for d in load_docs(extracted):
        if d["id"] in want:
            docs[d["id"]] = d
    missing = want - docs.keys()
    if missing:
        sys.exit(f"stories not found: {sorted(missing)[:5]}")
    return docs


def packet_name(sid):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", sid) + ".txt"


def cmd_packets(args):
    ids = [l.strip() for l in open(args.selection) if l.strip()]
    docs = selected_docs(args.extracted, ids)
    os.makedirs(args.out, exist_ok=True)
    index = {}
    for sid in ids:
        d = docs[sid]
        sents = doc_sentences(d)
        name = packet_name(sid)
        index[sid] = {"file": name, "sentences": [[a, b] for a, b, _ in sents],
                      "date": d.get("date")}
        with open(os.path.join(args.out, name), "w") as f:
            f.write(f"# story: {sid}\n# date: {d.get('date')}\n")
            f.write(f"# {len(sents)} sentences; annotate every one (s = the number in brackets)\n\n")
            for i, (_, _, t) in enumerate(sents):
                f.write(f"[{i}] {' '.join(t.split())}\n")
    with open(os.path.join(args.out, "index.json"), "w") as f:
        json.dump(index, f)


# Guidelines 1.1: PLOVER types of CAMEO's statements and appeals.
STATEMENT_PLOVER = {"011": "REJECT", "016": "REJECT", "012": "ACCUSE", "014": "AGREE",
                    "015": "AGREE", "010": "SUPPORT", "013": "SUPPORT", "017": "SUPPORT",
                    "018": "SUPPORT", "019": "SUPPORT"}
STATEMENT_PLOVER.update({f"02{i}": "REQUEST" for i in range(10)})
CAMEO_RE = re.compile(r"^(0[1-9]|1\d|20)\d{0,2}$")
ACTOR_RE = re.compile(r"^([A-Z]{3}|---)([A-Z]{3})*$")
MODALITIES = {"asserted", "negated", "intended", "hypothetical", "attempted"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def cameo2plover(shared):
    table = {}
    path = os.path.join(shared, "plover", "CAMEO2PLOVER-2021.txt")
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m and m.group(2) in PLOVER:
            table[m.group(1)] = m.group(2)
    return table


# Guidelines 1.0 counted `_nth` over any occurrence of the text (inside
# words too); 1.1 counts whole words. `--substring-nth` reads 1.0 files.
SUBSTRING_NTH = False


def find_nth(text, needle, nth):
    """Character offset of the nth (1-based) whole-word occurrence,
    whitespace-insensitive."""
    norm = " ".join(needle.split())
    if not norm:
        return None
    body = r"\s+".join(re.escape(w) for w in norm.split(" "))
    if SUBSTRING_NTH:
        pat = re.compile(body)
    else:
        pat = re.compile((r"(?<!\w)" if norm[0].isalnum() else "") + body
                         + (r"(?!\w)" if norm[-1].isalnum() else ""))
    ms = list(pat.finditer(text))
    if len(ms) < nth:
        return None
    return ms[nth - 1].span()


def read_annotations(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                out.append((n, {"_error": str(e)}))
    return out


def resolve(index, text_of, path, c2p):
    """Yields (problems, records) for one annotation file."""
    problems, records = [], []
    seen = collections.defaultdict(set)
    for n, rec in read_annotations(path):
        where = f"{path}:{n}"
        if "_error" in rec:
            problems.append(f"{where}: not JSON: {rec['_error']}")
            continue
        sid, s = rec.get("story"), rec.get("s")
        if sid not in index:
            problems.append(f"{where}: unknown story {sid!r}")
            continue
        sents = index[sid]["sentences"]
        if not isinstance(s, int) or not 0 <= s < len(sents):
            problems.append(f"{where}: sentence {s!r} out of range")
            continue
        seen[sid].add(s)
        a, b = sents[s]
        stext = text_of(sid)[a:b]
        events = []
        for k, ev in enumerate(rec.get("events") or []):
            w = f"{where} event {k}"
            out = {}
            for field in ("trigger", "source", "target", "claimant"):
                val = ev.get(field)
                if val is None or val == "":
                    if field == "trigger" or (field == "source" and not ev.get("source_code")):
                        problems.append(f"{w}: {field} missing")
                    continue
                span = find_nth(stext, val, int(ev.get(field + "_nth", 1)))
                if span is None:
                    problems.append(f"{w}: {field} {val!r} not in sentence {s}")
                    continue
                out[field] = [a + span[0], a + span[1]]
            for field in ("source_code", "target_code"):
                val = ev.get(field)
                if val is None:
                    if field == "source_code" or ev.get("target"):
                        problems.append(f"{w}: {field} missing")
                    continue
                # Version 1.1: an actor plain from context may have a code
                # and no text.
                if not ACTOR_RE.match(val):
                    problems.append(f"{w}: {field} {val!r} is not a CAMEO actor code")
                out[field] = val
            code = str(ev.get("cameo", ""))
            if not CAMEO_RE.match(code) or len(code) < 3:
                problems.append(f"{w}: cameo {code!r} is not a 3- or 4-digit CAMEO code")
            out["cameo"] = code
            pl = (ev.get("plover") or c2p.get(code) or c2p.get(code[:3]) or c2p.get(code[:2])
                  or STATEMENT_PLOVER.get(code[:3]))
            if pl not in PLOVER:
                problems.append(f"{w}: plover {pl!r} unknown")
            out["plover"] = pl
            mod = ev.get("modality", "asserted")
            if mod not in MODALITIES:
                problems.append(f"{w}: modality {mod!r} unknown")
            out["modality"] = mod
            events.append(out)
        records.append({"story": sid, "s": s, "sentence": [a, b], "events": events})
    for sid in seen:
        missing = set(range(len(index[sid]["sentences"]))) - seen[sid]
        if missing:
            problems.append(f"{path}: story {sid}: sentences without a line: {sorted(missing)[:12]}")
    return problems, records


def texts(extracted, ids):
    docs = selected_docs(extracted, ids)
    return lambda sid: docs[sid]["text"]


def cmd_check(args):
    index = json.load(open(os.path.join(args.packets, "index.json")))
    text_cache = {}

    def text_of(sid):
        if sid not in text_cache:
            fn = os.path.join(args.packets, index[sid]["file"])
            # rebuild the document text from the extract output only when asked
            text_cache[sid] = None
        return text_cache[sid]
    docs = selected_docs(args.extracted, list(index))
    c2p = cameo2plover(args.shared)
    bad = 0
    for path in args.files:
        problems, recs = resolve(index, lambda sid: docs[sid]["text"], path, c2p)
        for p in problems:
            print(p)
        bad += len(problems)
        print(f"{path}: {len(recs)} sentences, {sum(len(r['events']) for r in recs)} events, "
              f"{len(problems)} problems", file=sys.stderr)
    sys.exit(1 if bad else 0)


def cmd_build(args):
    index = json.load(open(os.path.join(args.packets, "index.json")))
    docs = selected_docs(args.extracted, list(index))
    c2p = cameo2plover(args.shared)
    splits = {}
    for line in open(args.splits):
        if line.strip() and not line.startswith("#"):
            sid, split = line.rstrip("\n").split("\t")
            splits[sid] = split
    by_split = collections.defaultdict(list)
    nproblems = 0
    for path in sorted(args.files):
        problems, recs = resolve(index, lambda sid: docs[sid]["text"], path, c2p)
        for p in problems:
            print(p, file=sys.stderr)
        nproblems += len(problems)
        for r in recs:
            split = splits.get(r["story"])
            if split is None:
                print(f"{path}: story {r['story']} has no split", file=sys.stderr)
                continue
            digest = hashlib.sha256(docs[r["story"]]["text"].encode()).hexdigest()[:16]
            r["text_sha256"] = digest
            by_split[split].append(r)
    os.makedirs(args.out, exist_ok=True)
    for split, recs in by_split.items():
        recs.sort(key=lambda r: (r["story"], r["s"]))
        with open(os.path.join(args.out, f"{split}.jsonl"), "w") as f:
            for r in recs:
                f.write(json.dumps(r, sort_keys=True) + "\n")
        print(f"{split}: {len({r['story'] for r in recs})} stories, {len(recs)} sentences, "
              f"{sum(len(r['events']) for r in recs)} events", file=sys.stderr)
    if nproblems:
        print(f"{nproblems} problems (those events or lines were left out)", file=sys.stderr)


def cmd_agree(args):
    index = json.load(open(os.path.join(args.packets, "index.json")))
    docs = selected_docs(args.extracted, list(index))
    c2p = cameo2plover(args.shared)

    def load(files):
        out = {}
        for p in files:
            _, recs = resolve(index, lambda sid: docs[sid]["text"], p, c2p)
            for r in recs:
                out[(r["story"], r["s"])] = r
        return out
    a, b = load(args.a), load(args.b)
    common = sorted(set(a) & set(b))
    # Cohen's kappa on the sentence's event roots: the label of a sentence is
    # the sorted set of roots of its counted events, "none" when empty.
    def label(r):
        roots = sorted({e["cameo"][:2] for e in r["events"]
                        if e["modality"] in ("asserted", "intended", "attempted")})
        return "+".join(roots) or "none"
    la = [label(a[k]) for k in common]
    lb = [label(b[k]) for k in common]
    n = len(common)
    po = sum(x == y for x, y in zip(la, lb)) / n
    ca, cb = collections.Counter(la), collections.Counter(lb)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    # Event-level: match events by (source code country, target code country, root).
    def evs(r):
        return collections.Counter(
            ((e.get("source_code") or "---")[:3], (e.get("target_code") or "")[:3], e["cameo"][:2])
            for e in r["events"] if e["modality"] in ("asserted", "intended", "attempted"))
    tp = fa = fb = 0
    actor_exact = actor_total = 0
    for k in common:
        ea, eb = evs(a[k]), evs(b[k])
        inter = ea & eb
        tp += sum(inter.values()); fa += sum(ea.values()); fb += sum(eb.values())
        # exact actors: full codes on events whose root matches
        fa_full = collections.Counter((e.get("source_code"), e.get("target_code"), e["cameo"][:2])
                                      for e in a[k]["events"])
        fb_full = collections.Counter((e.get("source_code"), e.get("target_code"), e["cameo"][:2])
                                      for e in b[k]["events"])
        ra = collections.Counter(e["cameo"][:2] for e in a[k]["events"])
        rb = collections.Counter(e["cameo"][:2] for e in b[k]["events"])
        actor_total += sum((ra & rb).values())
        actor_exact += sum((fa_full & fb_full).values())
    f1 = 2 * tp / (fa + fb) if fa + fb else 1.0
    res = {"stories": len({k[0] for k in common}), "sentences": n,
           "root_kappa": round(100 * kappa, 2), "sentence_root_agreement": round(100 * po, 2),
           "events_a": fa, "events_b": fb, "event_f1": round(100 * f1, 2),
           "actor_exact_match": round(100 * actor_exact / actor_total, 2) if actor_total else None}
    print(json.dumps(res, indent=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("select"); p.add_argument("extracted", nargs="+"); p.add_argument("--out", required=True)
    p.add_argument("--min-density", type=float, default=4.0)
    p.add_argument("--exclude", nargs="*", help="selection files whose stories to leave out")
    p.add_argument("--quota", nargs="*", help="NAME=N overrides of the stories per source")
    p.set_defaults(f=cmd_select)
    p = sub.add_parser("packets"); p.add_argument("extracted", nargs="+")
    p.add_argument("--selection", required=True); p.add_argument("--out", required=True); p.set_defaults(f=cmd_packets)
    for name, f in (("check", cmd_check), ("build", cmd_build)):
        p = sub.add_parser(name); p.add_argument("files", nargs="+")
        p.add_argument("--extracted", nargs="+", required=True)
        p.add_argument("--packets", required=True)
        p.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
        if name == "build":
            p.add_argument("--splits", required=True); p.add_argument("--out", required=True)
        p.set_defaults(f=f)
    p = sub.add_parser("agree"); p.add_argument("--a", nargs="+", required=True); p.add_argument("--b", nargs="+", required=True)
    p.add_argument("--extracted", nargs="+", required=True); p.add_argument("--packets", required=True)
    p.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    p.set_defaults(f=cmd_agree)
    for p in sub.choices.values():
        p.add_argument("--substring-nth", action="store_true",
                       help="count _nth over any occurrence (files of guidelines 1.0)")
    a = ap.parse_args()
    global SUBSTRING_NTH
    SUBSTRING_NTH = a.substring_nth
    a.f(a)


if __name__ == "__main__":
    main()

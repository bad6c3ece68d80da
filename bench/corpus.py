"""Synthetic corpus for the cleaning benchmark: the five real documents, replicated and perturbed.

``python bench/corpus.py build --docs 500 --out DIR`` writes a corpus to DIR;
``python bench/corpus.py clean DIR`` runs the cleaning step on it and prints one JSON
line with the time of each stage and the peak memory of the process (bench/run.py runs
it in a fresh process per size, so the peak belongs to that size alone).

How a copy differs from its source document:

- the document gets a unique name (``wphf-mali-s0042.txt``) and its figures a unique id
  prefix (``WPHFABQ-007``, still matching ``^[A-Z]+-\\d{3}$``); ``parent_id``,
  ``same_as`` and ``disagrees_with`` links are renamed with them;
- the Malian region names are permuted (whole words, in the text, the quotes and the
  exclusion contexts alike);
- a few lines of the same document that hold no numeric token are inserted again at
  line breaks that no quote, context or bullet list spans, so copies differ in length.

Numbers are left as printed, so the checks' arithmetic holds in every copy and each copy
costs the cleaning step what its source costs. Every variant is verified before use: its
quotes and contexts occur as often as in the source and the coverage audit finds nothing
unaccounted for; a variant that fails falls back to a plain renamed copy.

The synthetic documents are not in the manifest (sources.csv), so the benchmark passes them
to the schema validation itself (``Corpus.documents``: name -> prefix and actor) and calls
the cleaning functions directly on the frames and texts (``clean.clean_figures``,
``coverage.audit``, ``schema.validate_figures``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import string
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.sources import coverage, manifest
from helpers.sources.figures import load_raw_figures

REGIONS = ("Kayes", "Koulikoro", "Sikasso", "Ségou", "Mopti", "Tombouctou", "Gao", "Kidal",
           "Ménaka", "Taoudénit", "Bamako")
_REGION_RE = re.compile(r"\b(" + "|".join(REGIONS) + r")\b")
_BULLET_RE = re.compile(r"^\s*[-•*]\s+")
VARIANTS = 6  # perturbed versions of each source document; copies cycle through them


@dataclass
class Corpus:
    texts: dict[str, str]       # document name -> text
    figures: pd.DataFrame       # figures.csv columns, ``occurrence`` numeric
    exclusions: pd.DataFrame    # coverage_exclusions.csv columns

    @property
    def prefixes(self) -> dict[str, str]:
        """Document name -> figure id prefix."""
        first = self.figures.drop_duplicates("doc")
        return dict(zip(first.doc, first.figure_id.str.split("-").str[0]))

    @property
    def documents(self) -> dict[str, tuple[str, str]]:
        """Document name -> (figure id prefix, actor), as the manifest would give them."""
        actors = dict(zip(self.figures.drop_duplicates("doc").doc, self.figures.drop_duplicates("doc").actor))
        return {doc: (prefix, actors[doc]) for doc, prefix in self.prefixes.items()}


def real() -> Corpus:
    """The five real documents with their annotated figures and exclusions."""
    return Corpus(manifest.read_texts(), load_raw_figures(validate=False), coverage.load_exclusions())


def letters(n: int, width: int = 3) -> str:
    """0 -> 'AAA', 1 -> 'AAB', ...: a figure-id-safe suffix (26**width copies per document)."""
    if n >= 26 ** width:
        raise ValueError(f"at most {26 ** width} copies of a document")
    out = ""
    for _ in range(width):
        n, r = divmod(n, 26)
        out = string.ascii_uppercase[r] + out
    return out


# --- perturbation of one source document -------------------------------------------------


def _permute_regions(rng: random.Random):
    shuffled = list(REGIONS)
    rng.shuffle(shuffled)
    mapping = dict(zip(REGIONS, shuffled))
    return lambda s: _REGION_RE.sub(lambda m: mapping[m.group(1)], s)


def _insert_filler(text: str, spans: list[tuple[int, int]], rng: random.Random, count: int) -> str:
    """``count`` number-free lines of ``text`` inserted again at safe line breaks."""
    lines = text.split("\n")
    filler = [ln for ln in lines if ln.strip() and not coverage.tokens(ln) and not _BULLET_RE.match(ln)
              and not ln.rstrip().endswith(":")]
    if not filler:
        return text
    covered = sorted(spans)
    safe, offset = [], 0
    for i, line in enumerate(lines[:-1]):
        offset += len(line) + 1  # the break after line i is at offset - 1
        nxt = lines[i + 1]
        inside = any(s < offset - 1 < e or s < offset < e for s, e in covered)
        if (not inside and line.strip() and nxt.strip() and not _BULLET_RE.match(line)
                and not _BULLET_RE.match(nxt) and not line.rstrip().endswith(":")):
            safe.append(i + 1)
    for at in sorted(rng.sample(safe, min(count, len(safe))), reverse=True):
        lines.insert(at, rng.choice(filler))
    return "\n".join(lines)


def _spans(text: str, figs: pd.DataFrame, excl: pd.DataFrame) -> list[tuple[int, int]]:
    out = []
    for quote, occ in zip(figs.quote, figs.occurrence):
        start = coverage.find_occurrence(text, quote, int(occ))
        if start >= 0:
            out.append((start, start + len(quote)))
    for context in excl.context:
        out += [(s, s + len(context)) for s in coverage.all_occurrences(text, context)]
    return out


def _counts(text: str, figs: pd.DataFrame, excl: pd.DataFrame) -> list[int]:
    return ([len(coverage.all_occurrences(text, q)) for q in figs.quote]
            + [len(coverage.all_occurrences(text, c)) for c in excl.context])


def _valid(doc: str, text: str, figs: pd.DataFrame, excl: pd.DataFrame, expected: list[int]) -> bool:
    return (_counts(text, figs, excl) == expected
            and not coverage.audit(figs, excl, {doc: text}))


def variants(doc: str, text: str, figs: pd.DataFrame, excl: pd.DataFrame, count: int,
             seed: int) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """``count`` verified (text, figures, exclusions) versions of one document; the first is the original."""
    expected = _counts(text, figs, excl)
    out = [(text, figs, excl)]
    for k in range(1, count):
        rng = random.Random(f"{seed}:{doc}:{k}")
        rename = _permute_regions(rng)
        new_figs = figs.assign(quote=figs.quote.map(rename))
        new_excl = excl.assign(context=excl.context.map(rename))
        new_text = rename(text)
        if not _valid(doc, new_text, new_figs, new_excl, expected):  # a quote cut inside a name
            new_text, new_figs, new_excl = text, figs, excl
        padded = _insert_filler(new_text, _spans(new_text, new_figs, new_excl), rng, rng.randint(1, 6))
        if _valid(doc, padded, new_figs, new_excl, expected):
            new_text = padded
        out.append((new_text, new_figs, new_excl))
    return out


# --- the corpus ----------------------------------------------------------------------------


def build(n_docs: int, seed: int = 0, base: Corpus | None = None, n_variants: int = VARIANTS) -> Corpus:
    """``n_docs`` documents: copy ``c`` of source document ``d`` is document ``c * 5 + d``."""
    base = base or real()
    docs = list(base.texts)
    prefix = base.prefixes
    pool = {d: variants(d, base.texts[d], base.figures[base.figures.doc == d],
                        base.exclusions[base.exclusions.doc == d], n_variants, seed) for d in docs}
    texts, fig_parts, excl_parts = {}, [], []
    for i in range(n_docs):
        copy, k = divmod(i, len(docs))
        d = docs[k]
        text, figs, excl = pool[d][copy % len(pool[d])]
        name = f"{Path(d).stem}-s{copy:04d}.txt"
        old, new = prefix[d] + "-", f"{prefix[d]}{letters(copy)}-"
        texts[name] = text
        fig_parts.append(figs.assign(
            doc=name,
            figure_id=figs.figure_id.str.replace(old, new, regex=False),
            parent_id=figs.parent_id.str.replace(old, new, regex=False),
            same_as=figs.same_as.str.replace(old, new, regex=False),
            disagrees_with=figs.disagrees_with.str.replace(old, new, regex=False)))
        excl_parts.append(excl.assign(doc=name))
    figures = pd.concat(fig_parts, ignore_index=True) if fig_parts else base.figures.iloc[:0]
    exclusions = pd.concat(excl_parts, ignore_index=True) if excl_parts else base.exclusions.iloc[:0]
    return Corpus(texts, figures, exclusions)


def write(corpus: Corpus, folder: Path) -> Path:
    """The corpus as files: reports/*.txt, figures.csv, coverage_exclusions.csv, checksums.sha256."""
    reports = folder / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    sums = []
    for name, text in corpus.texts.items():
        data = text.encode("utf-8")
        (reports / name).write_bytes(data)
        sums.append(f"{hashlib.sha256(data).hexdigest()}  reports/{name}")
    (folder / "checksums.sha256").write_text("\n".join(sums) + "\n")
    corpus.figures.to_csv(folder / "figures.csv", index=False, lineterminator="\n")
    corpus.exclusions.to_csv(folder / "coverage_exclusions.csv", index=False, lineterminator="\n")
    return folder


def read(folder: Path) -> Corpus:
    """A written corpus, read the way the project reads its raw data."""
    names = [line.split(maxsplit=1)[1].removeprefix("reports/")
             for line in (folder / "checksums.sha256").read_text().splitlines()]
    texts = {n: (folder / "reports" / n).read_text(encoding="utf-8") for n in names}
    return Corpus(texts, load_raw_figures(folder / "figures.csv", validate=False),
                  coverage.load_exclusions(folder / "coverage_exclusions.csv"))


def modified_files(folder: Path) -> list[str]:
    """The provenance check of helpers.sources on the corpus: files whose checksum changed."""
    out = []
    for line in (folder / "checksums.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
            out.append(name)
    return out


# --- the cleaning benchmark (one size, in this process) ---------------------------------


def _rss_mb() -> float:
    """Peak resident memory of this process in MB: VmHWM, which starts afresh at exec (ru_maxrss
    would carry over the peak of the parent that forked this process)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def clean_benchmark(folder: Path, target_currency: str = "CHF", rate_year: int = 2023) -> dict:
    """Time every stage of the cleaning step on the corpus in ``folder``; peak RSS of the process."""
    from helpers.cleaning import clean, money
    from helpers.sources import schema

    stages: dict[str, float] = {}
    base_rss = _rss_mb()

    def timed(name, fn, *args):
        t0 = time.perf_counter()
        result = fn(*args)
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - t0
        return result

    started = time.perf_counter()
    corpus = timed("read files", read, folder)
    changed = timed("checksums", modified_files, folder)
    timed("schema validation", schema.validate_figures, corpus.figures, "figures.csv", corpus.documents)
    problems = timed("coverage audit", coverage.audit, corpus.figures, corpus.exclusions, corpus.texts)
    rates = money.load_rates()
    # The sub-steps of clean_figures, timed where clean_figures calls them.
    wrapped = {name: getattr(clean, name) for name in ("parse_figures", "locate_quotes", "reconcile_until_stable")}
    labels = {"parse_figures": "parse numbers", "locate_quotes": "locate quotes",
              "reconcile_until_stable": "reconciliation"}
    try:
        for name, fn in wrapped.items():
            setattr(clean, name, lambda *a, _fn=fn, _label=labels[name]: timed(_label, _fn, *a))
        t0 = time.perf_counter()
        figures, log = clean.clean_figures(corpus.figures, corpus.texts, rates, target_currency, rate_year,
                                           {doc: "" for doc in corpus.texts})
        total_clean = time.perf_counter() - t0
    finally:
        for name, fn in wrapped.items():
            setattr(clean, name, fn)
    stages["other cleaning"] = total_clean - sum(stages[labels[n]] for n in wrapped)
    return {
        "docs": len(corpus.texts), "figures": len(corpus.figures), "exclusions": len(corpus.exclusions),
        "chars": sum(map(len, corpus.texts.values())),
        "seconds": time.perf_counter() - started, "stages": stages,
        "peak_rss_mb": _rss_mb(), "rss_before_mb": base_rss,
        "checksum_mismatches": len(changed), "coverage_problems": len(problems),
        "log_rows": len(log), "statuses": figures.status.value_counts().to_dict(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="write a synthetic corpus")
    b.add_argument("--docs", type=int, required=True, help="number of documents")
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--seed", type=int, default=0)
    c = sub.add_parser("clean", help="benchmark the cleaning step on a written corpus (prints JSON)")
    c.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "build":
        corpus = build(args.docs, args.seed)
        write(corpus, args.out)
        print(f"{len(corpus.texts)} documents, {len(corpus.figures)} figures -> {args.out}")
    else:
        print(json.dumps(clean_benchmark(args.folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Cleaning the report figures
#
# Every figure quoted in the source reports, parsed, checked against the
# reports' own arithmetic, repaired where the evidence pins one reading, and
# flagged where it does not.

# %% tags=["parameters"]
target_currency: str = "CHF"  # currency all money is converted to
rate_year: int = 0  # exchange-rate year; 0 = each amount at the rates of its own period
output_dir: str = ""  # where data outputs are written; empty = data/scratch/<notebook> (the runner publishes to data/processed)

# %% tags=["remove_cell"]

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from helpers import paths
from helpers.cleaning import clean, money, quality
from helpers.cleaning.findings import STATUS_MEANING, STATUSES
from helpers.cleaning.hxl_export import to_hxl_csv
from helpers.files import write_outputs
from helpers.reporting import appendix, style
from helpers.reporting.display import md, show_bullets, show_callout, show_table
from helpers.reporting.registry import notebook_parameters
from helpers.reporting.text import cleaning as words
from helpers.sources import checksums, context, coverage, manifest
from helpers.sources.figures import load_raw_figures

params = notebook_parameters("01_clean_figures", globals())
out_dir = paths.output_dir(params, "01_clean_figures")

changed = checksums.modified_raw_files()
if changed:
    raise RuntimeError(f"raw data was modified (checksum mismatch): {changed}")
texts = manifest.read_texts()
raw = load_raw_figures()
problems = coverage.audit(raw, coverage.load_exclusions(), texts)
if problems:
    raise RuntimeError("coverage audit failed:\n" + "\n".join(map(str, problems[:20])))
figures, log = clean.clean_figures(raw, texts, money.load_rates(),
                                   params["target_currency"], params["rate_year"])
figures = figures.join(context.contexts(figures, paths.RAW_REPORTS), on="figure_id")  # where each quote sits
written = write_outputs({
    "figures.csv": figures,
    "cleaning_log.csv": log,
    "figures_hxl.csv": to_hxl_csv(figures),
}, out_dir)

# %% [markdown]
# ## Summary

# %% tags=["remove_input"]
show_bullets(words.summary_sentences(figures, log, dict(zip(manifest.manifest().file, manifest.manifest().title))))
show_callout("Read this before you use these numbers", words.read_first(figures))

# %% [markdown]
# ## Data quality by document

# %% tags=["remove_input"]
documents = manifest.manifest().set_index("file")
by_doc = quality.status_counts(figures, "doc")
show_table(by_doc.assign(doc=[documents.title.get(d, d) for d in by_doc.doc]).rename(columns={"doc": "document"}),
           caption="Figures per cleaning status, by source document")

# %% tags=["remove_input"]
style.use()
palette = dict(zip(STATUSES, ["#b2182b", "#ef8a62", "#999999", "#67a9cf", "#d1e5f0", "#2166ac"]))
counts = figures.groupby(["doc", "status"]).size().unstack(fill_value=0).reindex(
    columns=list(STATUSES), fill_value=0)
share = counts.div(counts.sum(axis=1), axis=0)
share.index = [f"{documents.actor[d]} ({documents.period_covered[d] or 'period not stated'})" for d in share.index]
fig, ax = plt.subplots(figsize=(style.WIDTH, 1.4 + 0.62 * len(share)), layout="constrained")
share.plot.barh(stacked=True, color=[palette[s] for s in share.columns], ax=ax, legend=False)
ax.set_xlabel("share of the document's figures")
ax.set_ylabel("")
ax.invert_yaxis()
style.legend_below(fig, ax.get_legend_handles_labels()[0])
sns.despine()
style.show(fig, title=words.status_title(figures), alt=words.status_alt(counts), marks=len(share),
           source=style.source_line(manifest.manifest()))

# %% tags=["remove_input"]
if documents.actor.duplicated().any():  # by actor says more than by document only when an actor has several
    show_table(quality.status_counts(figures, "actor"), caption="Figures per cleaning status, by actor")

# %% [markdown]
# ## What was changed or doubted, and why
#
# Each warning of the checks, with the figures involved (each links to its quote in the
# appendix); then the informational findings, counted (they are all in cleaning_log.csv).

# %% tags=["remove_input"]
show_table(words.findings_for_reading(log[log.severity != "info"], figures),
           caption="Warnings of the reconciliation checks (each figure's quote in context: its row in the appendix)")
display(md("{s}", s=words.info_sentence(log)))

# %% [markdown]
# ## Bounds and estimates
#
# Figures printed with a qualifier ("at least", "over", "about") are kept, but as
# bounds or estimates rather than exact counts.

# %% tags=["remove_input"]
bounds = figures[figures.status == "bound"]
show_table(pd.DataFrame({"figure": bounds.figure_id, "printed": bounds.value_raw,
                         "read as": bounds.qualifier.str.replace("_", " ")}),
           caption="Bounds and estimates (each figure's quote in context: its row in the appendix)")

# %% [markdown]
# ## Methods
#
# - **Parsing**: each printed number (`value_raw`) is parsed with its qualifier, currency,
#   scale suffix and percent sign; malformed digit groups (e.g. `25,6140`) keep all
#   plausible readings.
# - **Checks**: parts against totals (sex, age, location, listed breakdowns), totals split
#   two ways (sex × place), percentages against their counts, statements of the same
#   measure (repeats, rounded summary tables), near-verbatim repeated statements,
#   stated counts against listed items, and plausibility.
# - **Repairs**: a number is changed only when exactly one reading satisfies the arithmetic;
#   the original stays in `value_raw`, the rule in the cleaning log.
# - **Money** is converted to the target currency with the cited rates in
#   `data/raw/exchange_rates.csv`.

# %% tags=["remove_input"]
show_table(
    pd.DataFrame({"status": list(STATUS_MEANING), "meaning": list(STATUS_MEANING.values())}),
    caption="Cleaning statuses")
rates_said = (f"**{params['rate_year']}** rates" if params["rate_year"] else
              "the rates of its own period (column `rate_years`)")
md(f"Money converted to **{params['target_currency']}** at {rates_said}. The data files are listed under "
   "Provenance.")

# %% [markdown]
# ## Appendix: the figures named in this report
#
# Each figure a warning, a repair or a bound above names, with the sentence it comes from in
# its context, its printed and cleaned value and its status. Every other figure (the
# restatements of the informational findings among them) is in the figure register; the
# documents are kept verbatim in data/raw/reports/.

# %% tags=["remove_input"]
named = [i for ids in log[log.severity != "info"].figure_ids for i in ids.split()]
appendix.show_appendix([*named, *figures.figure_id[figures.status.isin(("repaired", "bound"))]], figures,
                       manifest.manifest())

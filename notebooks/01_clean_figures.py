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
from helpers.reporting.display import md, show_table
from helpers.reporting.registry import notebook_parameters
from helpers.reporting.text import cleaning as words
from helpers.sources import checksums, coverage, manifest
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
written = write_outputs({
    "figures.csv": figures,
    "cleaning_log.csv": log,
    "figures_hxl.csv": to_hxl_csv(figures),
}, out_dir)

# %% [markdown]
# ## Summary

# %% tags=["remove_input"]
md("\n".join(f"- {s}" for s in words.summary_sentences(figures, log)))

# %% [markdown]
# ## Data quality by document

# %% tags=["remove_input"]
by_doc = quality.status_counts(figures, "doc")
show_table(by_doc, caption="Figures per cleaning status, by source document")

# %% tags=["remove_input"]
palette = dict(zip(STATUSES, ["#b2182b", "#ef8a62", "#999999", "#67a9cf", "#d1e5f0", "#2166ac"]))
counts = figures.groupby(["doc", "status"]).size().unstack(fill_value=0).reindex(
    columns=list(STATUSES), fill_value=0)
share = counts.div(counts.sum(axis=1), axis=0)
ax = share.plot.barh(stacked=True, color=[palette[s] for s in share.columns], figsize=(8, 3.2))
ax.set_xlabel("share of the document's figures")
ax.set_ylabel("")
usable = figures.status.isin(("ok", "bound")).mean()
ax.set_title(f"{usable:.0%} of figures are usable as printed; the rest are repaired, "
             "duplicates or flagged", loc="left")
ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), frameon=False)
sns.despine()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Data quality by actor

# %% tags=["remove_input"]
show_table(quality.status_counts(figures, "actor"), caption="Figures per cleaning status, by actor")

# %% [markdown]
# ## What was changed or doubted, and why
#
# Each finding of the checks, with the quotes involved. Warnings first.

# %% tags=["remove_input"]
detail = words.findings_with_quotes(log[log.check != "qualifier"], figures)
show_table(detail[["severity", "check", "figure_id", "status", "printed", "quote", "message", "action"]],
           caption="Findings of the reconciliation checks")

# %% [markdown]
# ## Bounds and estimates
#
# Figures printed with a qualifier ("at least", "over", "about") are kept, but as
# bounds or estimates rather than exact counts.

# %% tags=["remove_input"]
bounds = figures[figures.status == "bound"]
show_table(bounds[["figure_id", "value_raw", "qualifier", "quote"]], caption="Bounds and estimates")

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
md(f"Money converted to **{params['target_currency']}** at {rates_said}. "
   f"Outputs: " + ", ".join(f"`{p.name}`" for p in written.values()) + ".")

# %% [markdown]
# ## Sources

# %% tags=["remove_input"]
show_table(manifest.manifest()[["file", "publisher", "title", "published", "period_covered"]],
           caption="Source documents (kept verbatim in data/raw/reports/)")

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
# # Actor profile
#
# Everything the documents let us say about one actor: whom it reached, how many of them
# were women and girls, what reaching one person cost, and every figure behind those numbers.

# %% tags=["parameters"]
actor: str = ""  # the actor profiled, as named in data/raw/actors.csv
output_dir: str = ""  # where data outputs are written; empty = data/scratch/<notebook> (the runner publishes to data/processed)
input_dir: str = ""  # folder holding the outputs of 02_gender_reach and 03_cost_per_beneficiary; empty = data/processed

# %% tags=["remove_cell"]
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from helpers import paths
from helpers.analysis.costs.records import load_supplementary
from helpers.files import write_outputs
from helpers.parameters import ParameterError
from helpers.reporting import appendix, results as published, style
from helpers.reporting.display import md, show_bullets, show_callout, show_table
from helpers.reporting.registry import notebook_parameters
from helpers.reporting.text import gender_tables as tables, profile as words
from helpers.reporting.text.formats import fmt_count
from helpers.sources import manifest, vocab

params = notebook_parameters("04_actor_profile", globals())
out_dir = paths.output_dir(params, "04_actor_profile")
ACTOR = params["actor"]
if not ACTOR:
    raise ParameterError("04_actor_profile", "actor", "no actor given (the runner makes one profile per actor)",
                         ", ".join(manifest.actors()))
everything = published.load(paths.input_dir(params))
res = everything.for_actor(ACTOR)
documents = manifest.manifest()
docs = documents[documents.actor == ACTOR]
uses = words.figures_used(res)

written = write_outputs({"profile_figures_used.csv": pd.DataFrame(
    {"figure_id": list(uses), "used_as": list(uses.values())})}, out_dir)
style.use()

# %% [markdown]
# ## Summary

# %% tags=["remove_input"]
show_bullets(words.summary(ACTOR, res, docs))
show_callout("Read this before you use these numbers", words.read_first(res))

# %% [markdown]
# ## Reach by sex

# %% tags=["remove_input"]
units = res.units
if units.empty:
    display(md("{s}", s=f"{ACTOR}'s documents give no counts of people reached directly."))
else:
    display(md("Every figure counting people this actor reached directly, with its women, men and people of "
               'unstated sex. A figure printed as a bound ("at least", "over") is labelled.'))
if words.organisations_sentence(ACTOR, res):
    display(md("{s}", s=words.organisations_sentence(ACTOR, res)))
if not units.empty:
    by_theme = res.themes[res.themes.people_high > 0]
    if len(by_theme) >= 2:
        order = by_theme.sort_values("people_high", ascending=False).reset_index(drop=True)
        labels = [style.wrap(vocab.label("theme", t), 28) for t in order.theme]
        fig, ax = plt.subplots(figsize=(style.WIDTH, 1.3 + 0.55 * len(order)), layout="constrained")
        for sex, column, marker, nudge in zip(style.SEX_ORDER, ("people_female", "people_male", "people_sex_unknown"),
                                              ("o", "s", "D"), (-0.15, 0.0, 0.15)):  # close values stay apart
            values = order[column].astype(float)
            shown = values > 0  # a sex nobody states is not drawn as 0
            if shown.any():
                ax.scatter(values[shown], order.index[shown] + nudge, marker=marker, s=55, zorder=3,
                           color=style.SEX_PALETTE[sex], label=style.SEX_LABELS[sex])
        ax.set_yticks(order.index, labels)
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt_count(x)))
        ax.set_xlabel("people counted (at most; logarithmic scale)")
        style.legend_below(fig, ax.get_legend_handles_labels()[0])
        sns.despine(left=True)
        style.show(fig, title=words.theme_title(ACTOR, order), alt=words.theme_alt(order, labels),
                   source=style.source_line(docs), marks=int((order[["people_female", "people_male",
                                                                      "people_sex_unknown"]].astype(float) > 0).sum().sum()))
    show_table(tables.units_for_reading(units),
               caption=f"{ACTOR}: figures of people reached directly (women, men, sex not stated)")

# %% [markdown]
# ## Women in the groups the documents describe

# %% tags=["remove_input"]
if res.groups.empty:
    display(md("{s}", s=f"{ACTOR}'s documents give no share of women among leaders, members or trainees."))
else:
    show_table(tables.readable(res.groups[["group", "figure_ids", "people", "women", "men", "women_share",
                                           "printed_share", "basis"]]),
               caption="Groups whose size and number of women the documents give (women ÷ group size)")

# %% [markdown]
# ## Targets (not reach)

# %% tags=["remove_input"]
targets = res.targets[res.targets.figures > 0]
if targets.empty:
    display(md("{s}", s=words.targets_sentence(ACTOR, res)))
else:
    show_table(tables.readable(targets[["report_period", "figures", "people_low", "people_high", "people_female",
                                        "people_male", "people_sex_unknown", "note"]]),
               caption="People the programmes plan to reach, never added to reach")

# %% [markdown]
# ## Cost per beneficiary

# %% tags=["remove_input"]
display(md("{s}", s=words.cost_sentence(res)))
pairs = words.pairs_table(res)
if len(pairs) > 1:
    show_table(pairs, caption=f"Every money amount of {ACTOR} that could be divided by the people it paid for")
sens = res.sensitivity
if len(sens):
    show_table(sens.assign(low=sens.low.map("{:,.1f}".format), high=sens.high.map("{:,.1f}".format))[[
        "factor", "low", "high", "detail"]], caption="How far the headline moves with each choice")

# %% [markdown]
# ## Population context (not reach)

# %% tags=["remove_input"]
if res.context.empty:
    display(md("{s}", s=f"{ACTOR}'s documents give no population-context figures."))
else:
    show_table(tables.readable(res.context[["figure_id", "report_period", "indicator", "reach_kind", "value",
                                            "status"]]),
               caption="Population of the areas covered, people in need, at risk or displaced: shown apart")

# %% [markdown]
# ## Methods
#
# This page shows what the gender report and the cost report of the same run computed for
# this actor; their Methods sections say how. Reach, shares and parity come from
# [the gender report](02_gender_reach.html), costs and their grades from
# [the cost report](03_cost_per_beneficiary.html).

# %% [markdown]
# ## Appendix: the figures behind this profile

# %% tags=["remove_input"]
if uses:
    appendix.show_appendix(uses, everything.figures, documents, load_supplementary(), uses)
else:
    display(md("{s}", s="No figure of this actor was used by either analysis."))

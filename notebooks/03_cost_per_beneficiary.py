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
# # Cost per beneficiary across actors
#
# What does it cost each actor to reach one person, and how far can that comparison be
# trusted? Money figures from the source reports (and cited amounts published elsewhere) are
# matched only to beneficiary counts of the same kind, programme, period and place; every
# actor without such a pair is named, with what would be needed.

# %% tags=["parameters"]
target_currency: str = "CHF"  # currency every amount is shown in
rate_year: int = 0  # exchange-rate year; 0 = each amount at the rates of its own period (no inflation adjustment either way)
household_size: float = 0.0  # people per household; 0 = the median of the cited sizes (household_size.csv), whose range gives the low and high ends
cost_definitions: list[str] = ["expenditure", "allocation", "funding_requirement", "budget", "funding", "funding_reported"]  # kinds of money divided by beneficiaries
beneficiary_definitions: list[str] = ["people_reached", "households_reached", "people_targeted", "households_targeted", "organisations_supported"]  # kinds of count used as denominators
actors: list[str] = []  # actors in the report; empty = every actor in the data
include_flagged: bool = False  # also use figures flagged inconsistent or ambiguous (including those an annotator doubts)
output_dir: str = ""  # where data outputs are written; empty = data/scratch/<notebook> (the runner publishes to data/processed)
input_dir: str = ""  # folder holding the clean figures of 01_clean_figures; empty = data/processed

# %% tags=["remove_cell"]
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, NullFormatter
import pandas as pd
import seaborn as sns

from helpers import paths
from helpers.analysis import beneficiaries
from helpers.analysis.costs import matching, records as money_records, sensitivity, table as output
from helpers.cleaning import money
from helpers.files import write_outputs
from helpers.reporting import appendix, style
from helpers.reporting.display import md, show_bullets, show_callout, show_table
from helpers.reporting.registry import notebook_parameters
from helpers.reporting.text import costs as words, costs_summary as summary
from helpers.sources import manifest
from helpers.sources.figures import load_clean_figures

params = notebook_parameters("03_cost_per_beneficiary", globals())
out_dir = paths.output_dir(params, "03_cost_per_beneficiary")

figures = load_clean_figures(paths.input_dir(params))
sizes = beneficiaries.load_household_sizes()
settings = money_records.settings_from(params, sizes.mean_household_size)
counts = beneficiaries.denominators(figures)
inputs = money_records.build_inputs(figures, money_records.load_supplementary(), money.load_rates(), counts)

table = words.with_notes(output.cost_table(inputs, settings))
sens = sensitivity.sensitivity(inputs, settings, table)
flagged = output.flagged_pairs(inputs, settings) if not settings.include_flagged else table.iloc[0:0]
records = inputs.records[inputs.records.actor.isin(settings.actors)]
used = output.figures_used(table, flagged, records, counts)
in_use = records[records.record_id.isin(used.id)]
used_rates = money.rates_used(zip(in_use.currency, in_use.period), settings.target_currency,
                              settings.rate_year, inputs.rates)

written = write_outputs({
    "cost_per_beneficiary.csv": table[matching.OUTPUT_COLUMNS],
    "cost_records.csv": records.drop(columns=["years"]),
    "cost_denominators.csv": counts[counts.actor.isin(settings.actors)].drop(columns=["years"]),
    "cost_sensitivity.csv": words.sensitivity_table(sens),
    "cost_figures_used.csv": used,
}, out_dir)

style.use()
colours = style.actor_colours()
documents = manifest.manifest()
ccy = settings.target_currency
rates_said = summary.rate_phrase(settings)


def rounded(df: pd.DataFrame) -> pd.DataFrame:
    """Amounts as the summary prints them."""
    return df.assign(**{c: df[c].map(words.fmt_number) for c in ("low", "high", "baseline")})


# %% [markdown]
# ## Summary

# %% tags=["remove_input"]
show_bullets(summary.summary_sentences(table, sens, settings, records))
show_callout("Read this before you use these numbers", summary.read_first(table, settings))

# %% [markdown]
# ## Every actor
#
# One row per actor: its headline figure with its range, or the plain words and what
# would be needed to compute one.

# %% tags=["remove_input"]
show_table(words.actor_table(table), caption=f"Headline per actor ({ccy}, {rates_said})")

# %% [markdown]
# ## The comparison
#
# Each line runs from the low to the high value of a pair; the dot is the central value, and
# its value is printed on the right. Each actor's headline is in bold; the other pairs are
# shown for context. A triangle marks a lower bound; a hollow dot a pair that rests on flagged
# figures and is not part of the results. The scale is logarithmic.

# %% tags=["remove_input"]
rows = summary.comparison_frame(table, flagged, settings.actors)
priced = rows[rows.central.notna()].reset_index(drop=True)
if len(priced) < 2:
    display(md("{s}", s=summary.comparison_sentence(rows, settings)))
else:
    fig, ax = plt.subplots(figsize=(style.WIDTH, 0.8 * len(priced) + 1.3), layout="constrained")
    for i, r in enumerate(priced.itertuples()):
        colour = colours[r.actor]
        ax.hlines(i, r.low, r.high, color=colour, lw=4, alpha=0.5)
        ax.scatter(r.central, i, marker=">" if r.bound == "lower bound" else "o", s=60, zorder=3,
                   color="white" if r.flagged_only else colour, edgecolor=colour)
    ax.set_yticks(range(len(priced)), [style.wrap(label.replace("\n", " "), 30) for label in priced.label])
    for label, headline in zip(ax.get_yticklabels(), priced.headline):
        label.set_fontweight("bold" if headline else "normal")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(priced) - 0.5, -0.5)
    style.row_values(ax, [style.wrap(words.fmt_value(r).replace(f"{ccy} ", ""), 18) for r in priced.itertuples()],
                     bold=priced.headline)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}" if x >= 1 else f"{x:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.grid(axis="x", color="#dddddd", lw=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(f"{ccy} per person (log scale)")
    sns.despine(left=True)
    style.show(fig, title=summary.comparison_title(rows, settings), alt=summary.comparison_alt(priced, settings),
               source=style.source_line(documents[documents.actor.isin(priced.actor)]), marks=len(priced))
unpriced = [a for a in settings.actors if a not in set(priced.actor)]
if unpriced:
    display(md("Not in the chart, for want of a cost per beneficiary: {a}.", a=", ".join(unpriced)))

# %% [markdown]
# ## How far the figures move
#
# Each bar shows how an actor's headline moves when one choice is changed and the others are
# kept: how much the counts overlap, the household size, which counts are taken as
# beneficiaries, the year of the exchange rates, and whether flagged figures count. The
# vertical line is the headline.

# %% tags=["remove_input"]
if sens.empty:
    display(md("No actor has a headline cost per beneficiary, so there is nothing to vary."))
else:
    def tornado(data, **_):
        ax = plt.gca()
        data = data.assign(spread=data.high / data.low).sort_values("spread")
        ax.barh(data.factor, data.high - data.low, left=data.low, height=0.6,
                color=colours[data.actor.iloc[0]])
        ax.axvline(data.baseline.iloc[0], color="#333333", lw=1)
        for y, r in enumerate(data.itertuples()):
            if r.high - r.low <= 1e-9 * r.baseline:
                ax.text(r.baseline, y, "  no effect", va="center", color="#555555")
        if data.high.max() / data.low.min() > 3:
            ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: words.fmt_number(x)))
        ax.xaxis.set_minor_formatter(NullFormatter())

    grid = sns.FacetGrid(sens, row="actor", sharex=False, sharey=False, height=2.2, aspect=style.WIDTH / 2.2)
    grid.map_dataframe(tornado)
    grid.set_titles("{row_name}")
    grid.set_axis_labels(f"{ccy} per person", "")
    style.show(grid.figure, title=summary.tornado_title(sens), alt=summary.tornado_alt(sens),
               source=style.source_line(documents[documents.actor.isin(sens.actor)]),
               marks=len(sens))
    show_table(rounded(words.sensitivity_table(sens)), caption=f"Sensitivity of each headline ({ccy} per beneficiary)")

# %% [markdown]
# ## All matched pairs
#
# Every pair of a money figure and the counts it fits, with its definitions. Where several
# counts fit, "counted" gives the unique-people bounds: the largest count and their sum.

# %% tags=["remove_input"]
show_table(words.pairs_for_reading(table[table.measure == "cost per beneficiary"]),
           caption=f"Cost per beneficiary, every matched pair ({ccy}, {rates_said})")
if len(flagged):
    show_table(words.pairs_for_reading(flagged),
               caption="Pairs that rest on flagged figures: not in the results unless flagged figures are included")

# %% [markdown]
# ## Value per beneficiary (not cost)
#
# Money that beneficiaries earned or raised, divided by the people counted in the same
# sentence. It says what participants gained, not what the programme cost.

# %% tags=["remove_input"]
values = table[table.measure == "value per beneficiary"]
if values.empty:
    display(md("None of the chosen actors reports money earned or raised by its beneficiaries."))
else:
    show_table(words.pairs_for_reading(values), caption=f"Value per beneficiary ({ccy})")

# %% [markdown]
# ## Cost records
#
# Every money figure, classified by what it is. Only costs (money spent, received, asked for
# or allocated) can be divided by beneficiaries.

# %% tags=["remove_input"]
show_table(words.records_for_reading(records), caption="Money figures of the reports and the supplementary table")
show_table(words.supplementary_status(*output.supplementary(inputs, settings), table),
           caption="Amounts published outside the source reports (data/raw/costs_supplementary.csv)")

# %% [markdown]
# ## Beneficiary denominators

# %% tags=["remove_input"]
show_table(words.denominators_for_reading(beneficiaries.denominator_summary(counts, settings.actors)),
           caption="Usable beneficiary counts per actor and definition (bounds across all programmes, for orientation)")

# %% [markdown]
# ## Caveats

# %% tags=["remove_input"]
for sentence in summary.caveats(table, flagged, records, used_rates, settings):
    display(md("- {s}", s=sentence))

# %% [markdown]
# ## Methods
#
# - **Cost records**: every money figure of the clean figures and of the cited supplementary
#   table, classified as a cost (expenditure, funding received, requirement, allocation,
#   budget, funding reported by a partner) or as value to beneficiaries (income, finance
#   raised, profit). Duplicates are never used; figures flagged inconsistent or ambiguous,
#   including those an annotator doubts (`doubt`: a table column that looks shifted, a value
#   implausible as printed, an unclear unit), only when flagged figures are included. Figures printed as bounds are
#   used, and the result is labelled as a bound.
# - **Matching**: expenditure is divided by people reached; requirements, allocations and
#   budgets by people targeted; funding by people targeted or organisations funded. A pair
#   needs the same actor, the same programme or one of its sub-programmes (read from the
#   parent links between money figures), overlapping years and a fitting place. A
#   supplementary amount joins the programme its description names.
# - **Unique people**: counts that are parts of another count (by sex, place, sub-activity,
#   or a restatement of such a part) are not counted again. Counts that cannot be the same
#   people (different places: two regions of one country or two countries; or a count of
#   women only and a count of men only) are added; counts that can overlap are not. The lower
#   bound of unique people is the largest total of counts that pairwise cannot overlap, the
#   upper bound the sum of all counts (the same rule as the gender report). Low = money / the
#   most people (upper bound, largest household size); high = money / the fewest (lower bound,
#   smallest household size); central = money / the midpoint at the chosen household size.
# - **Bounds and estimates**: amounts or counts printed with "more than", "at least",
#   "about" enter at their printed value and make the result a bound or an estimate, said in
#   every row and in the summary.
# - **Households** are converted to people with the household-size parameter (by default the
#   median of the cited sizes in data/raw/household_size.csv); the smallest and largest cited
#   sizes give the low and high values. The cited sizes use different household concepts
#   (a DHS-style household, a national survey's larger *ménage*, a programme's own ratio).
# - **Money** is converted from its own currency at the rates of its own period by default
#   (the mean of the annual rates of the years the amount's period spans, from the cited
#   rates in data/raw/exchange_rates.csv), or at one forced rate year; there is no deflator,
#   so amounts stay nominal. The same amount found in a report and in the supplementary table
#   (same actor, currency, kind and amount) is counted once, as the report's.
# - **No cost per beneficiary**: "no cost data in the sources" only where no amount of money
#   exists for the actor; where amounts exist but none can be paired with people (another
#   period, another programme, several countries, not a cost), the report says "amounts found,
#   none can be paired" and gives the reason for each.
# - **What a headline rests on**: every value in the summary says what was divided by what,
#   whether its amount is disputed (and what the figure would be with the statement it
#   disagrees with), whether one count carries most of the people, and what its range means.

# %% tags=["remove_input"]
how = ("the median of the cited sizes below" if not params["household_size"]
       else "set by the reader" + ("" if settings.household_size in set(sizes.mean_household_size)
                                   else ", not one of the cited sizes below"))
display(md("Household size used: {size} people per household ({how}); the smallest and largest cited sizes give "
           "the low and high values.", size=f"{settings.household_size:g}", how=how))
show_table(sizes[["country", "mean_household_size", "year", "source", "quote", "note"]].rename(columns={
    "mean_household_size": "people per household", "quote": "quoted"}),
    caption="Cited household sizes (data/raw/household_size.csv)")
show_table(words.rates_for_reading(used_rates), caption=f"Exchange rates used: {rates_said}")

# %% [markdown]
# ## Appendix: every figure used
#
# Each money figure and count behind a row of this report, with the sentence it comes from
# in its context (supplementary amounts: their publication), its printed and used value and
# its status: every figure id above links here.

# %% tags=["remove_input"]
appendix.show_appendix(used.id, figures, documents, money_records.load_supplementary(),
                       uses={r.id: f"{r.role}: {r.used}" for r in used.itertuples()})

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
# # Gender-disaggregated reach
#
# For each actor: whom did they reach, how many of them were women and girls, and how much
# can we even tell, given that many reach figures are not broken down by sex at all.

# %% tags=["parameters"]
actors: list[str] = []  # actors to analyse; empty = every actor in the data
indicators: list[str] = ["people_reached", "people_trained", "people_sensitized", "members", "leaders"]  # kinds of direct reach counted; add people_covered_by_plans or population_context to count context as reach; targets are always apart
themes: list[str] = []  # themes to keep; empty = all
period: str = ""  # period a source report covers (as in sources.csv, e.g. 2021, 2023); empty = all
include_flagged: bool = False  # also use figures the cleaning flagged inconsistent or ambiguous (bounds and estimates are always used, labelled)
min_group_size: int = 10  # fewest people behind a share or parity index for it to be shown
output_dir: str = ""  # where data outputs are written; empty = data/scratch/<notebook> (the runner publishes to data/processed)
input_dir: str = ""  # folder holding the clean figures of 01_clean_figures; empty = data/processed

# %% tags=["remove_cell"]

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from helpers import paths
from helpers.analysis.gender import groups as women, metrics, model as share_model, selection, trace, units as reach
from helpers.files import write_outputs
from helpers.reporting import appendix, style
from helpers.reporting.display import md, show_bullets, show_callout, show_table
from helpers.reporting.registry import notebook_parameters
from helpers.reporting.text import gender as words, gender_tables as tables
from helpers.reporting.text.formats import fmt_count, fmt_share
from helpers.sources import manifest, vocab
from helpers.sources.figures import load_clean_figures

params = notebook_parameters("02_gender_reach", globals())
out_dir = paths.output_dir(params, "02_gender_reach")
sel = selection.Selection.from_params(params)
min_n = params["min_group_size"]

figures = load_clean_figures(paths.input_dir(params))
nothing = selection.empty_selection(figures, sel)  # a selection without figures gives a short report, not an error
periods = selection.actor_periods(sel)

units, roles = reach.reach_units(figures, sel)
target_units, target_roles = reach.reach_units(figures, sel, selection.target_indicators(), classes=("target",))
context = trace.context_figures(figures, sel)
shares = women.printed_shares(figures, sel)
groups = women.women_share_groups(units, shares, figures, min_n)
model = share_model.fit_share_model(units)

reach_by_actor = words.with_notes(metrics.by_actor(units, sel.actors, min_n, periods))
targets_by_actor = words.with_notes(metrics.by_actor(target_units, sel.actors, min_n, periods))
by_theme = words.with_notes(metrics.summarise(units, ["actor", "theme"], min_n))
by_programme = words.with_notes(metrics.summarise(
    units.assign(implementer=units.implementer.replace("", "(lead actor)"),
                 programme=units.programme.replace("", "not stated")),
    ["actor", "programme", "implementer"], min_n))
by_region = words.with_notes(metrics.summarise(units.assign(region=units.region.replace("", "not stated")),
                                               ["actor", "region"], min_n))
used = trace.appendix(figures, {
    "reach": roles, "targets": target_roles,
    "women's share": shares.assign(role="printed share of women", of=shares.parent_id)[["figure_id", "role", "of"]],
})
dropped = trace.left_out(figures, sel, used.figure_id)

written = write_outputs({
    "gender_reach_by_actor.csv": reach_by_actor,
    "gender_reach_by_theme.csv": by_theme,
    "gender_reach_by_programme.csv": by_programme,
    "gender_reach_by_region.csv": by_region,
    "gender_reach_units.csv": units,
    "gender_population_context.csv": context,
    "gender_targets_by_actor.csv": targets_by_actor,
    "gender_women_share_groups.csv": groups,
    "gender_share_model.csv": model.table,
    "gender_figures_used.csv": used,
}, out_dir)

style.use()
ACTOR_ORDER = list(sel.actors)
documents = manifest.manifest()

# %% [markdown]
# ## Summary

# %% tags=["remove_input"]
show_bullets(([f"No figures for this selection: {nothing}."] if nothing else []) + words.summary_sentences(
    reach_by_actor, units, targets_by_actor, groups, model, context, reach.largest_households(figures, sel)))
display(md("Selection: actors {a}; period {p}; themes {t}; flagged figures {f}. Each actor's reach and cost on "
           "one page: its profile, linked from [the overview](index.html).",
           a=", ".join(sel.actors), p=sel.period or "all", t=", ".join(sel.themes) or "all",
           f="included" if sel.include_flagged else "left out"))
show_callout("Read this before you use these numbers", words.read_first(reach_by_actor, model, context, groups))

# %% [markdown]
# ## Reach by sex
#
# Each bar is all the people an actor's figures count, split into women and girls, men and
# boys, and people whose sex the source does not state. The counts can include the same
# person more than once when activities overlap (see Methods), so the bar shows the make-up
# of what was reported, not of unique people.

# %% tags=["remove_input"]
if (reach_by_actor.people_high > 0).sum() < 2:
    display(md("{s}", s=tables.sentence_reach_by_sex(reach_by_actor)))
else:
    rows = reach_by_actor.assign(row=[tables.row_name(r) for r in reach_by_actor.itertuples()])
    fig = style.sex_share_bars(metrics.sex_composition(rows, by="row"), list(rows.row),
                               [f"{fmt_count(r.people_high)} people" if r.people_high else "no counts"
                                for r in reach_by_actor.itertuples()])
    style.show(fig, title=tables.title_reach_by_sex(reach_by_actor), alt=tables.alt_reach_by_sex(rows),
               source=style.source_line(documents[documents.actor.isin(rows.actor[rows.people_high > 0])]),
               marks=len(rows))

# %% tags=["remove_input"]
show_table(tables.readable(tables.ages_stated(reach_by_actor)[[
    "actor", "report_period", "figures", "people_low", "people_high", "people_female", "people_girls",
    "people_male", "people_boys", "people_sex_unknown", "women_only_people"]]),
    caption="People reached directly per actor and period, by sex and age (at least = the figures that cannot "
            "count the same people, added; at most = every figure added; women and girls, men and boys and sex "
            "not stated add up to 'at most'; 'not stated' where no figure states that sex or age)")
show_table(tables.readable(reach_by_actor[[
    "actor", "report_period", "figures_with_sex", "figures_both_sexes", "figure_coverage",
    "disaggregation_coverage", "female_share", "parity_index", "female_share_low", "female_share_high", "note"]]),
    caption="Gender metrics per actor and period (women's share and parity index only from figures that "
            "count both women and men)")

# %% [markdown]
# ## Women's share against parity, by actor and theme
#
# Share of women and girls per actor and theme, computed only on the figures that count both
# women and men (a women-only activity has no men to compare with). Hollow
# markers: those figures hold less than half of the people counted, so the share describes
# only a small, possibly unrepresentative part of the reach. Larger markers: more people of
# known sex. The grey band is parity (a women-to-men ratio between 0.97 and 1.03).

# %% tags=["remove_input"]
shown = by_theme.dropna(subset=["female_share"])
if len(shown) < 2:
    display(md("{s}", s=tables.sentence_share_vs_parity(shown, min_n)))
else:
    shown = shown.assign(order=shown.actor.map(ACTOR_ORDER.index)).sort_values(["order", "female_share"])
    fig, ax = plt.subplots(figsize=(style.WIDTH, 1.6 + 0.4 * len(shown)), layout="constrained")
    style.add_parity_band(ax)
    y = pd.Series(range(len(shown)), index=shown.index)
    full = tables.speaks_for_group(shown)
    sizes = 30 + 170 * shown.both_sexes_people.rank(pct=True)
    colour = style.SEX_PALETTE["female"]
    ax.scatter(shown.female_share[full], y[full], s=sizes[full], color=colour, zorder=3)
    ax.scatter(shown.female_share[~full], y[~full], s=sizes[~full], facecolors="white", edgecolors=colour,
               linewidths=1.5, zorder=3)
    ax.set_yticks(y, [style.wrap(f"{a} · {vocab.label('theme', t)}") for a, t in zip(shown.actor, shown.theme)])
    ax.set_xlim(-0.02, 1.02)
    ax.set_xticks(*style.PERCENT_TICKS)
    ax.set_ylim(len(shown) - 0.4, -0.6)  # room for the largest markers at both ends
    ax.set_xlabel("women and girls among people of known sex")
    style.legend_below(fig, [style.parity_handle()]
                       + [style.women_marker("both sexes counted for at least half")] * bool(full.any())
                       + [style.women_marker("for less than half", filled=False)] * bool((~full).any()))
    sns.despine(left=True)
    style.show(fig, title=tables.title_share_vs_parity(by_theme), alt=tables.alt_share_vs_parity(shown),
               source=style.source_line(documents[documents.actor.isin(shown.actor)]), marks=len(shown))

# %% [markdown]
# ## How much of the reach is broken down by sex
#
# Share of the people counted whose sex the source states, by actor and theme; in brackets
# the number of figures that give any sex information out of all figures. Empty cells: the
# actor reports no people under that theme.

# %% tags=["remove_input"]
if by_theme.disaggregation_coverage.notna().sum() < 2:
    display(md("{s}", s=tables.sentence_coverage(by_theme)))
else:
    cover = by_theme.pivot(index="theme", columns="actor", values="disaggregation_coverage")
    cover = cover[[a for a in ACTOR_ORDER if a in cover.columns]]
    labels = by_theme.assign(text=[f"{fmt_share(r.disaggregation_coverage)}\n({r.figures_with_sex}/{r.figures})"
                                   for r in by_theme.itertuples()]
                             ).pivot(index="theme", columns="actor", values="text")[cover.columns].fillna("")
    fig, ax = plt.subplots(figsize=(style.WIDTH, 1.6 + 0.62 * len(cover)), layout="constrained")
    sns.heatmap(cover, vmin=0, vmax=1, cmap="Purples", annot=labels, fmt="",
                annot_kws={"fontsize": style.FONT_SIZE}, linewidths=0.5, linecolor="white", ax=ax,
                cbar_kws={"label": "people with sex stated", "format": "{x:.0%}", "shrink": 0.8})
    ax.set_yticklabels([style.wrap(vocab.label("theme", t.get_text()), 26) for t in ax.get_yticklabels()],
                       rotation=0)
    ax.set_xticklabels([style.wrap(t.get_text(), 12) for t in ax.get_xticklabels()], rotation=0)
    ax.grid(False)
    ax.set_xlabel("")
    ax.set_ylabel("")
    style.show(fig, title=tables.title_coverage(by_theme), alt=tables.alt_coverage(by_theme),
               source=style.source_line(documents[documents.actor.isin(cover.columns)]),
               marks=int(cover.notna().sum().sum()))
    without = [a for a in ACTOR_ORDER if a not in cover.columns]
    if without:
        display(md("Not in the chart, for want of counts of people reached: {a}.", a=", ".join(without)))

# %% [markdown]
# ## Women in the groups the documents describe
#
# Bodies and trainings whose size and number of women the reports give (women ÷ group size),
# and shares of women the reports print without a count. The bars are 95% Wilson intervals:
# how far chance alone could move a share based on so few people. They are not survey margins:
# these groups are whole bodies, not samples.

# %% tags=["remove_input"]
shown = groups.dropna(subset=["women_share"]).sort_values("women_share").reset_index(drop=True)
if shown.empty:
    display(md("The selected sources give no share of women among leaders, members or trainees."))
else:
    if len(shown) >= 2:
        fig, ax = plt.subplots(figsize=(style.WIDTH, 1.6 + 0.5 * len(shown)), layout="constrained")
        style.add_parity_band(ax)
        counted = shown[shown.basis.str.startswith("women")]
        printed = shown[shown.basis.str.startswith("printed")]
        colour = style.SEX_PALETTE["female"]
        ax.errorbar(counted.women_share, counted.index, fmt="o", color=colour, ecolor="#c2a5cf", elinewidth=3,
                    xerr=[counted.women_share - counted.share_ci_low, counted.share_ci_high - counted.women_share],
                    zorder=3)
        ax.scatter(printed.women_share, printed.index, marker="D", color=colour, zorder=3)
        ax.set_yticks(shown.index, [style.wrap(f"{a}: {g}", 40) for a, g in zip(shown.actor, shown.group)])
        ax.set_xlim(-0.02, 1.02)
        ax.set_xticks(*style.PERCENT_TICKS)
        ax.set_xlabel("women in the group")
        style.legend_below(fig, [style.parity_handle()]
                           + [style.women_marker("counted, with 95% interval")] * bool(len(counted))
                           + [style.women_marker("printed percentage, group size not stated", "D")] * bool(len(printed)))
        sns.despine(left=True)
        style.show(fig, title=tables.title_groups(groups), alt=tables.alt_groups(shown),
                   source=style.source_line(documents[documents.actor.isin(shown.actor)]), marks=len(shown))
    interval = [f"{fmt_share(lo)}-{fmt_share(hi)}" if pd.notna(lo) else "–"
                for lo, hi in zip(shown.share_ci_low, shown.share_ci_high)]
    show_table(tables.readable(shown.assign(interval=interval)[[
        "actor", "group", "figure_ids", "people", "women", "men", "women_share", "interval", "printed_share",
        "basis"]]).rename(columns={"interval": "95% interval"}),
        caption="Women's share in the groups the documents describe (leaders, members, trainees, participants; "
                "names from the annotation notes)")

# %% [markdown]
# ## Reach by theme, programme and region
#
# The same measures for finer groups. Each figure sits in one theme, programme and region
# as stated in the source; "multiple" means a figure covering several regions.

# %% tags=["remove_input"]
for table, keys, caption in ((by_theme, ["actor", "theme"], "Reach by sex per actor and theme"),
                             (by_programme, ["actor", "programme", "implementer"],
                              "Reach by sex per actor, programme and implementing organisation"),
                             (by_region, ["actor", "region"], "Reach by sex per actor and region")):
    if table.empty:
        display(md("{c}: no figures counting people reached for this selection.", c=caption))
    else:
        show_table(tables.detail_for_reading(table, keys), caption=caption)

# %% [markdown]
# ## Targets (not reach)
#
# People the programmes plan to reach. Targets are never added to reach.

# %% tags=["remove_input"]
if target_units.empty:
    display(md("The selected sources give no targets in numbers of people."))
else:
    show_table(tables.readable(targets_by_actor[targets_by_actor.figures > 0][[
        "actor", "report_period", "figures", "people_low", "people_high", "low_figures", "people_female",
        "people_male", "people_sex_unknown", "disaggregation_coverage", "note"]]),
        caption="Targets by sex per actor and period (at least: targets that cannot count the same people, added)")
    show_table(tables.units_for_reading(target_units).assign(actor=list(target_units.actor),
                                                             implementer=list(target_units.implementer)),
               caption="Target figures (implementer = the grantee or partner named in the source)")

# %% [markdown]
# ## Statistics: does the share of women differ by kind of activity?
#
# A quasi-binomial model of the women and men counted in each figure that counts both, by
# actor and kind of reach: the binomial estimates with their variances multiplied by the
# Pearson dispersion and tested with the t distribution (as R's quasibinomial family does).
# A difference is stated only when its 95% interval excludes no difference. Levels with
# fewer than two such figures are left out.

# %% tags=["remove_input"]
display(md("{s}", s=words.model_sentence(model)))
if model.fitted:
    show_table(tables.model_for_reading(model.table), caption=(
        f"Women's share by level, odds ratios against the reference level ({model.units} figures; "
        f"Pearson dispersion {model.dispersion:.1f}, {model.df_resid} residual degrees of freedom)"))
    if model.left_out:
        display(md("Left out of the model for want of figures: {n}.", n=model.left_out))

# %% [markdown]
# ## Population context (not reach)
#
# The population of the areas a plan covers, or the people in need, affected, at risk or
# displaced in the wider population: what the programmes worked in, not whom they reached.
# These figures are never added to reach; the `indicators` parameter can count them, and the
# report then says so.

# %% tags=["remove_input"]
if context.empty:
    display(md("The selected sources give no population-context figures."))
else:
    show_table(tables.readable(context[["figure_id", "actor", "report_period", "indicator", "reach_kind", "value",
                                        "status", "quote"]]), caption="Population context, shown apart from reach")
if "context" in sel.classes:
    display(md("**This report counts population context as reach** (the indicators parameter includes {i}).",
               i=", ".join(i for i in sel.indicators if i in selection.context_indicators())))

# %% tags=["remove_input"]
reasons = (tables.left_out_words(dropped).groupby(["actor", "reason"], sort=False)
           .figure_id.agg(["size", " ".join]).reset_index().rename(columns={"size": "figures", "join": "which"}))
if len(reasons):
    show_table(reasons, caption="People figures of the selection left out, and why (each in the figure register)")

# %% [markdown]
# ## Methods
#
# - **What counts as reach** (the reach classes of data/raw/vocabulary.csv): a figure's
#   indicator and kind of reach put it in a class. *Direct reach* (people reached, trained,
#   sensitised, members of bodies, leaders) enters the counts. *Targets* (people targeted)
#   are reported apart, never added. *Population context* (the population of areas covered
#   by plans, people in need, affected, at risk or displaced) is shown apart and counted only
#   when the `indicators` parameter includes a context indicator. Staff and volunteers are
#   never beneficiaries.
# - **Statuses**: `ok`, `repaired` and `bound` are used; `inconsistent` and `ambiguous` only
#   with `include_flagged`; `duplicate` never.
# - **Bounds and estimates** ("at least 4505", "over 300", "about 2,000") enter at their
#   printed value and are labelled: a count that includes one is a lower bound (or an
#   estimate), said in the notes [`bound_figures`]. The cost report treats them the same way.
# - **Counted once**: a figure that is a part of another kept figure (women among a total,
#   a region, a listed split, a subset) is not counted again; a figure restating the same
#   measure (`same_as`) is counted once, and the kept statement takes over the parent link of
#   its restatements. Sex parts whose total was left out (e.g. flagged) are counted as a group.
# - **Unique people** [`people_low`, `people_high`]: an actor's figures may count the same
#   people. Figures that cannot be the same people (figures of different places: two regions
#   of one country, or two countries; or a figure of women only and a figure of men only) are
#   added; figures that can overlap are not. "At least" is the largest total of figures that
#   pairwise cannot overlap [`low_figures` names them]; "at most" is every figure added. The
#   cost report uses the same rule for its denominators.
# - **Sex and age**: a figure stated for women (or men) counts women (or men) by design.
#   Otherwise its women and men come from its sex parts, or from its listed split, regional or
#   age parts (whichever states the sex of more people; never both). The remainder is "sex not
#   stated", never shared out. A sex no figure states is "not stated", never 0. Girls and boys
#   are women and men aged children or adolescents.
# - **Women's share and parity index** [`female_share`, `parity_index`] are computed only on
#   figures that count both women and men [`figures_both_sexes`, `both_sexes_*`]: women ÷
#   (women + men), and women ÷ men (0.97-1.03 read as parity). A women-only activity (a count
#   of women by design) has no men to compare with and is reported as such
#   [`women_only_people`]; a total with only its women stated says nothing about its men.
#   Shares and indices are blank below `min_group_size` people. The shares if every person of
#   unstated sex were a man / a woman [`female_share_low`, `female_share_high`] bracket the
#   share of all people counted.
# - **Sex stated (people)** [`disaggregation_coverage`] = people of known sex ÷ people (at
#   most); **sex stated (figures)** [`figure_coverage`] = share of figures giving any sex.
# - **What a headline rests on**: each actor's finding names the figure that carries most of
#   it and its share, and every repaired, disputed, bound or shared-programme figure it uses.
# - **Women among leaders and trainees**: women ÷ group size for bodies and trainings that
#   state how many women they had, with a 95% Wilson interval; men are "not stated" where the
#   report does not give them.
# - **Intervals on reported counts**: the bodies and trainings are whole groups, not samples.
#   An interval says how far chance alone could move a share of so few people (if the same
#   process made the group again), not how precisely a larger population was measured.
# - **Model**: quasi-binomial logit (statsmodels GLM, binomial family; standard errors
#   multiplied by the square root of the Pearson dispersion, tests and 95% intervals with the
#   t distribution on the residual degrees of freedom, as R's `quasibinomial` family), women
#   and men counted per figure that counts both, odds ratios against the level with the most
#   people. A difference is stated only when the interval excludes 1; a model with fewer than
#   5 figures in a compared level or fewer than 5 residual degrees of freedom is called thin.

# %% tags=["remove_input"]
md("This run counted as direct reach: {i}; themes: {t}; period: {p}; flagged figures {f}; shares shown from "
   "{n} people. The parameters and the data files are listed under Provenance.",
   i=", ".join(vocab.label("indicator", i) for i in sel.indicators),
   t=", ".join(vocab.label("theme", x) for x in sel.themes) or "all", p=sel.period or "all",
   f="included" if sel.include_flagged else "left out", n=min_n)

# %% [markdown]
# ## Appendix: every figure used
#
# Each figure this report uses, with the sentence it comes from in its context, its printed
# and used value and its cleaning status: every figure id above links here (the figures it
# leaves out are in the figure register). Role "counted": the figure enters the counts;
# "part": it is a part (by sex, place or activity) of a counted figure; "restates": it
# repeats another figure, counted once.

# %% tags=["remove_input"]
appendix.show_appendix(used.figure_id, figures, documents, uses=appendix.uses_of(used))

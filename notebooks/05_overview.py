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
# # Reach by sex and cost per beneficiary, actor by actor
#
# Whom each actor reached, how many of them were women and girls, and what reaching one
# person cost, side by side, with how far each number can be trusted.

# %% tags=["parameters"]
output_dir: str = ""  # where data outputs are written; empty = data/scratch/<notebook> (the runner publishes to data/processed)
input_dir: str = ""  # folder holding the outputs of 02_gender_reach and 03_cost_per_beneficiary; empty = data/processed

# %% tags=["remove_cell"]
from helpers import paths
from helpers.analysis.gender import metrics
from helpers.files import write_outputs
from helpers.reporting import registry, results as published, style
from helpers.reporting.display import md, show_bullets, show_callout, show_table
from helpers.reporting.registry import notebook_parameters
from helpers.reporting.text import overview as words
from helpers.reporting.text.formats import fmt_count
from helpers.sources import manifest

params = notebook_parameters("05_overview", globals())
out_dir = paths.output_dir(params, "05_overview")
results = published.load(paths.input_dir(params))
documents = manifest.manifest()
actors = list(manifest.actors())

table = words.actor_table(results.reach, results.costs, documents, actors, results.units)
reports = words.report_list(registry.notebooks(), documents, "05_overview")
written = write_outputs({"overview_by_actor.csv": table}, out_dir)
style.use()

# %% [markdown]
# ## Summary

# %% tags=["remove_input"]
show_bullets(words.answer(results.reach, results.costs, documents, results.units))
show_callout("Read this before you use these numbers", words.read_first(results.costs))

# %% [markdown]
# ## Actors side by side
#
# One row per actor. Each actor's name links to its profile, which shows every figure
# behind these cells. Reach is given as a range because an actor's figures may count the
# same people: *at least* adds only figures that cannot overlap, *at most* adds them all.

# %% tags=["remove_input"]
show_table(table, caption="Every actor in the data, with its reach by sex and its cost per beneficiary",
           links={"actor": [registry.page("04_actor_profile", a) for a in actors]})
display(md("**Trust grades of a cost per beneficiary.** " + " ".join(
    f"*{grade}*: {meaning}." for grade, meaning in words.GRADE_MEANINGS.items())))

# %% [markdown]
# ## How much of each actor's reach is broken down by sex

# %% tags=["remove_input"]
counted = results.reach[results.reach.people_high > 0]
rows = counted.assign(row=[words.row_label(r, results.reach) for r in counted.itertuples()])
if len(rows) < 2:
    display(md("{s}", s=words.coverage_sentence(results.reach)))
else:
    fig = style.sex_share_bars(metrics.sex_composition(rows, by="row"), list(rows.row),
                               [f"{fmt_count(r.people_high)} people" for r in rows.itertuples()])
    style.show(fig, title=words.coverage_title(rows), alt=words.coverage_alt(rows),
               source=style.source_line(documents[documents.actor.isin(rows.actor)]), marks=len(rows))
missing = [a for a in actors if a not in set(counted.actor)]
if missing:
    display(md("Not in the chart, for want of counts of people reached: {a}.", a=", ".join(missing)))

# %% [markdown]
# ## Reports
#
# Each report's period is that of the documents it draws on.

# %% tags=["remove_input"]
show_table(reports.drop(columns=["href"]), caption="The reports of this run",
           links={"report": list(reports.href)})

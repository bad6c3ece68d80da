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
# # Figure register
#
# Every figure of every document, with the sentence it comes from in its context: the page
# every figure id of every report links to when that report has no row for it.

# %% tags=["parameters"]
output_dir: str = ""  # where the documents' texts are written (documents/); empty = data/scratch/<notebook> (the runner publishes to data/processed)
input_dir: str = ""  # folder holding the clean figures of 01_clean_figures; empty = data/processed

# %% tags=["remove_cell"]
from helpers import paths
from helpers.files import write_outputs
from helpers.analysis.costs.records import load_supplementary
from helpers.reporting import appendix
from helpers.reporting.display import show_bullets, show_callout
from helpers.reporting.registry import notebook_parameters
from helpers.reporting.text import cleaning as words
from helpers.sources import manifest
from helpers.sources.figures import load_clean_figures

params = notebook_parameters("06_figure_register", globals())
figures = load_clean_figures(paths.input_dir(params))
supplementary = load_supplementary()
documents = manifest.manifest()
# the texts the line numbers refer to, published beside the reports (reports/data/documents/)
written = write_outputs(manifest.read_texts(), paths.output_dir(params, "06_figure_register") / "documents")

# %% [markdown]
# ## Summary

# %% tags=["remove_input"]
show_bullets(words.register_sentences(figures, supplementary, documents))
show_callout("Read this before you use these numbers", words.read_first(figures))

# %% [markdown]
# ## Every figure
#
# In the order of the figures table: by document, then as annotated. Amounts published
# outside the documents (cited in data/raw/costs_supplementary.csv) come last.

# %% tags=["remove_input"]
appendix.show_appendix([*figures.figure_id, *supplementary.supp_id], figures, documents, supplementary)

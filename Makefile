# One entry point for people and CI. `make reports` and `make test` set up
# everything they need on a fresh machine (only Python 3.11 and make required).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
ARGS   ?=

.PHONY: setup reports test notebooks lab bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

reports: setup  ## execute every notebook and render reports/*.html
	$(PY) -m helpers reports $(ARGS)

test: setup  ## run the whole test suite
	$(PY) -m pytest $(ARGS)

notebooks: setup  ## create/refresh the paired .ipynb files for JupyterLab
	$(VENV)/bin/jupytext --sync notebooks/*.py

lab: notebooks  ## JupyterLab on notebooks/ (--allow-root where make runs as root, as CI does)
	$(VENV)/bin/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

bench: setup  ## measure report rendering, sweeps and corpus scaling
	$(PY) bench/run.py $(ARGS)

clean:
	rm -rf data/processed/* data/processed/.runner reports/* reports/.runner

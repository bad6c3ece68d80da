"""The in-process engine: notebook cells run by an IPython shell in this process, no kernel.

A papermill engine (``papermill --engine inprocess``, registered through the
``papermill.engine`` entry point), so papermill does everything else as for a kernel:
injecting parameters, notebook and cell metadata, error cells and its exception. The cells
go to :mod:`helpers.reporting.shell`, imported only when a notebook runs: papermill loads
every engine's module whenever it is imported. The runner forks a fresh process per
notebook, so every notebook starts from a clean state, as in a fresh kernel."""
from __future__ import annotations

from papermill.engines import Engine


class InProcessEngine(Engine):
    """papermill's engine interface, cell by cell as its nbclient engine does it."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        from helpers.reporting import shell as inprocess

        shell = inprocess.Shell.instance() if inprocess.Shell.initialized() else inprocess.warm_up()
        for index, cell in enumerate(nb_man.nb.cells):
            try:
                nb_man.cell_start(cell, index)
                if cell.cell_type == "code" and cell.source.strip() and not inprocess.run_cell(shell, cell):
                    nb_man.cell_exception(nb_man.nb.cells[index], cell_index=index)
                    break
            finally:
                nb_man.cell_complete(nb_man.nb.cells[index], cell_index=index)
        nb_man.nb.metadata["language_info"] = dict(inprocess.LANGUAGE_INFO)

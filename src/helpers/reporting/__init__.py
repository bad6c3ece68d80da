"""Stage 4, reporting: the notebook registry and parameters, the runner, HTML rendering,
display helpers, chart style, and the wording of every report (``text``)."""

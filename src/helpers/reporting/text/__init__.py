"""The words of the reports: number formats, sentences, chart titles and reader-facing
tables, one module per report. Computation lives in ``helpers.analysis``."""

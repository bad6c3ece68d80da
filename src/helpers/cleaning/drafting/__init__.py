"""Drafting an annotation: figures.csv rows proposed for the numbers of a document that the
hand annotation does not yet account for, for a researcher to review.

It sits with the cleaning stage because it reads every printed number with the cleaning's
parser (``helpers.cleaning.numbers``), so a drafted value_raw always parses. The flow:
``mentions`` (printed numbers) -> ``measure`` (quote from ``text``, exclusion from
``exclusions``, unit/sex/age from ``phrases``, indicator and theme from ``classify``) ->
``links`` (parents, restatements) -> ``draft`` (ids, rows) -> ``command`` (the CLI)."""

"""Stage 3, analysis: beneficiary denominators, gender-disaggregated reach and cost per
beneficiary. Modules here compute frames; wording lives in ``helpers.reporting.text``."""

"""Controlled vocabularies of the figures dataset (documented in docs/data_dictionary.md).

One place for every allowed value, so the schema, the cleaning and the analyses
cannot drift apart."""
from helpers.parameters import Rule, non_empty

DOC_PREFIX = {
    "care-pfr-mali-2011-2020.txt": "CARE",
    "unwomen-mali-2021-results.txt": "UNW",
    "fao-caisses-de-resilience-mali.txt": "FAO",
    "wphf-mali.txt": "WPHF",
    "ifrc-mali-2023-annual-report.txt": "IFRC",
}
DOCS = tuple(DOC_PREFIX)

ACTORS = ("CARE", "UN Women", "FAO", "WPHF", "IFRC network")

UNITS = (
    "people", "households", "organisations", "groups", "villages", "communes",
    "localities", "institutions", "documents", "events", "items", "facilities",
    "hectares", "money", "percent", "days", "months", "years", "countries",
)
CURRENCIES = ("CHF", "XOF", "USD", "EUR")

INDICATORS = (
    "people_reached", "people_trained", "people_sensitized", "people_targeted",
    "people_covered_by_plans", "members", "leaders", "workforce", "population_context",
    "households_targeted", "organisations_supported", "groups", "localities",
    "institutions", "policies_plans", "activities", "outputs", "land_area",
    "money", "share", "duration",
)

REACH_KINDS = (
    "reached", "trained", "sensitized", "targeted", "covered_by_plans", "members",
    "leaders", "staff", "volunteers", "in_need", "affected", "displaced", "supported",
    "established", "developed", "acquired", "funded", "none",
)

THEMES = (
    "drr_climate", "livelihoods_economic", "agriculture_land", "food_nutrition",
    "health_wash", "migration_displacement", "protection_gbv",
    "governance_participation", "peacebuilding", "organisational_capacity",
    "emergency_response", "values_inclusion", "funding", "context", "general",
)

SEXES = ("female", "male", "all")
AGE_GROUPS = ("all", "children", "adolescents", "youth", "adults", "elderly")
PART_KINDS = ("sex", "age", "location", "breakdown", "subset")
MONEY_KINDS = (
    "expenditure", "funding", "funding_requirement", "allocation", "funding_reported",
    "beneficiary_income", "finance_raised", "profit",
)
REGIONS = (
    "Kayes", "Koulikoro", "Sikasso", "Ségou", "Mopti", "Tombouctou", "Gao", "Kidal",
    "Ménaka", "Taoudénit", "Bamako", "Mali", "multiple", "outside Mali",
)
# Doubts an annotator records where the arithmetic cannot test a figure (explained in notes).
DOUBTS = ("shifted_column", "implausible", "unclear_unit")
EXCLUSION_REASONS = (
    "date", "year", "identifier", "phone", "address", "ordinal", "list_label",
    "page_furniture", "not_a_quantity", "age_range", "law_number",
)

# The actors a notebook may be asked to analyse (its ``actors`` parameter).
ACTORS_RULE = Rule(choices=ACTORS, validator=non_empty)

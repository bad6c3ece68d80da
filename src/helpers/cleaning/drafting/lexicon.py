"""Words of English (and some French) programme reports that say what a number counts.

General report vocabulary only: no rule here names a document, an actor, a place or a phrase
of the annotated reports, so the draft behaves the same on a report nobody has seen."""
from __future__ import annotations


def _words(unit: str, text: str) -> dict[str, str]:
    return dict.fromkeys(text.split(), unit)


# The noun a number counts -> the figures.csv unit. Plural and singular forms; the last noun of
# a compound ("village watch committees") is the one that counts.
UNIT_NOUNS: dict[str, str] = {
    **_words("people", """people persons person individuals beneficiaries participants members
        female females male males
        member women woman men man girls girl boys boy children child youth youths youngsters
        adolescents teenagers adults elderly farmers officers journalists communicators leaders
        champions volunteers staff midwives nurses principals officials directors managers
        councilors councillors agents actors parliamentarians survivors victims mothers husbands
        wives widows fathers parents migrants refugees returnees idps workers teachers students
        pupils trainers trainees learners mediators entrepreneurs producers traders vendors
        representatives delegates residents inhabitants patients babies infants newborns orphans
        craftsmen artisans masons facilitators stakeholders elders chiefs mayors judges lawyers
        police soldiers doctors caregivers users herders pastoralists fishers fishermen breeders
        growers employees personnel experts consultants researchers candidates voters citizens
        ministers deputies femmes hommes filles garçons enfants jeunes personnes bénéficiaires
        participants membres"""),
    **_words("households", "households household families family ménages"),
    **_words("organisations", """organizations organisations organization organisation csos
        ngos cbos businesses enterprises companies firms smes societies agencies parties
        movements partners organisations"""),
    **_words("groups", """groups group associations association cooperatives co-operatives
        vslas committees committee coalitions unions networks clubs federations collectives
        groupements coopératives comités"""),
    **_words("villages", "villages village"),
    **_words("communes", "communes commune municipalities"),
    **_words("localities", """localities sites regions districts neighborhoods neighbourhoods
        communities governorates zones provinces cercles towns cities localités"""),
    **_words("countries", "countries pays"),
    **_words("institutions", """institutions entities branches units ministries subcommissions
        commissions platforms offices"""),
    **_words("documents", """policies policy plans plan laws law charters strategies strategy
        protocols guidelines agreements conventions manuals reports documents studies frameworks
        roadmaps decrees regulations"""),
    **_words("events", """trainings training workshops sessions meetings campaigns assessments
        missions operations emergencies dialogues debates forums visits demonstrations
        conferences seminars exercises surveys evaluations broadcasts spots events courses
        drills simulations caravans ateliers"""),
    **_words("items", """seedlings kits houses technologies registrations requests items meals
        tools trees models pillars components radios vehicles motorcycles boats goats animals
        materials packages leaflets posters certificates deeds cards nets bags"""),
    **_words("facilities", """facilities points centres centers centre center schools
        classrooms latrines perimeters areas gardens wells boreholes shelters clinics hospitals
        posts warehouses stores markets dikes dams stations plots"""),
    **_words("hectares", "ha hectares hectare"),
    **_words("tonnes", "tonnes tonne tons ton"),
    **_words("kilograms", "kilograms kilogram kg"),
    **_words("days", "days day jours"),
    **_words("months", "months month mois"),
    **_words("years", "years year ans années"),
}
# Nouns whose sex or age the text states.
FEMALE = frozenset("""women woman girls girl mothers wives widows females female daughters
    sisters femmes filles""".split())
MALE = frozenset("men man boys boy husbands fathers males male sons brothers hommes garçons".split())
AGE_NOUNS = {
    **dict.fromkeys("girls girl boys boy children child babies infants newborns orphans "
                    "enfants filles garçons".split(), "children"),
    **dict.fromkeys("adolescents adolescent teenagers teens".split(), "adolescents"),
    **dict.fromkeys("youth youths youngsters jeunes".split(), "youth"),
    **dict.fromkeys("adults".split(), "adults"),
    **dict.fromkeys("elderly".split(), "elderly"),
}
# Adjectives that set the age of the noun after them ("young women", "adolescent girls").
AGE_MODIFIERS = {"young": "youth", "adolescent": "adolescents", "elderly": "elderly",
                 "older": "elderly", "adult": "adults"}

# Words that end the noun phrase after a number.
STOP_WORDS = frozenset("""of in from with to for on at by through into across under within
    including among per after before during since between over against about as than via
    who which that whose where whom when while whereas because so
    is are was were be been being have has had will would can could should may might must do
    does did not also both each every all this these those there their its his her our
    the a an le la les un une de des du dans pour avec sur par dont qui""".split())
# Past participles that end the noun phrase once it has its noun ("meetings led by", "women
# organized into"); before the noun they are adjectives ("government led platforms").
IRREGULAR_PARTICIPLES = frozenset("""led held built made set given taken run met done seen known
    shown drawn brought paid spent""".split())
CONJUNCTIONS = frozenset({"and", "or", "&", "et", "ou"})

# Label openings to skip before the noun ("Number of coordination meetings held").
COUNT_LABELS = ("number of", "no. of", "nb of", "total number of", "total", "nombre de", "nombre d'")

# Cue words (lower case, matched at word starts) -> people indicator and reach kind.
PEOPLE_CUES: tuple[tuple[str, str, str], ...] = (
    ("to be assisted", "people_targeted", "targeted"),
    ("target", "people_targeted", "targeted"),
    ("will ", "people_targeted", "targeted"),
    ("aims to", "people_targeted", "targeted"),
    ("planned", "people_targeted", "targeted"),
    ("covered by", "people_covered_by_plans", "covered_by_plans"),
    ("train", "people_trained", "trained"),
    ("capacit", "people_trained", "trained"),
    ("strengthened", "people_trained", "trained"),
    ("reinforced", "people_trained", "trained"),
    ("knowledge", "people_trained", "trained"),
    ("skills", "people_trained", "trained"),
    ("formé", "people_trained", "trained"),
    ("sensiti", "people_sensitized", "sensitized"),
    ("awareness", "people_sensitized", "sensitized"),
    ("informed", "people_sensitized", "sensitized"),
    ("project to", "people_targeted", "targeted"),
    ("to assist", "people_targeted", "targeted"),
    ("to reach", "people_targeted", "targeted"),
    ("plans to", "people_targeted", "targeted"),
    ("reach", "people_reached", "reached"),
    ("assisted", "people_reached", "reached"),
    ("assisting", "people_reached", "reached"),
    ("aided", "people_reached", "reached"),
    ("aiding", "people_reached", "reached"),
    ("support", "people_reached", "reached"),
    ("benefit", "people_reached", "reached"),
    ("served", "people_reached", "reached"),
    ("helped", "people_reached", "reached"),
    ("provided", "people_reached", "reached"),
    ("screened", "people_reached", "reached"),
    ("treated", "people_reached", "reached"),
    ("distributed", "people_reached", "reached"),
    ("vaccinat", "people_reached", "reached"),
    ("received", "people_reached", "reached"),
    ("involved", "people_reached", "reached"),
    ("attended", "people_reached", "reached"),
    ("reunit", "people_reached", "reached"),
    ("touché", "people_reached", "reached"),
    ("in need", "population_context", "in_need"),
    ("need ", "population_context", "in_need"),
    ("at risk", "population_context", "affected"),
    ("affected", "population_context", "affected"),
    ("displaced", "population_context", "displaced"),
    ("insecur", "population_context", "affected"),
)
# The counted noun itself says what the people are, when no verb says more.
PEOPLE_NOUN_KINDS = {
    "volunteers": ("workforce", "volunteers"), "staff": ("workforce", "staff"),
    "personnel": ("workforce", "staff"), "employees": ("workforce", "staff"),
    "members": ("members", "members"), "parliamentarians": ("members", "members"),
    "leaders": ("leaders", "leaders"), "champions": ("leaders", "leaders"),
}
# Counted nouns that say what the things are: implementing partners are never beneficiaries.
THING_NOUN_KINDS = {"partners": ("partner_organisations", "partners")}
# Verbs that say what happened to things that are not people -> reach kind.
THING_CUES: tuple[tuple[str, str], ...] = (
    ("establish", "established"), ("set up", "established"), ("formed", "established"),
    ("created", "established"), ("built", "established"), ("construct", "established"),
    ("planted", "established"), ("installed", "established"), ("introduced", "established"),
    ("developed", "developed"), ("adopted", "developed"), ("drawn up", "developed"),
    ("elaborat", "developed"), ("acquired", "acquired"), ("secured", "acquired"),
    ("funded", "funded"), ("financ", "funded"), ("trained", "trained"),
    ("support", "supported"), ("strengthen", "supported"), ("target", "targeted"),
    ("will ", "targeted"), ("reach", "reached"), ("benefit", "reached"), ("covered", "reached"),
)
# The indicator of a count of things, by unit.
THING_INDICATORS = {
    "households": "households_targeted", "organisations": "organisations_supported",
    "groups": "groups", "villages": "localities", "communes": "localities",
    "localities": "localities", "countries": "localities", "institutions": "institutions",
    "documents": "policies_plans", "events": "activities", "items": "outputs",
    "facilities": "outputs", "tonnes": "outputs", "kilograms": "outputs", "hectares": "land_area",
    "money": "money", "percent": "share",
    "days": "duration", "months": "duration", "years": "duration",
}

# Words near an amount that say what kind of money it is; the more specific first.
MONEY_CUES: tuple[tuple[str, str], ...] = (
    ("funding requirement", "funding_requirement"), ("requirement", "funding_requirement"),
    ("required", "funding_requirement"), ("funding reported", "funding_reported"),
    ("allocat", "allocation"), ("expenditure", "expenditure"), ("spent", "expenditure"),
    ("expenses", "expenditure"), ("disbursed", "expenditure"), ("profit", "profit"),
    ("income", "beneficiary_income"), ("revenue", "beneficiary_income"),
    ("earned", "beneficiary_income"), ("financing", "finance_raised"),
    ("finance", "finance_raised"), ("credit", "finance_raised"), ("loans", "finance_raised"),
    ("savings", "finance_raised"), ("raised", "finance_raised"), ("funding", "funding"),
    ("funds", "funding"), ("contribution", "funding"), ("grant", "funding"),
    ("donation", "funding"), ("received", "funding"), ("budget", "budget"),
)
# Money that the programme receives or spends is about funding; the rest keeps its theme.
FUNDING_KINDS = frozenset({"funding", "expenditure", "funding_requirement", "allocation",
                           "funding_reported", "budget"})

# Theme cue words (word starts, lower case).
THEME_CUES: dict[str, tuple[str, ...]] = {
    "drr_climate": ("climat", "disaster", "drr", "risk reduction", "flood", "drought", "heatwave",
                    "early warning", "environment", "reforest", "anticipat", "contingency"),
    "livelihoods_economic": ("livelihood", "income", "economic", "business", "enterprise",
                             "entrepreneur", "market", "financ", "credit", "savings", "revenue",
                             "employment", "profit", "vsla"),
    "agriculture_land": ("agricultur", "land", "farm", "crop", "hectare", "garden",
                         "horticult", "irrigat", "livestock", "fish"),
    "food_nutrition": ("nutrition", "malnutrition", "food", "breastfeeding", "feeding"),
    "health_wash": ("health", "vaccin", "immuni", "medical", "wash", "water", "sanitation",
                    "hygiene", "latrine", "first aid", "blood", "midwi", "dengue", "covid",
                    "disease", "epidemic", "psychosocial", "mental"),
    "migration_displacement": ("migra", "displace", "idp", "refugee", "returnee",
                               "family links", "reunit"),
    "protection_gbv": ("gbv", "violence", "protection", "survivor", "abuse", "police"),
    "governance_participation": ("governance", "elect", "voter", "parliament", "political",
                                 "budget", "planning", "council", "decision", "advocacy",
                                 "leadership", "lobby"),
    "peacebuilding": ("peace", "conflict", "reconciliation", "cohesion", "mediat"),
    "organisational_capacity": ("volunteer", "staff", "branch", "organizational",
                                "organisational", "national society development"),
    "emergency_response": ("emergency", "shelter", "relief", "dref", "appeal", "crisis",
                           "in-kind", "voucher"),
    "values_inclusion": ("inclusion", "gender", "disabilit", "accessib", "dignity"),
}

MONTHS = frozenset("""january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec janvier février mars
    avril mai juin juillet août septembre octobre novembre décembre""".split())

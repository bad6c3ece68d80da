"""Words of the gender report: the key findings, each carrying what it rests on.

Every headline names its figures, how much of it each carries, and whether a figure it
uses is repaired, disputed, a bound or of a shared programme; it states its period; and it
says plainly when the data cannot tell. Chart titles and reader tables are in
``gender_tables``."""
from __future__ import annotations

import math

import pandas as pd

from helpers.analysis.gender.model import THIN_DF, THIN_UNITS, ShareModel
from helpers.analysis.gender.selection import PARITY_BAND, REPRESENTS
from helpers.reporting.text.formats import fmt_count, fmt_share, plural
from helpers.sources import vocab

NO_FIGURES = "no counts of people reached in the sources for this selection"


def group_note(r) -> str:
    """What a reader must know before reading a row's share and parity index ('' if nothing)."""
    if not r.figures:
        return NO_FIGURES
    notes = []
    if not r.figures_with_sex:
        notes.append("no sex-disaggregated data")
    elif not r.figures_both_sexes:
        notes.append("no figure counts both women and men: no women's share or parity index")
    elif pd.isna(r.female_share):
        notes.append("fewer people of known sex than the minimum group size: no share shown")
    if r.figures_with_sex and r.disaggregation_coverage < 0.5:
        notes.append(f"sex stated for only {fmt_share(r.disaggregation_coverage)} of the people counted")
    if r.women_only_people:
        notes.append(f"{fmt_count(r.women_only_people)} counted in women-only figures")
    if r.bound_figures:
        notes.append(plural(r.bound_figures, "figure printed as a bound or estimate",
                            "figures printed as bounds or estimates"))
    if r.repaired_figures:
        notes.append(f"{plural(r.repaired_figures, 'figure')} repaired from a damaged print")
    if r.disputed_figures:
        notes.append(f"{plural(r.disputed_figures, 'figure')} disputed by other statements of the report")
    if r.shared_figures:
        notes.append(f"{plural(r.shared_figures, 'figure')} of a shared programme")
    return "; ".join(notes)


def with_notes(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (of ``summarise`` or ``by_actor``) with a last column ``note``."""
    return table.assign(note=pd.Series([group_note(r) for r in table.itertuples()], index=table.index, dtype=object))


def parity_reading(index: float) -> str:
    if math.isnan(index):
        return "no parity index"
    if PARITY_BAND[0] <= index <= PARITY_BAND[1]:
        return "parity"
    return "more women than men" if index > 1 else "fewer women than men"


def who(row) -> str:
    return f"{row.actor} ({row.report_period})" if row.report_period else f"{row.actor} (period not stated)"


def _range(low: float, high: float) -> str:
    return f"{fmt_count(low)} people" if low == high else f"between {fmt_count(low)} and {fmt_count(high)} people"


FLAG_WORDS = {"repaired": "repaired from a damaged print", "bound": "printed as a bound or estimate",
              "disputed": "disputed by another statement of the report", "inconsistent": "flagged inconsistent",
              "ambiguous": "flagged ambiguous"}


def unit_flags(u) -> list[str]:
    """What a reader must know about one figure a headline rests on: its own status, and the
    figures counted inside it that are repaired, bounds, disputed or flagged (named)."""
    own, inside = {}, {}
    for item in u.flagged_members.split():
        fid, _, status = item.rpartition(":")
        (own if fid == u.unit_id else inside).setdefault(status, []).append(fid)
    flags = [FLAG_WORDS[s] for s in FLAG_WORDS if s in own]
    flags += [f"with {'a part' if len(inside[s]) == 1 else 'parts'} {FLAG_WORDS[s]} ({', '.join(inside[s])})"
              for s in FLAG_WORDS if s in inside and s not in own]  # 'repaired, with parts repaired' says it twice
    if u.scope == "shared":
        lead = f", led by {u.implementer}" if u.implementer else ""
        flags.append(f"counting a shared programme{lead}, not the actor's work alone")
    return flags


def describe_unit(u) -> str:
    """'UNW-061 (1,024,517 people sensitised, repaired from a damaged print)'."""
    what = vocab.label("indicator", u.indicator)
    return f"{u.unit_id} ({', '.join([f'{fmt_count(u.people)} {what}', *unit_flags(u)])})"


def rests_on(units: pd.DataFrame, people: pd.Series | None = None, what: str = "This",
             named: frozenset[str] = frozenset()) -> str:
    """How much of a number each figure carries: '96% on one figure, UNW-061 (…)', or the
    spread when no figure carries half; with every flagged figure named (by id only for the
    figures in ``named``, which an earlier sentence described)."""

    def describe(u) -> str:
        return u.unit_id if u.unit_id in named else describe_unit(u)

    people = units.people if people is None else people
    total = float(people.sum())
    if not len(units) or not total:
        return ""
    order = people.sort_values(ascending=False).index
    top = units.loc[order[0]]
    share = float(people[order[0]]) / total
    if len(units) == 1:
        text = f"{what} rests on one figure, {describe(top)}"
    elif share >= 0.5:
        text = f"{what} rests {fmt_share(share)} on one figure, {describe(top)}"
    else:
        text = (f"{what} is spread over {len(units)} figures; the largest, {describe(top)}, "
                f"carries {fmt_share(share)}")
    others = [i for i in order[1:] if unit_flags(units.loc[i])]
    if others:
        text += "; it also uses " + "; ".join(
            f"{describe(units.loc[i])}, {fmt_share(float(people[i]) / total)}" for i in others)
    return text + "."


def _low_and_high(row) -> str:
    if row.people_low == row.people_high:
        return ""
    low = row.low_figures.split()
    rule = ("the largest figure" if len(low) == 1 else
            f"figures that cannot count the same people added ({', '.join(low)})")
    return f" (at least {fmt_count(row.people_low)}: {rule}; at most {fmt_count(row.people_high)}: every figure added)"


def actor_sentence(reach, units: pd.DataFrame, targets=None, context: pd.DataFrame | None = None,
                   households: float = 0.0, printed=()) -> str:
    """What the sources let us say about one actor and report period: reach, how much of it
    states sex, women's share and parity where both sexes are counted, and what it rests on."""
    name = who(reach)
    if not reach.figures:
        text = f"{name}: {NO_FIGURES}, so no sex-disaggregated data"
        if targets is not None and targets.figures:
            text += f"; targets only: {_range(targets.people_low, targets.people_high)}"
        if households:
            text += f"; it counts households instead ({fmt_count(households)} households, not people)"
        if printed:
            text += f"; its only statement about sex is a printed share of women ({', '.join(map(fmt_share, printed))})"
        return text + "." + _context(context)
    text = (f"{name}: {_range(reach.people_low, reach.people_high)} reached directly, in "
            f"{plural(int(reach.figures), 'figure')}{_low_and_high(reach)}. ")
    if not reach.figures_with_sex:
        return text + "None of them states the sex of the people counted." + _rests(reach, units) + _context(context)
    said = []
    if pd.notna(reach.people_female):
        said.append(f"{fmt_count(reach.people_female)} women and girls")
    said.append(f"{fmt_count(reach.people_male)} men and boys" if pd.notna(reach.people_male)
                else "men and boys not stated")
    text += (f"Sex is stated for {'only ' if reach.disaggregation_coverage < 0.5 else ''}"
             f"{fmt_share(reach.disaggregation_coverage)} of the people counted ({', '.join(said)})")
    if reach.women_only_people:
        text += f"; {fmt_count(reach.women_only_people)} of the women are counted in women-only figures"
    text += ". "
    if not reach.figures_both_sexes:
        text += "No figure counts both women and men, so no share of women or parity index can be computed."
    elif pd.isna(reach.female_share):
        text += "Too few people of known sex in figures counting both women and men to show a share."
    elif reach.both_sexes_people < REPRESENTS * reach.people_high:
        both = units[(units.sex == "all") & units.female_stated & units.male_stated]
        text += (f"Only {plural(int(reach.figures_both_sexes), 'figure')} ({', '.join(both.unit_id)}: "
                 f"{fmt_count(reach.both_sexes_people)} people, {fmt_share(reach.both_sexes_people / reach.people_high)} "
                 f"of the reach) {'counts' if reach.figures_both_sexes == 1 else 'count'} both women and men; women "
                 f"and girls are {fmt_share(reach.female_share)} there, which says nothing about the rest of the "
                 "reach, so no share of women is given for the actor.")
    else:
        both = units[(units.sex == "all") & units.female_stated & units.male_stated]
        text += (f"In the {plural(int(reach.figures_both_sexes), 'figure')} that count both women and men "
                 f"({fmt_count(reach.both_sexes_people)} people), women and girls are "
                 f"{fmt_share(reach.female_share)} (parity index {reach.parity_index:.2f}: "
                 f"{parity_reading(reach.parity_index)}). "
                 + rests_on(both, both.female + both.male, "This share"))
        return text + _rests(reach, units, frozenset(both.unit_id)) + _context(context)
    return text + _rests(reach, units) + _context(context)


def _rests(reach, units: pd.DataFrame, named: frozenset[str] = frozenset()) -> str:
    line = rests_on(units, what="The reach", named=named)
    return f" {line}" if line else ""


def _context(context: pd.DataFrame | None) -> str:
    if context is None or context.empty:
        return ""
    def one(r) -> str:
        where = f" in {r.location}" if getattr(r, "location", "") else ""
        return f"{fmt_count(r.value)} {vocab.label('indicator', r.indicator)}{where}, {r.figure_id}"

    if len(context) > 2:
        return (f" Shown apart, not as reach: {len(context)} population-context figures (the largest: "
                f"{one(context.loc[context.value.idxmax()])}).")
    return " Shown apart, not as reach: " + "; ".join(one(r) for r in context.itertuples()) + "."


def groups_sentence(groups: pd.DataFrame) -> str:
    """Women's share among the bodies and trainings of known size, as one sentence ('' if none)."""
    counted = groups[groups.basis.str.startswith("women") & groups.women_share.notna()].sort_values("women_share")
    if counted.empty:
        return ""
    lowest, highest = counted.iloc[0], counted.iloc[-1]
    minority = int((counted.women_share < 0.5).sum())
    return (f"Women are fewer than half in {minority} of the {len(counted)} bodies and trainings that "
            f"state how many women they had (women ÷ group size): from {fmt_share(lowest.women_share)} among "
            f"{_lower_first(lowest.group)} ({lowest.figure_ids}) to {fmt_share(highest.women_share)} among "
            f"{_lower_first(highest.group)} ({highest.figure_ids}).")


def _lower_first(text: str) -> str:
    """'Key actors of the National Police' -> 'key actors of the National Police' (not 'BNDA' -> 'bNDA')."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


REACH_KIND_WORDS = {"trained": "trainings", "sensitized": "awareness-raising", "reached": "other assistance",
                    "members": "bodies (members)", "leaders": "leadership roles"}


def _kind(level: str) -> str:
    return REACH_KIND_WORDS.get(level, vocab.label("reach_kind", level))


def model_sentence(model: ShareModel) -> str:
    """The model's comparison in words: a difference only where its interval excludes none."""
    if not model.fitted:
        return f"No model of women's share was fitted: {model.reason}."
    parts, verdicts = [], []
    for row in model.table[model.table.level != model.table.reference].itertuples():
        ref = model.table[(model.table.term == row.term) & (model.table.level == row.reference)].iloc[0]
        parts.append(f"{_kind(row.level)} counted {fmt_share(row.pooled_share)} women ({row.units} figures, from "
                     f"{fmt_share(row.share_min)} to {fmt_share(row.share_max)}) against {fmt_share(ref.pooled_share)} "
                     f"in {_kind(row.reference)} ({ref.units} figures): odds ratio {row.odds_ratio:.2f}, "
                     f"95% interval {row.or_ci_low:.2f} to {row.or_ci_high:.2f}")
        verdicts.append(
            f"the interval excludes no difference (1): {_kind(row.level)} counted a {'lower' if row.odds_ratio < 1 else 'higher'} "
            f"share of women than {_kind(row.reference)}" if row.verdict == "differs" else
            f"the interval includes no difference (1): the data cannot tell whether {_kind(row.level)} and "
            f"{_kind(row.reference)} counted different shares of women")
    text = f"In the {model.units} figures that count both women and men, " + "; ".join(parts) + ". "
    text += "; ".join(v[:1].upper() + v[1:] for v in verdicts) + ". "
    if model.thin:
        text += (f"The model is thin: it rests on {model.units} figures (fewer than {THIN_UNITS} in a compared "
                 f"kind, or fewer than {THIN_DF} degrees of freedom left). ")
    return text + (f"The figures vary {model.dispersion:.0f} times more than chance alone would make them, and the "
                   "interval allows for that; they are reported counts, not samples, so this describes what was "
                   "reported, not an effect.")


def summary_sentences(reach: pd.DataFrame, units: pd.DataFrame, targets: pd.DataFrame, groups: pd.DataFrame,
                      model: ShareModel, context: pd.DataFrame, households: dict[str, float]) -> list[str]:
    """The key findings, generated from the tables: coverage overall, one sentence per actor and
    report period, women among leaders and trainees, and the model."""
    figures, with_sex = int(reach.figures.sum()), int(reach.figures_with_sex.sum())
    out = []
    if figures:
        out.append(f"Of the {figures} figures counting people reached directly, {with_sex} "
                   f"({fmt_share(with_sex / figures)}) say anything about the sex of the people counted.")
    printed = groups[groups.basis.str.startswith("printed")].groupby("actor").women_share.apply(list)
    tgt = targets.set_index(["actor", "report_period"])
    for r in reach.itertuples():
        key = (r.actor, r.report_period)
        own = units[(units.actor == r.actor) & (units.report_period == r.report_period)]
        ctx = context[(context.actor == r.actor) & (context.report_period == r.report_period)]
        out.append(actor_sentence(r, own.reset_index(drop=True), next(tgt.loc[[key]].itertuples(), None)
                                  if key in tgt.index else None, ctx, households.get(r.actor, 0.0),
                                  printed.get(r.actor, [])))
    out += [s for s in (groups_sentence(groups), model_headline(model) if figures else "") if s]
    return out


def model_headline(model: ShareModel) -> str:
    """The model's answer in one sentence for the summary (the full account is in its section)."""
    if not model.fitted:
        return ""
    rows = model.table[model.table.level != model.table.reference]
    parts = [f"{_kind(r.level)} against {_kind(r.reference)}: "
             + ("a difference" if r.verdict == "differs" else "the data cannot tell")
             + f" (odds ratio {r.odds_ratio:.2f}, 95% interval {r.or_ci_low:.2f} to {r.or_ci_high:.2f})"
             for r in rows.itertuples()]
    thin = f"; a thin model of {model.units} figures" if model.thin else ""
    return "Does the share of women differ by kind of activity? " + "; ".join(parts) + thin + " (see Statistics)."


def read_first(reach: pd.DataFrame, model: ShareModel, context: pd.DataFrame, groups: pd.DataFrame) -> list[str]:
    """The caveats a reader must not miss, for the box at the top of the report."""
    counted = reach[reach.figures > 0]
    thin = counted[counted.disaggregation_coverage < 0.5]
    out = ["These are the organisations' own counts, not samples: intervals describe chance, not the people a "
           "report did not count.",
           "Actors count different things as 'reached' (trained, sensitised, screened, member of a body): set them "
           "side by side, never add them, and read each share against what was counted.",
           "An actor's figures may count the same people, so reach is a range from at least (figures that cannot "
           "overlap, added) to at most (every figure added); the counts of women and men are sums, like 'at most'."]
    if len(thin):
        out.append("Sex is stated for fewer than half of the people counted by " + "; ".join(
            f"{who(r)}, {fmt_share(r.disaggregation_coverage)}" for r in thin.itertuples())
                   + ". The figures that state sex are often women-only activities, so a share there says "
                     "nothing about the rest of the reach.")
    if model.fitted and model.thin:
        out.append(f"The comparison of kinds of activity rests on {model.units} figures: too few to say more than "
                   "what the interval allows.")
    if len(context):
        out.append(f"{len(context)} population-context figures (people in need, covered by plans, at risk, "
                   "displaced) are shown apart and never counted as reach.")
    if groups.basis.str.startswith("printed").any():
        out.append("Printed percentages ('50% of the champions are women') are used as given: the number of people "
                   "behind them is not stated, so they carry no interval and are not counts.")
    return out

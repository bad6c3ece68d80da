"""Unique people behind several counts: the one overlap rule of both analyses.

Counts of one actor may count the same people (the women trained are often the women
sensitised), so their sum is only an upper bound of the people reached. Some counts
cannot be the same people, and the figures say so: two counts in different places (two
regions of one country, or two countries) or two counts of one sex each, of different
sexes (a count of women and a count of men). Such counts are added; counts that can
overlap are not. The lower bound is therefore the largest total of counts that pairwise
cannot overlap, and the upper bound the sum of all counts; a single count is both.
Parts of a count (by sex, place, sub-activity) are never separate counts here: the
callers pass only counts that are not parts of another."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helpers.sources import vocab


@dataclass(frozen=True)
class Place:
    """Where a count was made, as far as the figure says: a country and a region within it."""

    country: str = ""  # '' when the figure does not say
    region: str = ""  # '' for the whole country, several regions, or not stated

    @classmethod
    def of(cls, region: str) -> Place:
        if not region or region == "multiple":
            return cls()
        country = vocab.country_of(region) or region  # 'outside Mali' is a place of its own
        return cls(country, "" if vocab.is_national(region) else region)


def disjoint(a: Place, sex_a: str, b: Place, sex_b: str) -> bool:
    """Can two counts not be the same people? Different countries, different regions of one
    country, or counts of one sex each (by design) of different sexes."""
    if a.country and b.country and a.country != b.country:
        return True
    if a.country == b.country and a.region and b.region and a.region != b.region:
        return True
    return bool(sex_a and sex_b and sex_a != sex_b)


@dataclass(frozen=True)
class Bounds:
    """Unique people: ``low`` (the counts in ``low_ids``, which cannot overlap, added) and
    ``high`` (every count added)."""

    low: float
    high: float
    low_ids: tuple[str, ...]


def unique_people(ids: Sequence[str], people: Sequence[float], regions: Sequence[str],
                  sexes: Sequence[str] = ()) -> Bounds:
    """Bounds of the unique people counted by ``ids`` (see the module docstring). ``sexes``
    gives, per count, 'female' or 'male' for a count of one sex by design, else ''."""
    sexes = list(sexes) or [""] * len(ids)
    if not len(ids):
        return Bounds(0.0, 0.0, ())
    # Counts with the same place and sex overlap with each other and with the same others:
    # only the largest of each such group can be part of the best set.
    best: dict[tuple[Place, str], tuple[float, str]] = {}
    for fid, n, region, sex in zip(ids, people, regions, sexes):
        key = (Place.of(region), sex if sex in ("female", "male") else "")
        if key not in best or n > best[key][0]:
            best[key] = (float(n), fid)
    keys = sorted(best, key=lambda k: -best[k][0])
    chosen = _heaviest_disjoint_set(keys, [best[k][0] for k in keys])
    low = sum(best[keys[i]][0] for i in chosen)
    position = {fid: i for i, fid in enumerate(ids)}
    return Bounds(low, float(sum(people)), tuple(sorted((best[keys[i]][1] for i in chosen), key=position.get)))


def _heaviest_disjoint_set(keys: list[tuple[Place, str]], weights: list[float]) -> list[int]:
    """Indices of the heaviest set of pairwise-disjoint keys (exact branch and bound; the keys
    are few: one per place and sex of an actor's counts)."""
    n = len(keys)
    compatible = [[disjoint(*keys[i], *keys[j]) for j in range(n)] for i in range(n)]
    best: list = [0.0, []]

    def search(i: int, chosen: list[int], total: float, remaining: float) -> None:
        if total > best[0]:
            best[0], best[1] = total, list(chosen)
        if i == n or total + remaining <= best[0]:
            return
        if all(compatible[i][j] for j in chosen):
            search(i + 1, chosen + [i], total + weights[i], remaining - weights[i])
        search(i + 1, chosen, total, remaining - weights[i])

    search(0, [], 0.0, sum(weights))
    return best[1]

"""One look for every chart: a seaborn theme and fixed colours for sex, so women are the
same colour in every chart of every report, and "sex not stated" is always the grey one."""
from __future__ import annotations

import textwrap

import matplotlib
import seaborn as sns
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.analysis.gender.selection import PARITY_SHARES
from helpers.sources import manifest

SEX_ORDER = ("female", "male", "unknown")
SEX_LABELS = {"female": "women and girls", "male": "men and boys", "unknown": "sex not stated"}
# Colour-blind safe (ColorBrewer PRGn ends), and grey for what the sources do not say.
SEX_PALETTE = {"female": "#762a83", "male": "#1b7837", "unknown": "#bababa"}
PARITY_COLOUR = "#999999"


def use() -> None:
    """Apply the report theme (call once, before the first chart)."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.95,
                  rc={"axes.titlelocation": "left", "axes.titlesize": "medium", "axes.titleweight": "bold",
                      "figure.dpi": 110, "savefig.bbox": "tight"})


def add_parity_band(ax, vertical: bool = True) -> None:
    """Shade the shares of women read as parity (index 0.97-1.03) and mark 50%; the legend
    entry is :func:`parity_handle`."""
    span, line = (ax.axvspan, ax.axvline) if vertical else (ax.axhspan, ax.axhline)
    span(*PARITY_SHARES, color=PARITY_COLOUR, alpha=0.25, lw=0)
    line(0.5, color="#555555", lw=1, ls="--")


def parity_handle() -> Patch:
    return Patch(color=PARITY_COLOUR, alpha=0.25, label="parity (index 0.97-1.03)")


def women_marker(label: str, marker: str = "o", filled: bool = True) -> Line2D:
    """A legend entry for a share-of-women marker, the same size whatever the plotted sizes."""
    colour = SEX_PALETTE["female"]
    return Line2D([], [], ls="", marker=marker, markersize=8, color=colour,
                  markerfacecolor=colour if filled else "white", label=label)


def legend_below(fig, handles) -> None:
    """The legend under the chart, so it never collides with a wrapped title
    (the figure must use layout="constrained")."""
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), frameon=False, fontsize=8)


def title(ax, text: str, width: int = 65) -> None:
    """A chart title that states the finding, wrapped so it never widens the figure."""
    ax.set_title("\n".join(textwrap.wrap(text, width)))


# Colours for actors, in the order of the actors table: ColorBrewer Dark2 (colour-blind safe)
# for the first eight, then the paired tab20 colours; an actor keeps its colour in every chart
# whichever actors a report shows.
ACTOR_PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
                 *matplotlib.colormaps["tab20"].colors)


def actor_colours() -> dict[str, str]:
    """Actor -> colour for every actor of the data, however many."""
    return {actor: matplotlib.colors.to_hex(ACTOR_PALETTE[i % len(ACTOR_PALETTE)])
            for i, actor in enumerate(manifest.actor_table().actor)}

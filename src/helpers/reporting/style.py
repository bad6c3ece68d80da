"""One look for every chart: a seaborn theme and fixed colours for sex, so women are the
same colour in every chart of every report, and "sex not stated" is always the grey one.

Charts are shown by :func:`show` as a figure element: the title that states the finding
and the source line are page text (they wrap, print sharp and can be searched), the image
carries an alt text that says what it shows, and it is displayed at its natural size so
that its text prints as large as the body text."""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
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


# Points: the print stylesheet sets body text to 10.5pt, and an image shown at its natural
# size prints its text at the size it was drawn.
FONT_SIZE = 10.5
WIDTH = 6.5  # inches: an A4 or Letter page less its margins
DPI = 200  # sharp in print; the page shows the image at 96 pixels per inch


def use() -> None:
    """Apply the report theme (call once, before the first chart)."""
    sns.set_theme(style="whitegrid", context="notebook",
                  rc={"font.size": FONT_SIZE, "axes.labelsize": FONT_SIZE, "xtick.labelsize": FONT_SIZE,
                      "ytick.labelsize": FONT_SIZE, "legend.fontsize": FONT_SIZE, "axes.titlesize": FONT_SIZE,
                      "figure.dpi": 96, "savefig.bbox": "tight"})


def source_line(docs, generated: dt.date | None = None) -> str:
    """'Sources: <publisher>, <title> (<period>); …. Chart made <date>.' for the documents a chart rests on."""
    made = (generated or dt.date.today()).isoformat()
    listed = "; ".join(f"{d.publisher}, {d.title} ({d.period_covered or 'period not stated'})"
                       for d in docs.itertuples())
    return f"Sources: {listed}. Chart made {made} from the figures quoted in these documents."


def show(fig, *, title: str, alt: str, source: str, marks: int) -> None:
    """Display ``fig`` as a figure with its finding as title, an alt text and a source line.
    ``marks`` is the number of bars, dots or cells drawn: a chart of fewer than two says
    nothing a sentence would not, and is refused."""
    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    if marks < 2:
        plt.close(fig)
        raise ValueError(f"chart {title!r} would show {marks} mark(s): write a sentence instead")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    plt.close(fig)
    png = buffer.getvalue()
    width = round(int.from_bytes(png[16:20], "big") * 96 / DPI)  # the PNG header's width, cropped to the drawing
    data = base64.b64encode(png).decode("ascii")
    display(HTML(
        f'<figure class="chart" data-marks="{marks}"><figcaption class="chart-title">{html.escape(title)}</figcaption>'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="width:{width}px">'
        f'<p class="chart-source">{html.escape(source)}</p></figure>'))


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
    """The legend under the chart, on one row when it fits the page width, so it never
    widens the figure (the figure must use layout="constrained")."""
    one_row = sum(len(h.get_label()) + 6 for h in handles) <= 80
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles) if one_row else 1, frameon=False)


PERCENT_TICKS = ([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])


def sex_share_bars(composition, rows: list[str], values: list[str]):
    """One bar per row splitting its people into women and girls, men and boys and sex not
    stated (``composition``: long, with columns row, sex, share), its count in a column on the
    right; the landing page and the gender report draw the same picture."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(WIDTH, 1.2 + 0.5 * len(rows)), layout="constrained")
    left = [0.0] * len(rows)
    for sex in SEX_ORDER:
        part = composition[composition.sex == sex].set_index("row").share.reindex(rows).fillna(0).tolist()
        ax.barh(rows, part, left=left, color=SEX_PALETTE[sex], label=SEX_LABELS[sex])
        left = [a + b for a, b in zip(left, part)]
    ax.set_xlim(0, 1)
    ax.set_xticks(*PERCENT_TICKS)
    ax.invert_yaxis()
    row_values(ax, values)
    ax.set_xlabel("share of the people counted (at most)")
    legend_below(fig, ax.get_legend_handles_labels()[0])
    sns.despine(left=True)
    return fig


def row_values(ax, labels, bold=None) -> None:
    """A column of values on the right of a horizontal chart, one per row, clear of the bars
    and gridlines (a secondary axis: the data area keeps its own scale). Call after the rows
    are placed; ``bold`` marks the rows to stress."""
    values = ax.secondary_yaxis("right")
    values.set_yticks(ax.get_yticks(), list(labels))
    values.tick_params(axis="y", length=0)
    values.spines["right"].set_visible(False)
    ax.grid(axis="y", visible=False)
    for label, strong in zip(values.get_yticklabels(), bold if bold is not None else []):
        label.set_fontweight("bold" if strong else "normal")


def wrap(label: str, width: int = 30) -> str:
    """A tick label on several lines, so that long names are never cut or widen the chart."""
    return "\n".join(textwrap.wrap(label, width)) or label


# Colours for actors, in the order of the actors table: the colour-blind-safe palette of Okabe
# and Ito ("Color Universal Design", 2008) without its greens, purples and grey, which mean
# women, men and "not stated" here, plus two earth tones; then the paired tab20 colours. An
# actor keeps its colour in every chart whichever actors a report shows.
ACTOR_PALETTE = ("#E69F00", "#0072B2", "#D55E00", "#56B4E9", "#000000", "#8C510A", "#F0E442", "#CC6677",
                 *matplotlib.colormaps["tab20"].colors)


def actor_colours() -> dict[str, str]:
    """Actor -> colour for every actor of the data, however many."""
    return {actor: matplotlib.colors.to_hex(ACTOR_PALETTE[i % len(ACTOR_PALETTE)])
            for i, actor in enumerate(manifest.actor_table().actor)}

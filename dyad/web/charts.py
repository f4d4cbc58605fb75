"""Plotly figures built here and drawn in the browser by the bundled plotly.js; they are
handed over as JSON in a ``<script type="application/json">`` element."""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio
from markupsafe import Markup

from dyad.store import Edge, PeriodCounts, Place

__all__ = [
    "QUAD_COLOURS",
    "QUAD_NAMES",
    "activity_figure",
    "figure_json",
    "map_figure",
    "network_figure",
    "timeline_figure",
    "types_figure",
]

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
QUAD_COLOURS = {1: "#74c476", 2: "#238b45", 3: "#fd8d3c", 4: "#cb181d"}
_FONT = {"family": "system-ui, sans-serif", "size": 13}


def figure_json(fig: go.Figure) -> Markup:
    """The figure as JSON that is safe inside a script element (``<``, ``>`` and ``&`` are
    written as unicode escapes, so stored text in labels cannot close the element)."""
    text = pio.to_json(fig, validate=False, pretty=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return Markup(text)


def _layout(fig: go.Figure, x: str, y: str, height: int = 360) -> go.Figure:
    """Axis titles and the legend above the plot; the chart's title is the page's heading
    above it (a plotly title would collide with a legend that wraps on a phone)."""
    fig.update_layout(
        font=_FONT,
        height=height,
        margin={"l": 56, "r": 16, "t": 56, "b": 56},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    fig.update_xaxes(title_text=x, showgrid=False, linecolor="#888")
    fig.update_layout(yaxis_title_text=y)
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#888")
    return fig


def _quad_bars(fig: go.Figure, periods: Sequence[PeriodCounts], **kw: object) -> None:
    xs = [p.period for p in periods]
    for quad, name in QUAD_NAMES.items():
        fig.add_trace(
            go.Bar(
                x=xs,
                y=[p.by_quad.get(quad, 0) for p in periods],
                name=name,
                marker_color=QUAD_COLOURS[quad],
                hovertemplate="%{x}: %{y} " + name + "<extra></extra>",
                **kw,
            )
        )


def activity_figure(
    periods: Sequence[PeriodCounts], articles: Sequence[tuple[str, int]], interval: str
) -> go.Figure:
    """Events per period by quad class (bars) and articles per period (line)."""
    fig = go.Figure()
    _quad_bars(fig, periods)
    fig.add_trace(
        go.Scatter(
            x=[p for p, _ in articles],
            y=[n for _, n in articles],
            name="articles",
            mode="lines+markers",
            line={"color": "#333", "width": 2},
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", categoryorder="category ascending")
    return _layout(fig, interval, "count", 400)


def types_figure(counts: Sequence[tuple[str, int, int]]) -> go.Figure:
    """Events by PLOVER type, stacked by quad class."""
    totals: dict[str, int] = {}
    for t, _, n in counts:
        totals[t] = totals.get(t, 0) + n
    order = sorted(totals, key=lambda t: (totals[t], t))
    fig = go.Figure()
    for quad, name in QUAD_NAMES.items():
        by_type = {t: n for t, q, n in counts if q == quad}
        if not by_type:
            continue
        fig.add_trace(
            go.Bar(
                y=order,
                x=[by_type.get(t, 0) for t in order],
                orientation="h",
                name=name,
                marker_color=QUAD_COLOURS[quad],
                hovertemplate="%{y}: %{x} " + name + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(dtick=1)
    height = max(320, 110 + 24 * len(order))
    return _layout(fig, "events", "", height)


def timeline_figure(periods: Sequence[PeriodCounts], interval: str) -> go.Figure:
    """Event counts by quad class per period, with the mean Goldstein score on its own axis
    (-10 conflict to +10 cooperation)."""
    fig = go.Figure()
    _quad_bars(fig, periods)
    fig.add_trace(
        go.Scatter(
            x=[p.period for p in periods],
            y=[p.mean_goldstein for p in periods],
            name="mean Goldstein",
            mode="lines+markers",
            yaxis="y2",
            line={"color": "#2c3e91", "width": 2},
            hovertemplate="%{x}: mean Goldstein %{y:.2f}<extra></extra>",
        )
    )
    fig.update_layout(
        barmode="stack",
        yaxis2={
            "title": {"text": "mean Goldstein"},
            "overlaying": "y",
            "side": "right",
            "range": [-10.5, 10.5],
            "tickmode": "linear",
            "tick0": -10,
            "dtick": 5,
            "showgrid": False,
            "zeroline": True,
            "zerolinecolor": "#b8c0dd",
        },
    )
    fig.update_xaxes(type="category", categoryorder="category ascending")
    _layout(fig, interval, "events")
    fig.update_layout(margin={"r": 56})
    return fig


def network_figure(code: str, edges: Sequence[Edge]) -> go.Figure:
    """``code`` in the middle, its partners on a circle; an arrow per direction, as wide as
    its events are many, coloured by their mean Goldstein score (red conflict, green
    cooperation)."""
    partners: list[str] = []
    for e in edges:
        other = e.recipient if e.actor == code else e.actor
        if other not in partners:
            partners.append(other)
    pos = {code: (0.0, 0.0)}
    for i, p in enumerate(partners):
        angle = 2 * math.pi * i / max(1, len(partners)) + math.pi / 2
        pos[p] = (math.cos(angle), math.sin(angle))
    most = max((e.events for e in edges), default=1)
    fig = go.Figure()
    mid_x: list[float] = []
    mid_y: list[float] = []
    mid_text: list[str] = []
    mid_colour: list[float] = []
    for e in edges:
        (x0, y0), (x1, y1) = pos[e.actor], pos[e.recipient]
        # Two directions of one pair run side by side, each shifted off the centre line.
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / length * 0.04, dx / length * 0.04
        sx, sy, ex, ey = x0 + ox, y0 + oy, x1 + ox, y1 + oy
        # Stop short of the node so the arrow head shows.
        ex, ey = ex - dx / length * 0.12, ey - dy / length * 0.12
        sx, sy = sx + dx / length * 0.12, sy + dy / length * 0.12
        fig.add_annotation(
            x=ex,
            y=ey,
            ax=sx,
            ay=sy,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowsize=1,
            arrowwidth=1 + 5 * e.events / most,
            arrowcolor=_goldstein_colour(e.mean_goldstein),
            text="",
        )
        mid_x.append((sx + ex) / 2)
        mid_y.append((sy + ey) / 2)
        mid_colour.append(e.mean_goldstein)
        mid_text.append(
            f"{e.actor} → {e.recipient}: {e.events} events, {e.conflict} conflict, "
            f"mean Goldstein {e.mean_goldstein:+.1f}"
        )
    fig.add_trace(
        go.Scatter(
            x=mid_x,
            y=mid_y,
            mode="markers",
            marker={
                "size": 9,
                "color": mid_colour,
                "colorscale": "RdYlGn",
                "cmin": -10,
                "cmax": 10,
                "colorbar": {"title": {"text": "mean Goldstein"}, "thickness": 12},
            },
            text=mid_text,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    names = [code, *partners]
    fig.add_trace(
        go.Scatter(
            x=[pos[n][0] for n in names],
            y=[pos[n][1] for n in names],
            mode="markers+text",
            text=names,
            textposition="middle center",
            marker={"size": [46] + [36] * len(partners), "color": "#dfe6f5", "line": {"width": 1}},
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    hidden = {"visible": False, "range": [-1.35, 1.35]}
    fig.update_layout(xaxis=hidden, yaxis={**hidden, "scaleanchor": "x"})
    _layout(fig, "", "", 460)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def map_figure(places: Sequence[Place]) -> go.Figure:
    """Event places, sized by events and coloured by their mean Goldstein score."""
    most = max((p.events for p in places), default=1)
    fig = go.Figure(
        go.Scattergeo(
            lon=[p.lon for p in places],
            lat=[p.lat for p in places],
            text=[
                f"{p.name}{' (' + p.country + ')' if p.country else ''}: {p.events} events, "
                f"mean Goldstein {p.mean_goldstein:+.1f}"
                for p in places
            ],
            hovertemplate="%{text}<extra></extra>",
            mode="markers",
            marker={
                "size": [8 + 22 * math.sqrt(p.events / most) for p in places],
                "color": [p.mean_goldstein for p in places],
                "colorscale": "RdYlGn",
                "cmin": -10,
                "cmax": 10,
                "line": {"width": 0.5, "color": "#333"},
                "colorbar": {"title": {"text": "mean Goldstein"}, "thickness": 12},
            },
        )
    )
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbb",
        showland=True,
        landcolor="#f2f2f2",
        resolution=110,
    )
    fig.update_layout(font=_FONT, height=460, margin={"l": 8, "r": 8, "t": 8, "b": 8})
    return fig


def _goldstein_colour(g: float) -> str:
    if g <= -2:
        return QUAD_COLOURS[4]
    if g < 0:
        return QUAD_COLOURS[3]
    if g < 2:
        return "#999999"
    return QUAD_COLOURS[2]

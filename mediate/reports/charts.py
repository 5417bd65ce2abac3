"""Simple, legible bar charts as PNG, drawn with Pillow and a CJK font (see `fonts`).

Pillow rather than matplotlib: a few bar charts do not earn a 40 MB plotting stack, and
Pillow draws the Chinese labels with the exact font we checked.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mediate.reports.fonts import find_cjk_font

PALETTE = ("#2f5597", "#c55a11", "#7f7f7f", "#548235", "#bf9000", "#7030a0")
WIDTH, HEIGHT = 1600, 900
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 140, 60, 160, 150


@dataclass
class Series:
    name: str
    values: Sequence[float | None]


def _font(size: int) -> Any:
    from PIL import ImageFont

    choice = find_cjk_font()
    return ImageFont.truetype(str(choice.path), size, index=choice.index)


def _fmt(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.1f}".removesuffix(".0") + "%"
    return f"{value:g}"


def _nice_max(value: float, percent: bool) -> float:
    if percent:
        return max(1.0, value)
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return float(step * 5 if value > step * 4 else step * 4)
    magnitude = 10 ** (len(str(int(value))) - 1)
    return float((int(value // magnitude) + 1) * magnitude)


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _legend(draw: Any, series: Sequence[Series], font: Any) -> None:
    x = MARGIN_LEFT
    for number, s in enumerate(series):
        color = PALETTE[number % len(PALETTE)]
        draw.rectangle((x, 80, x + 28, 108), fill=color)
        draw.text((x + 38, 76), s.name, font=font, fill="#222222")
        x += 38 + int(draw.textlength(s.name, font=font)) + 50


def bar_chart(
    title: str, categories: Sequence[str], series: Sequence[Series], percent: bool = False
) -> bytes:
    """Grouped vertical bars: one group per category, one bar per series."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    title_font, font, small = _font(44), _font(30), _font(26)
    draw.text((WIDTH // 2, 20), title, font=title_font, fill="#111111", anchor="ma")
    _legend(draw, series, font)
    values = [v for s in series for v in s.values if v is not None]
    top = _nice_max(max(values, default=0.0), percent)
    x0, y0 = MARGIN_LEFT, HEIGHT - MARGIN_BOTTOM
    x1, y1 = WIDTH - MARGIN_RIGHT, MARGIN_TOP
    for tick in range(5):
        value = top * tick / 4
        y = y0 - (y0 - y1) * tick / 4
        draw.line((x0, y, x1, y), fill="#dddddd", width=2)
        draw.text((x0 - 12, y), _fmt(value, percent), font=small, fill="#444444", anchor="rm")
    draw.line((x0, y0, x1, y0), fill="#333333", width=3)
    group = (x1 - x0) / max(1, len(categories))
    bar = group * 0.75 / max(1, len(series))
    for i, category in enumerate(categories):
        left = x0 + group * i + group * 0.125
        for j, s in enumerate(series):
            given = s.values[i]
            if given is None:
                continue
            value = float(given)
            height = (y0 - y1) * (value / top if top else 0)
            bx = left + bar * j
            draw.rectangle((bx, y0 - height, bx + bar - 4, y0), fill=PALETTE[j % len(PALETTE)])
            draw.text(
                (bx + bar / 2, y0 - height - 6),
                _fmt(value, percent),
                font=small,
                fill="#222222",
                anchor="md",
            )
        draw.text(
            (x0 + group * (i + 0.5), y0 + 16), category, font=font, fill="#222222", anchor="ma"
        )
    return _png(image)


def hbar_chart(title: str, labels: Sequence[str], values: Sequence[float]) -> bytes:
    """Horizontal bars, largest first as given: a mix (causes) reads best this way."""
    from PIL import Image, ImageDraw

    rows = max(1, len(labels))
    height = max(400, MARGIN_TOP + 70 * rows + 60)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, font = _font(44), _font(30)
    draw.text((WIDTH // 2, 20), title, font=title_font, fill="#111111", anchor="ma")
    label_width = min(
        560, max((int(draw.textlength(t, font=font)) for t in labels), default=0) + 30
    )
    x0, x1 = MARGIN_LEFT // 2 + label_width, WIDTH - MARGIN_RIGHT - 120
    top = max(values, default=0.0) or 1.0
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = MARGIN_TOP + 70 * i
        draw.text((x0 - 16, y + 25), label, font=font, fill="#222222", anchor="rm")
        width = (x1 - x0) * value / top
        draw.rectangle((x0, y + 5, x0 + width, y + 50), fill=PALETTE[0])
        draw.text((x0 + width + 12, y + 25), f"{value:g}", font=font, fill="#222222", anchor="lm")
    return _png(image)

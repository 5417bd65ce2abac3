"""`report funnel` at fixed widths: every county's column when it fits, one row per area
when the terminal is narrow; words and shares never cut."""

import io

import pytest
from rich.console import Console

from mediate import console
from mediate.domain.divisions import COUNTIES
from mediate.reports.filters import Filters
from mediate.reports.funnel import BUCKETS, WITHDRAWN
from mediate.reports.model import FunnelColumn, FunnelReport
from mediate.reports.periods import parse_period
from mediate.textwidth import cell_width


def _report() -> FunnelReport:
    counts = {bucket: n + 1 for n, bucket in enumerate(BUCKETS)} | {WITHDRAWN: 1}
    counties = [FunnelColumn(code, name, dict(counts)) for code, name in list(COUNTIES.items())[:8]]
    total = FunnelColumn(None, "全市", {k: v * 8 for k, v in counts.items()})
    return FunnelReport(Filters(parse_period("2026"), None, None), total, counties)


@pytest.fixture
def funnel(monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")

    def render(width: int) -> str:
        from mediate.commands.report_views import render_funnel

        buffer = io.StringIO()
        monkeypatch.setattr(
            console, "out", Console(file=buffer, width=width, no_color=True, highlight=False)
        )
        render_funnel(_report())
        return buffer.getvalue()

    return render


def test_wide_the_funnel_has_a_column_per_county(funnel):
    text = funnel(200)
    header = next(line for line in text.splitlines() if "化解层次" in line)
    assert "全市" in header and "解放区" in header and "修武县" in header


def test_narrow_the_funnel_is_transposed_and_nothing_is_cut(funnel):
    text = funnel(80)
    assert max(cell_width(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    rows = [line for line in text.splitlines() if line.startswith("│")]
    assert any(line.startswith("│ 解放区") for line in rows)
    assert any(line.startswith("│ 修武县") for line in rows)
    assert "地区" in text and "(10.0%)" in text.replace("\n", "")


def test_at_60_columns_the_funnel_still_fits(funnel):
    text = funnel(60)
    assert max(cell_width(line) for line in text.splitlines()) <= 60
    assert "…" not in text and "解放区" in text

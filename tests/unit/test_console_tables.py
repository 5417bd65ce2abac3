"""Tables at fixed widths (never the real terminal's): nothing a clerk must read or type is
cut — ids and numbers whole, statuses distinguishable, no ellipsis."""

import io

import pytest
from rich.console import Console

from mediate import console
from mediate.textwidth import cell_width

CASES = [
    [
        "1",
        "（2026）豫0802民初1234号",
        "金融借款合同纠纷",
        "52000.50",
        "2026-11-02",
        "调解中",
        "焦作市金融纠纷调解委员会",
        "2026-12-02",
        "中国工商银行股份有限公司焦作分行",
        "张伟",
    ],
    [
        "2",
        "（2026）豫0802民初1235号",
        "信用卡纠纷",
        "18000.00",
        "2026-11-03",
        "调解成功",
        "焦作市解放区人民法院诉调对接中心",
        "2026-12-03",
        "某银行",
        "王芳、刘洋",
    ],
    [
        "3",
        "",
        "物业服务合同纠纷",
        "3260.00",
        "2026-11-04",
        "调解不成",
        "焦作市解放区物业纠纷人民调解委员会",
        "2026-12-04",
        "焦作市安居物业服务有限公司",
        "李强",
    ],
]
HEADERS = [
    "编号",
    "案号",
    "案由",
    console.Column("标的额", justify="right", drop=3),
    console.Column("收案日期", drop=4),
    "状态",
    "机构",
    "办理期限",
    console.Column("申请人", drop=1),
    console.Column("被申请人", drop=2),
]


@pytest.fixture
def render(monkeypatch):
    def run(width, headers=HEADERS, rows=CASES):
        buffer = io.StringIO()
        monkeypatch.setattr(
            console, "out", Console(file=buffer, width=width, no_color=True, highlight=False)
        )
        console.table(headers, rows, caption="共 3 件")
        return buffer.getvalue()

    return run


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_a_table_fits_the_width_and_cuts_nothing(render, width):
    text = render(width)
    assert "…" not in text
    assert max(cell_width(line) for line in text.splitlines()) <= width
    flat = text.replace("│", " ").replace("\n", " ")
    for status in ("调解中", "调解成功", "调解不成"):
        assert status in flat
    for number in ("2026-12-02", "2026-12-03"):
        assert number in text


def test_at_120_columns_every_column_is_shown(render):
    text = render(160)
    assert "被申请人" in text and "因宽度不足" not in text


def test_at_80_columns_droppable_columns_go_and_the_caption_says_which(render, monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    text = render(80)
    assert "编号" in text and "状态" in text and "办理期限" in text
    assert "收案日期" in text.split("共 3 件")[1]  # named in the note, not as a column


def test_too_narrow_for_any_table_each_row_becomes_a_record(render):
    text = render(30)
    assert "┃" not in text
    lines = [line.rstrip() for line in text.splitlines()]
    assert "状态      调解不成" in lines
    assert "办理期限  2026-12-04" in lines
    assert max(cell_width(line) for line in lines) <= 30


def test_ids_are_never_broken(render):
    rows = [
        [
            "jz-410802001-township-center",
            "焦作市解放区焦北街道矛盾纠纷调处中心",
            "街道(乡镇)矛盾纠纷调处中心",
        ]
    ]
    for width in (60, 80):
        text = render(width, ["编号", "名称", "类型"], rows)
        assert "jz-410802001-township-center" in text


def test_a_message_wraps_by_display_width_without_breaking_numbers_or_ids():
    text = (
        "案件 12 已移送至 jz-410802001-township-center，办理期限 2026-12-04，标的额 52,000.50 元。"
    )
    folded = console._fold(text, indent=2, width=40)
    lines = folded.split("\n")
    assert all(cell_width(line) <= 40 for line in lines)
    joined = "".join(line.strip() for line in lines)
    assert (
        joined == text.replace(" ", "").replace("", "") or "jz-410802001-township-center" in folded
    )
    for piece in ("jz-410802001-township-center", "2026-12-04", "52,000.50"):
        assert any(piece in line for line in lines), piece
    assert all(line.startswith("  ") for line in lines[1:])


@pytest.mark.parametrize("width", [60, 80])
def test_a_case_number_breaks_only_between_court_code_and_case_type(render, width):
    """法〔2015〕137号 art. 3: "（"+收案年度+"）"+法院代字+类型代字+案件编号+"号". A case
    number wider than its column is split into its court half and its case half, each whole
    (never （2026）豫 / 0802民初1234号, which no clerk could read back)."""
    text = render(width)
    lines = text.splitlines()
    whole_or_halves = [
        "（2026）豫0802民初1234号" in text,
        any("（2026）豫0802" in line for line in lines)
        and any("民初1234号" in line for line in lines),
    ]
    assert any(whole_or_halves)
    assert not any(line.rstrip(" │").endswith("（2026）豫") for line in lines)


def test_a_case_number_stays_whole_when_other_columns_can_give_the_width(render):
    """法〔2015〕137号 art. 3 form, read and typed back by the clerk: the break between the
    court's code and the case type is the last resort, taken only when the other columns
    cannot narrow (to their least width) to make room for the whole number."""
    rows = [
        ["1", "（2026）豫0802民初401号", "金融借款合同纠纷", "焦作市解放区人民法院诉调对接中心"]
    ]
    text = render(60, ["编号", "案号", "案由", "调解组织"], rows)
    assert "（2026）豫0802民初401号" in text, text
    narrow = render(40, ["编号", "案号", "案由", "调解组织"], rows)  # it cannot: halves
    assert "（2026）豫0802" in narrow and "民初401号" in narrow, narrow


def test_case_number_pieces():
    from mediate.textwidth import tokens, wrap

    assert tokens("（2026）豫0802民初1234号") == ["（2026）豫0802", "民初1234号"]
    assert wrap("见（2026）豫0802民初1234号民事裁定书", 14) == [
        "见",
        "（2026）豫0802",
        "民初1234号民事",
        "裁定书",
    ]
    assert wrap("（2026）豫0802民初1234号", 40) == ["（2026）豫0802民初1234号"]


def test_a_chinese_error_ends_with_a_full_stop(monkeypatch, capsys):
    """Reasons built for an import report's cells ("“abc”不是金额") end a sentence on the
    command line (walk of 2026-12-02); a path at the end is left as it is."""
    from mediate import console

    monkeypatch.setenv("MEDIATE_LANG", "zh")
    for text, shown in (
        ("--amount：“abc”不是金额", "--amount：“abc”不是金额。"),
        ("--phone：x 不是有效的电话号码：请填（如 0391-3561234）", "0391-3561234）。"),
        ("已经结束。", "已经结束。"),
        ("文件：/tmp/a.db", "文件：/tmp/a.db"),
    ):
        console.error(text)
        err = capsys.readouterr().err
        assert "".join(err.split()).endswith("".join(shown.split())), err

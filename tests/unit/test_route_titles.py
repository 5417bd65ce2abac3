"""Route titles: how a decision's rule and path are printed and read back."""

from mediate.i18n import in_language
from mediate.routing.titles import path_label, resolve, rule_label, titles_in

TITLES = {"professional": "专业调解领域", "traffic": "道路交通事故"}
NAMES = ["root", "professional", "traffic", "finance"]


def test_a_path_is_printed_by_titles_below_the_root_with_the_last_name_in_brackets():
    with in_language("zh_CN"):
        assert path_label(["root", "professional", "traffic"], TITLES) == (
            "专业调解领域 › 道路交通事故（traffic）"
        )
        assert path_label(["root", "finance"], TITLES) == "finance"  # no title: the name
        assert path_label(["root"], {"root": "兜底"}) == "兜底（root）"
        assert rule_label("transfer", TITLES) == "transfer"


def test_a_rule_is_read_back_by_name_title_or_as_printed_and_nothing_else():
    for typed in ("traffic", "道路交通事故", "道路交通事故（traffic）", "道路交通事故 (traffic)"):
        assert resolve(typed, NAMES, TITLES) == "traffic", typed
    assert resolve("价格争议", NAMES, TITLES) is None
    assert resolve("道路交通事故（nowhere）", NAMES, TITLES) is None


def test_titles_are_read_from_a_loaded_document_whatever_else_it_holds():
    document = {
        "route": {
            "name": "root",
            "routes": [
                {"name": "a", "title": " 甲 ", "routes": [{"name": "b", "title": "乙"}]},
                {"name": "c", "title": ""},
                "not a route",
            ],
        }
    }
    assert titles_in(document) == {"a": "甲", "b": "乙"}
    assert titles_in(["not", "rules"]) == {}

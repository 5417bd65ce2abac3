"""What the tool prints, it accepts: every closed set parses its codes and its labels in
both languages back to the code; anything else is refused with the allowed values."""

import pytest

from mediate.domain import vocabulary
from mediate.domain.vocabulary import ALL, ChoiceElsewhere, UnknownChoice, normalise
from mediate.i18n import LANGUAGES, _, in_language


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_label_printed_in_either_language_is_accepted_back(name):
    vocab = ALL[name]
    for code in vocab.codes:
        for language in LANGUAGES:
            with in_language(language):
                label = vocab.label(code)
            for word in (code, label):
                if code in vocab.elsewhere:  # known, and pointed to where it is done
                    with pytest.raises(ChoiceElsewhere, match="mediate credit report"):
                        vocab.parse(word)
                else:
                    assert vocab.parse(word) == code, (name, language, word)


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_value_as_an_error_lists_it_is_accepted_back(name):
    """`退回法院（returned_to_court）`, as `allowed` lists it, names returned_to_court
    (review of 2026-12-02: the error listed a form it then refused)."""
    vocab = ALL[name]
    for language in LANGUAGES:
        with in_language(language):
            for code in vocab.codes:
                if code in vocab.elsewhere:
                    continue
                label = vocab.label(code)
                word = _("{label} ({code})").format(label=label, code=code)
                assert vocab.parse(word) == code, (name, language, word)
                assert vocab.parse(f"{label} ({code})") == code, (name, word)


def test_a_label_and_a_code_that_disagree_are_refused():
    with pytest.raises(UnknownChoice):
        vocabulary.FOLLOW_UP.parse("退回法院（payment_order）")


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_word_names_two_values_of_one_set(name):
    vocab = ALL[name]
    seen: dict[str, str] = {}
    for code in vocab.codes:
        words = [code, *vocab.aliases.get(code, ())]
        for language in LANGUAGES:
            with in_language(language):
                words.append(vocab.label(code))
        for word in {normalise(w) for w in words}:
            assert seen.setdefault(word, code) == code, (name, word, seen[word], code)


def test_chinese_labels_are_labels_not_codes():
    with in_language("zh_CN"):
        assert vocabulary.CASE_STATUS.label("routed") == "已分流"
        assert vocabulary.ORG_KIND.label("professional") == "专业调解组织"


def test_the_words_the_issue_names_are_accepted():
    assert vocabulary.CASE_STATUS.parse("已分流") == "routed"
    assert vocabulary.OUTCOME.parse("成功") == "settled"
    assert vocabulary.FOLLOW_UP.parse("退回法院") == "returned_to_court"
    assert vocabulary.CONFIRMATION_STATUS.parse("已提交") == "filed"
    assert vocabulary.SOURCE.parse("委派") == "court_delegated"
    assert vocabulary.COUNTY.parse("解放区") == "410802"
    assert vocabulary.COUNTY.parse("410802") == "410802"
    assert vocabulary.MEDIATOR_TYPE.parse("律师") == "lawyer"


def test_case_separators_and_full_width_forms_do_not_matter():
    assert vocabulary.CASE_STATUS.parse("In Mediation") == "in_mediation"
    assert vocabulary.CASE_STATUS.parse("in-mediation") == "in_mediation"
    assert vocabulary.CASE_STATUS.parse(" ｒｏｕｔｅｄ ") == "routed"


def test_an_unknown_word_is_a_usage_error_listing_the_allowed_values(monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    with pytest.raises(UnknownChoice) as caught:
        vocabulary.CASE_STATUS.parse("nonsense")
    assert caught.value.exit_code == 2
    message = str(caught.value)
    assert "“nonsense”不是有效的案件状态" in message
    assert "已分流（routed）" in message and "调解不成（failed）" in message


def test_session_and_performance_events_read_in_chinese():
    from mediate.domain.events import action_label, describe

    with in_language("zh_CN"):
        assert action_label("session_scheduled") == "安排调解会"
        assert action_label("performance_partial") == "协议部分履行"
        assert describe({"on": "2026-12-01", "place": "调解室"}) == "日期：2026-12-01；地点：调解室"


def test_a_sessions_status_and_a_papers_kind_read_as_labels_in_every_export(tmp_path):
    """The labels live in `value_label`, so the CSV/XLSX writers show them as history
    does (`--raw` and JSON keep the codes); a body's or party's kind keeps its label."""
    import csv

    from mediate.domain.events import describe, value_label
    from mediate.reports.sinks import write_rows

    with in_language("zh_CN"):
        assert value_label("status", "held") == "已召开"
        assert value_label("status", "routed") == "已分流"
        assert value_label("kind", "court_report") == "调解情况报告"
        assert value_label("kind", "enterprise") == "企业"
        assert describe({"session": 1, "status": "cancelled"}) == "调解会：1；状态：已取消"
        assert describe({"mediator_id": 1}, {}, {1: "赵敏"}) == "调解员：赵敏（1）"
        rows = [["held", "court_report", {"kind": "notice", "status": "scheduled"}]]
        for fmt in ("csv", "xlsx"):
            target = tmp_path / f"history.{fmt}"
            write_rows(fmt, ["status", "kind", "after"], rows, target)
            if fmt == "csv":
                read = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
            else:
                from openpyxl import load_workbook

                sheet = load_workbook(target).active
                read = [[c.value for c in row] for row in sheet.iter_rows()]
            assert read[1][:2] == ["已召开", "调解情况报告"], (fmt, read)
        raw = tmp_path / "raw.csv"
        write_rows("csv", ["status", "kind"], [["held", "court_report"]], raw, raw=True)
        assert raw.read_text(encoding="utf-8").splitlines()[1] == "held,court_report"


def test_an_events_action_chooses_the_vocabulary_of_its_kind_and_status():
    """`describe` reads a `kind` or `status` in the vocabulary of the event's action, not by
    guessing from the value: a body kind this version does not know (written by a newer
    release or straight into the database) in a routing event is no paper, and an import
    batch's status is no session's, though the values look like a paper kind and a
    session status."""
    from mediate.domain.events import describe

    with in_language("zh_CN"):
        assert describe({"kind": "notice"}, action="route") == "类型：notice"
        assert describe({"kind": "enterprise"}, action="route") == "类型：企业"
        assert describe({"status": "cancelled"}, action="import") == "状态：cancelled"
        assert describe({"kind": "notice"}, action="document") == "类型：调解通知书"
        assert describe({"kind": "visit"}, action="performance_visit") == "类型：回访"
        assert describe({"status": "held"}, action="session_held") == "状态：已召开"
        assert describe({"status": "routed"}, action="route") == "状态：已分流"
        assert describe({"status": "confirmed"}, action="confirm_confirmed") == (
            "状态：法院裁定确认有效"
        )


def test_a_label_table_answers_in_the_language_of_each_call(monkeypatch):
    # the labels are built once per language and kept (org list asks once a row)
    monkeypatch.setenv("MEDIATE_LANG", "en")
    assert vocabulary.org_kind_label("court") == "court"
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    assert vocabulary.org_kind_label("court") == "法院"
    with in_language("en"):
        assert vocabulary.org_kind_label("court") == "court"
    assert vocabulary.org_kind_label("no such kind") == "no such kind"


@pytest.mark.parametrize(
    ("word", "code"),
    [("已调解成功", "settled"), ("已达成协议", "settled"), ("调解未成功", "failed")],
)
def test_a_clerks_word_for_an_outcome_is_a_status_and_a_result(word, code):
    """How a clerk says a case ended (已调解成功) is read wherever a status or a result is
    typed: `case list --status`, `--filter status=`/`result=` (services/docbatch), `outcome`."""
    from mediate.services.docbatch import parse_filters

    assert vocabulary.CASE_STATUS.parse(word) == code
    assert vocabulary.OUTCOME.parse(word) == code
    assert parse_filters([f"status={word}", f"result={word}"]) == {"status": code, "result": code}


@pytest.mark.parametrize("name", sorted(ALL))
def test_an_unknown_word_is_refused_in_good_english(name, monkeypatch):
    """'x' is not a valid outcome — never "is not a outcome"."""
    monkeypatch.setenv("MEDIATE_LANG", "en")
    with pytest.raises(UnknownChoice) as refused:
        ALL[name].parse("nonsense")
    assert f"'nonsense' is not a valid {ALL[name].what()};" in str(refused.value)

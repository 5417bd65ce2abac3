import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as i18n_tool  # noqa: E402

sys.path.pop(0)


def test_every_interface_string_has_a_chinese_translation():
    # The extractor must find the interface's strings at all, or "nothing missing" is empty.
    used = i18n_tool.used_messages()
    assert len(used) > 300
    assert "Interrupted." in used
    missing = i18n_tool.missing()
    assert not missing, "untranslated (run `python tools/i18n.py missing`):\n" + "\n".join(
        f"{where}: {msg}" for msg, where in missing[:20]
    )


def test_translations_keep_their_placeholders():
    import string

    used = i18n_tool.used_messages()
    done = i18n_tool.translated_messages()
    formatter = string.Formatter()
    for msgid in used:
        if msgid not in done or not isinstance(done[msgid], str):
            continue
        want = {f for _, f, _, _ in formatter.parse(msgid) if f is not None}
        got = {f for _, f, _, _ in formatter.parse(str(done[msgid])) if f is not None}
        assert want == got, f"placeholders differ for {msgid!r}"


def test_the_language_follows_mediate_lang(monkeypatch):
    from mediate.i18n import _, current_language

    monkeypatch.setenv("MEDIATE_LANG", "zh")
    assert current_language() == "zh_CN"
    assert _("Interrupted.") == "已中断。"
    monkeypatch.setenv("MEDIATE_LANG", "en")
    assert _("Interrupted.") == "Interrupted."


def test_the_language_follows_the_locale_without_an_override(monkeypatch):
    from mediate.i18n import current_language

    monkeypatch.delenv("MEDIATE_LANG", raising=False)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert current_language() == "zh_CN"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert current_language() == "en"


def test_the_merged_messages_translate_as_the_chained_catalogs():
    """messages.marshal (tools/i18n.py) is what the .mo chain says, message by message."""
    from mediate.i18n import _catalogs, _merged

    merged = _merged()
    assert merged is not None, "run python tools/i18n.py compile"
    chain = _catalogs()
    messages = merged._messages
    assert len(messages) > 500
    for msgid, text in messages.items():
        assert chain.gettext(msgid) == text, msgid
    assert merged.gettext("no such message, surely") == "no such message, surely"


def test_chinese_messages_quote_with_chinese_quotes():
    """The zh catalog quotes what a message repeats — a value, an option, a name — in “”,
    never in ASCII quotes and never by `!r` (whose ASCII quotes showed as "缺少参数 '文件'"),
    and not in 「」 either: one kind of quotes (review of 2026-12-02)."""
    import re

    ascii_quoted = re.compile(r"!r\}|['\"]\{|\}['\"]|'[A-Za-z_][\w.-]*'|[「」]")
    done = i18n_tool.translated_messages()
    wrong = {
        msgid: msgstr
        for msgid, msgstr in done.items()
        if isinstance(msgstr, str) and ascii_quoted.search(msgstr)
    }
    assert not wrong, wrong
    assert done["'{text}'"] == "“{text}”"


def test_no_msgid_has_two_translations_across_the_catalogs():
    """The catalogs are chained (the first with a message wins): a msgid two catalogs
    translate differently shows one catalog's word where the other's was meant. A word
    with two senses has a msgctxt for each (`pgettext`)."""
    from babel.messages.pofile import read_po

    seen: dict[tuple[str | None, str], dict[object, str]] = {}
    for po in sorted(i18n_tool.ZH.glob("*.po")):
        with po.open("rb") as fh:
            for message in read_po(fh):
                if not message.id or not message.string:
                    continue
                msgid = message.id[0] if isinstance(message.id, tuple) else message.id
                string = (
                    tuple(message.string)
                    if isinstance(message.string, list | tuple)
                    else message.string
                )
                seen.setdefault((message.context, msgid), {}).setdefault(string, po.name)
    clashes = {key: found for key, found in seen.items() if len(found) > 1}
    assert not clashes, clashes


def test_a_word_in_two_senses_reads_as_each_sense(monkeypatch):
    """A party's name and address (姓名或名称, 住所) are not a body's (名称, 地址); the time
    limit is 超期, a performance is 逾期; an outcome's performance is its manner (履行方式),
    a session's its state (履行情况)."""
    from mediate.domain import events, fields
    from mediate.i18n import _, pgettext

    monkeypatch.setenv("MEDIATE_LANG", "zh")
    assert fields.field_label("name") == "姓名或名称"
    assert fields.field_label("address") == "住所"
    assert events.field_label("name") == "名称"
    assert events.field_label("address") == "地址"
    assert events.field_label("overdue") == "已超期"
    assert pgettext("performance", "overdue") == "已逾期"
    assert pgettext("outcome", "Performance") == "履行方式"
    assert _("Performance") == "履行情况"
    monkeypatch.setenv("MEDIATE_LANG", "en")
    assert (
        events.field_label("name") == "name" and pgettext("outcome", "Performance") == "Performance"
    )

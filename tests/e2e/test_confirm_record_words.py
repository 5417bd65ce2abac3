"""`confirm record` lists only the results it takes (walk of 2026-12-02: its error offered
申请书已起草（drafted）, which help does not give and `confirm request` does)."""

import pytest

ZH = {"MEDIATE_LANG": "zh"}


@pytest.mark.parametrize("word", ["bogus", "drafted", "已起草"])
def test_a_word_record_does_not_take_lists_the_four_results(cli, initialised, word):
    result = cli(["--db", initialised.url, "confirm", "record", "1", word], env=ZH)
    assert result.exit_code == 2, result.output
    assert "（drafted）" not in result.stderr
    for code in ("filed", "confirmed", "dismissed", "not_accepted"):
        assert f"（{code}）" in result.stderr
    if word != "bogus":
        assert "mediate confirm request" in result.stderr

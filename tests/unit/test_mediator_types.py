import pytest

from mediate.domain import vocabulary
from mediate.domain.model import MediatorType
from mediate.errors import BadOptionValue
from mediate.i18n import in_language
from mediate.services.clerks import _role
from mediate.services.mediators import parse_type, type_name


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("invited", MediatorType.INVITED),
        ("特邀调解员", MediatorType.INVITED),
        ("律师", MediatorType.LAWYER),
        ("专家调解员", MediatorType.EXPERT),
        ("人民调解员", MediatorType.PEOPLE),
        ("仲裁员", MediatorType.ARBITRATOR),
        (" notary ", MediatorType.NOTARY),
    ],
)
def test_a_mediator_type_is_read_from_its_id_or_chinese_name(text, kind):
    assert parse_type(text) is kind


def test_an_unknown_type_lists_the_six_known_ones():
    with pytest.raises(BadOptionValue) as caught:
        parse_type("法官")
    assert caught.value.exit_code == 2  # a typed option value, as elsewhere (was exit 1)
    message = str(caught.value)
    assert message.startswith("--type: '法官' is not a valid mediator type; use one of:")
    assert "invited mediator (invited)" in message and message.endswith("notary.")


def test_an_unknown_clerk_role_is_a_usage_error_naming_the_option_and_the_chinese_labels():
    with in_language("zh_CN"):
        with pytest.raises(BadOptionValue) as caught:
            _role("局长")
        labels = [vocabulary.clerk_role_label(code) for code in vocabulary.CLERK_ROLE.codes]
    assert caught.value.exit_code == 2
    message = str(caught.value)
    assert message.startswith("--role") and "“局长”" in message
    assert labels == ["书记员", "主管", "管理员"] and all(label in message for label in labels)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_json_type_name_is_the_chinese_label_the_type_is_parsed_back_from(language):
    """One table: `--json`'s type_name (Chinese in either language) is the vocabulary's
    Chinese label, and `--type` takes it back."""
    with in_language(language):
        for code in vocabulary.MEDIATOR_TYPE.codes:
            with in_language("zh_CN"):
                label = vocabulary.mediator_type_label(code)
            assert type_name(code) == label and parse_type(label) == code
    assert type_name("lawyer") == "律师调解员"

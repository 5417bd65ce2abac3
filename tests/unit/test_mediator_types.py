import pytest

from mediate.domain.model import MediatorType
from mediate.errors import ValidationError
from mediate.services.mediators import parse_type


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
    with pytest.raises(ValidationError) as caught:
        parse_type("法官")
    message = str(caught.value)
    assert message.startswith("--type: '法官' is not a valid mediator type; use one of:")
    assert "invited mediator (invited)" in message and message.endswith("notary.")

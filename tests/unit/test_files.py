"""`mediate.files`: the one check that an output is only replaced with --force."""

from pathlib import Path

import pytest

from mediate.errors import ValidationError
from mediate.files import refuse_existing, replacing

PACKAGE = Path(__file__).resolve().parents[2] / "mediate"
MESSAGE = "{path} exists; give --force to overwrite it."


def test_an_existing_output_is_refused_unless_forced(tmp_path):
    target = tmp_path / "out.xlsx"
    refuse_existing(target, force=False, where="--output")  # nothing there yet
    target.write_bytes(b"keep me")
    with pytest.raises(ValidationError) as caught:
        refuse_existing(target, force=False, where="--output")
    assert str(caught.value) == f"--output: {target} exists; give --force to overwrite it."
    refuse_existing(target, force=True, where="--output")
    assert target.read_bytes() == b"keep me"  # the check writes nothing


def test_a_dangling_link_or_a_directory_counts_as_existing(tmp_path):
    link = tmp_path / "link.docx"
    link.symlink_to(tmp_path / "gone.docx")
    with pytest.raises(ValidationError, match="give --force"):
        refuse_existing(link, force=False)
    with pytest.raises(ValidationError, match="give --force"):
        refuse_existing(tmp_path, force=False)  # a dossier is a directory


def test_the_check_is_written_once():
    """The "exists; give --force" check had four copies (commands, backup, documents,
    dossier): one implementation, in mediate/files.py."""
    holding = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if MESSAGE in path.read_text(encoding="utf-8")
    ]
    assert holding == ["files.py"]


def test_an_error_names_the_target_the_clerk_gave_never_the_temporary_file(tmp_path):
    target = tmp_path / "out.db"
    target.mkdir()
    (target / "inside").write_bytes(b"")  # a non-empty directory cannot be replaced
    with pytest.raises(OSError) as caught, replacing(target) as temp:
        temp.write_bytes(b"data")
    assert caught.value.filename == str(target) and caught.value.filename2 is None
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]
    other = tmp_path / "missing.csv"
    with pytest.raises(OSError) as caught, replacing(tmp_path / "x.csv"):
        other.read_bytes()  # an error about another file keeps its own name
    assert caught.value.filename == str(other)

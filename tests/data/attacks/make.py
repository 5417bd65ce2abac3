"""The hostile inputs of issue #12, as files: `python -m tests.data.attacks.make` writes the
small ones beside this module (they are committed); the big ones (bombs) are made by the
functions below when a test needs them, so the repository does not carry them.

Every file here is replayed by a test (tests/e2e/test_attacks.py).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# Server-side template injection: from a template, reach `os` through a Jinja global.
SSTI = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


def ssti_case_template(path: Path) -> Path:
    """A clerk's own 人民调解协议书 (agreement) whose body runs `id`."""
    import docx

    document = docx.Document()
    document.add_paragraph("人民调解协议书 {{ case.cause }}")
    document.add_paragraph(SSTI)
    document.save(str(path))
    return path


def ssti_whitepaper(path: Path) -> Path:
    """A deployment's whitepaper.docx whose front matter runs `id`."""
    import docx

    from mediate.reports.whitepaper import make_template

    make_template(path)
    document = docx.Document(str(path))
    document.paragraphs[0].runs[0].text = "{{ title }}" + SSTI
    document.save(str(path))
    return path


def main() -> None:
    ssti_case_template(HERE / "ssti-agreement.docx")
    ssti_whitepaper(HERE / "ssti-whitepaper.docx")


if __name__ == "__main__":
    main()

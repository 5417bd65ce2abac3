"""Word to PDF through LibreOffice (`soffice --headless --convert-to pdf`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mediate.errors import MediateError
from mediate.i18n import _


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def font_aliases() -> Path:
    """The fontconfig file shipped with mediate: 方正小标宋/黑体/仿宋 to distinct CJK faces."""
    return Path(__file__).resolve().parent.parent / "fonts" / "fonts.conf"


def _environment() -> dict[str, str]:
    """LibreOffice's environment: our font aliases, unless the user chose a fontconfig file."""
    env = dict(os.environ)
    if "FONTCONFIG_FILE" not in env and font_aliases().is_file():
        env["FONTCONFIG_FILE"] = str(font_aliases())
    return env


def require_soffice(written: bool = True) -> str:
    """The LibreOffice executable; else an error (exit 1) saying how to get PDFs and
    whether the .docx files were `written` (`doc render/batch --pdf` write them first;
    `case dossier`/`export dossiers --pdf` ask before they write anything)."""
    program = soffice()
    if program is not None:
        return program
    if written:
        message = _(
            "PDF needs LibreOffice, which is not installed (no `soffice` on PATH). "
            "Install it (e.g. apt-get install libreoffice-writer) or leave out --pdf; "
            "the .docx files were written."
        )
    else:
        message = _(
            "PDF needs LibreOffice, which is not installed (no `soffice` on PATH). "
            "Install it (e.g. apt-get install libreoffice-writer) or leave out --pdf; "
            "nothing was written."
        )
    raise MediateError(message)


def convert_to_pdf(paths: Sequence[Path], out_dir: Path, timeout: float = 600) -> list[Path]:
    """Convert .docx files to PDF beside each other in `out_dir`; one LibreOffice run."""
    program = require_soffice()
    if not paths:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    # A private profile: concurrent runs and a clerk's open LibreOffice do not collide.
    with tempfile.TemporaryDirectory(prefix="mediate-lo-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *(str(p) for p in paths),
        ]
        try:
            proc = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, env=_environment()
            )
        except subprocess.TimeoutExpired as exc:
            raise MediateError(
                _("LibreOffice did not finish converting to PDF within {s} s.").format(s=timeout)
            ) from exc
    results = [out_dir / (p.stem + ".pdf") for p in paths]
    missing = [r for r in results if not r.exists()]
    if proc.returncode != 0 or missing:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [""]
        raise MediateError(
            _("LibreOffice could not convert {file} to PDF: {detail}").format(
                file=(missing[0] if missing else paths[0]).name, detail=detail[0]
            )
        )
    return results

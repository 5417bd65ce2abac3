"""Finding a font with Chinese glyphs for the charts, so labels never render as tofu boxes.

Order: `MEDIATE_CJK_FONT` (a path, optionally `path:index` for a .ttc collection), then
fontconfig's fonts covering Simplified Chinese, then well-known install paths. Each
candidate is checked: a CJK character must not draw as the font's missing-glyph box.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mediate.errors import ConfigError
from mediate.i18n import _

KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # Debian fonts-noto-cjk, SC
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),  # Arch, Fedora
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),  # fonts-wqy-microhei
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),  # macOS
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),  # Windows: Microsoft YaHei
    ("C:/Windows/Fonts/simhei.ttf", 0),
)
PROBE = "焦作调解"


@dataclass(frozen=True)
class FontChoice:
    path: Path
    index: int = 0


def _from_env() -> FontChoice | None:
    value = os.environ.get("MEDIATE_CJK_FONT", "").strip()
    if not value:
        return None
    path, _sep, index = value.rpartition(":")
    if path and index.isdigit():
        return FontChoice(Path(path), int(index))
    return FontChoice(Path(value), 0)


def _from_fontconfig() -> list[FontChoice]:
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh-cn", "file", "index", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found: list[tuple[int, FontChoice]] = []
    for line in out.splitlines():
        path, _sep, rest = line.partition(": ")
        index = 0
        for part in rest.split(":"):
            if part.startswith("index="):
                index = int(part.removeprefix("index=") or 0)
        family = rest.lower()
        # Prefer a sans face with Simplified Chinese forms, regular weight.
        rank = (0 if "sans" in family else 1) + (0 if " sc" in family or "简" in family else 2)
        rank += 0 if "bold" not in path.lower() else 4
        found.append((rank, FontChoice(Path(path.rstrip(":")), index)))
    return [choice for _rank, choice in sorted(found, key=lambda x: (x[0], str(x[1].path)))]


def draws_chinese(choice: FontChoice) -> bool:
    """True when the font draws the probe characters, not its missing-glyph box."""
    from PIL import ImageFont

    try:
        font = ImageFont.truetype(str(choice.path), 32, index=choice.index)
    except OSError:
        return False
    missing = _glyph(font, "\U000effff")
    return all(_glyph(font, ch) != missing for ch in PROBE)


def _glyph(font: Any, text: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((4, 4), text, font=font, fill=255)
    return image.tobytes()


@cache
def find_cjk_font() -> FontChoice:
    explicit = _from_env()
    if explicit is not None:
        if draws_chinese(explicit):
            return explicit
        raise ConfigError(
            _("MEDIATE_CJK_FONT={path} is not a font that draws Chinese characters.").format(
                path=explicit.path
            )
        )
    candidates = _from_fontconfig() + [FontChoice(Path(p), i) for p, i in KNOWN_FONTS]
    for choice in candidates:
        if choice.path.is_file() and draws_chinese(choice):
            return choice
    raise ConfigError(
        _(
            "No font with Chinese characters was found for the charts. Install one "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk) or point MEDIATE_CJK_FONT "
            "at a .ttf/.ttc file."
        )
    )

"""Catalog tooling: find untranslated strings, compile .po to .mo.

    python tools/i18n.py missing     # msgids used in the code with no zh_CN translation
    python tools/i18n.py compile     # .po -> .mo beside them (the wheel build does this too)
    python tools/i18n.py add AREA FILE.json   # merge {"msgid": "译文"} into zh_CN/AREA.po

Needs Babel (in the `test` extra).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mediate"
ZH = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES"


def used_messages(package: Path = PACKAGE) -> dict[str, str]:
    """Every literal passed to _(), ngettext() or pgettext() in the package -> where it
    first appears; a pgettext message as `context\x04msgid`, as gettext keys it."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "_":
                args = node.args[:1]
            elif node.func.id == "ngettext":
                args = node.args[:2]
            elif node.func.id == "pgettext":
                context, message = [*node.args, None, None][:2]
                if isinstance(context, ast.Constant) and isinstance(message, ast.Constant):
                    where = f"{path.relative_to(package.parent)}:{node.lineno}"
                    found.setdefault(f"{context.value}\x04{message.value}", where)
                continue
            else:
                continue
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    where = f"{path.relative_to(package.parent)}:{node.lineno}"
                    found.setdefault(arg.value, where)
    return found


def translated_messages(directory: Path = ZH) -> dict[str, object]:
    from babel.messages.pofile import read_po

    result: dict[str, object] = {}
    for po in sorted(directory.glob("*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if message.context:
                key = f"{message.context}\x04{key}"
            complete = (
                all(message.string)
                if isinstance(message.string, tuple | list)
                else bool(message.string)
            )
            if complete:
                result[key] = message.string
    return result


def missing() -> list[tuple[str, str]]:
    done = translated_messages()
    return [(msg, where) for msg, where in used_messages().items() if msg not in done]


def compile_catalogs(root: Path = ROOT) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted((root / "mediate" / "locale").glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(mo_path)
    for directory in sorted({path.parent for path in written}):
        written.append(_write_merged(directory))
    return written


def _write_merged(directory: Path) -> Path:
    """The translations of every .mo in `directory`, merged in the order mediate/i18n.py
    chains them (the first catalog with a message wins), as one marshalled dict that loads
    in a fraction of the time parsing the catalogs takes (`messages.marshal`)."""
    import gettext
    import marshal

    merged: dict[str, str] = {}
    for mo_path in sorted(directory.glob("*.mo")):
        with mo_path.open("rb") as fh:
            catalog = gettext.GNUTranslations(fh)
        for key, value in catalog._catalog.items():  # type: ignore[attr-defined]
            if isinstance(key, str) and key:
                merged.setdefault(key, value)
    path = directory / "messages.marshal"
    path.write_bytes(marshal.dumps(merged))
    return path


def add(area: str, pairs: dict[str, str]) -> Path:
    """Merge translations into zh_CN/AREA.po (created if needed), sorted by msgid."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = ZH / f"{area}.po"
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh)
    else:
        catalog = Catalog(locale="zh_CN", project="mediate", domain=area)
    for msgid, msgstr in pairs.items():
        catalog.add(msgid, msgstr)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0, sort_output=True, omit_header=False)
    return path


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


if __name__ == "__main__":
    verb = sys.argv[1] if len(sys.argv) > 1 else "missing"
    if verb == "compile":
        for path in compile_catalogs():
            print(path.relative_to(ROOT))
    elif verb == "missing":
        gaps = missing()
        for msg, where in gaps:
            print(f'#: {where}\nmsgid "{_po_escape(msg)}"\nmsgstr ""\n')
        sys.exit(1 if gaps else 0)
    elif verb == "add" and len(sys.argv) == 4:
        import json

        print(add(sys.argv[2], json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))))
    else:
        sys.exit(__doc__)

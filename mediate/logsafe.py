"""Keep identity numbers and phone numbers out of logs.

Whatever reaches a log file — a traceback, an exception message quoting a spreadsheet
cell, a database error quoting a row — goes through `redact()`, which masks anything that
looks like a resident identity number (18 or 15 digits), a unified social credit code or
a mobile or fixed-line phone number, the way they are masked on screen.
"""

from __future__ import annotations

import logging
import re

from mediate.domain.model import mask_id, mask_phone

_EDGE_BEFORE = r"(?<![0-9A-Za-z])"
_EDGE_AFTER = r"(?![0-9A-Za-z])"
_CREDIT = "0-9A-HJ-NPQRTUWXY"

_ID_NUMBER = re.compile(
    _EDGE_BEFORE
    + r"(?:\d{17}[\dXx]|\d{15}"
    + rf"|[{_CREDIT}]{{2}}\d{{6}}(?=[{_CREDIT}]{{10}})(?=[{_CREDIT}]*[A-Z])[{_CREDIT}]{{10}})"
    + _EDGE_AFTER
)
_PHONE = re.compile(
    _EDGE_BEFORE + r"(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})" + _EDGE_AFTER
)


def redact(text: str) -> str:
    """`text` with identity numbers, credit codes and phone numbers masked."""
    text = _ID_NUMBER.sub(lambda m: mask_id(m.group(0)), text)
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose output (message and traceback) never carries those numbers."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))

"""Check digits and shapes of the numbers the redaction stage must recognise: resident IDs and bank cards.

A long digit run is only personal data when it is one of these: an 18-digit resident ID whose
birth date is a date and whose ISO 7064 check digit is right, a 15-digit first-generation ID, or
a card number that passes the Luhn check. Kept apart from :mod:`pipeline.redact_patterns`, whose patterns
find the candidates, so the arithmetic is read and tested on its own.
"""

from __future__ import annotations

import re

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
ID_SHAPE = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]")


def digits(s: str) -> str:
    """ASCII digits (and X) of ``s``: separators dropped, full-width digits folded."""
    out = []
    for ch in s:
        if ch.isdigit():
            out.append(str(int(ch)))
        elif ch in "Xx":
            out.append("X")
    return "".join(out)


def valid_id_number(number: str) -> bool:
    """True for an 18-character resident ID with a plausible birth date and a correct check digit."""
    n = digits(number)
    if len(n) != 18 or not ID_SHAPE.fullmatch(n):
        return False
    total = sum(int(c) * w for c, w in zip(n[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == n[17]


# the province codes of resident ID numbers (the first two digits)
_PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
})
_OLD_ID_SHAPE = re.compile(r"[1-8]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}")


def valid_old_id_number(number: str) -> bool:
    """True for a 15-digit first-generation resident ID (issued until 2004, still printed on old records):
    a province code and a birth date where they belong. It has no check digit, so a 15-digit run that is
    not a card number (checked first) but fits this shape is taken for one."""
    n = digits(number)
    return len(n) == 15 and n[:2] in _PROVINCES and _OLD_ID_SHAPE.fullmatch(n) is not None


def luhn_ok(number: str) -> bool:
    """The Luhn (mod 10) check over the digits of ``number``."""
    n = digits(number)
    if not n.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(n)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def valid_card(number: str) -> bool:
    """A card number by its shape: 16-19 digits from 3-6 (or 95), or American Express's 15 from 34/37,
    with a valid Luhn digit (no other network issues 15 digits: an IMEI or an order number has them)."""
    n = digits(number)
    if not n.isdigit() or not luhn_ok(n):
        return False
    if len(n) == 15:
        return n[:2] in ("34", "37")
    return 16 <= len(n) <= 19 and (n[0] in "3456" or n.startswith("95"))


# Taiwan's national ID: a letter for the place of first registration, 1 or 2 for the sex, eight
# digits, the last a check digit over the letter's two-digit code and the rest
_TW_LETTER_CODES = {c: v for c, v in zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True)}
_TW_ID_SHAPE = re.compile(r"[A-Z][12]\d{8}")


def valid_taiwan_id(number: str) -> bool:
    """True for a Taiwan national ID (``A123456789``) whose check digit is right."""
    n = number.upper()
    if not _TW_ID_SHAPE.fullmatch(n):
        return False
    code = _TW_LETTER_CODES[n[0]]
    total = code // 10 + (code % 10) * 9 + sum(int(c) * w for c, w in zip(n[1:9], range(8, 0, -1), strict=True))
    return (total + int(n[9])) % 10 == 0


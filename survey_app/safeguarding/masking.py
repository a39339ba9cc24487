"""Masking what looks like personal data in the words a pupil wrote (issue 16 item 6, ADR 0034).

Pupils are told nobody, not even their school, can find out which answers are theirs; a child
who writes "text me on 07700 900123" or their postcode would undo that for every reader of an
export. So every page and file that shows free text passes it through `mask_personal_data`
first, and only an admin's audited `responses export --unmasked` skips it.

The rule leans towards masking: a false alarm costs an officer a few words of a comment, a miss
can name a child. It is still built so that the numbers children write every day (a year
"2026", a score "5", "Year 6", a date "03/12/2026", "10 out of 10") stay as they are:

- email addresses: something@domain.tld, spaces around the @ allowed;
- phone numbers: a UK number of 10 or 11 digits starting with 0 ("07700 900123", "(0113)
  496-0000", "020 7946 0000"), one starting +44 or 0044 ("+44 (0)7700 900123"), another
  international number starting + or 00 with 8 or more digits, and any unbroken run of 10 or
  more digits; digits of any script count (Urdu and Arabic keyboards type ۰۷۷۰۰ and ٠٧٧٠٠),
  separated by spaces, dots, hyphens or brackets;
- UK postcodes, whole ones only, in any case and with or without the space ("ls11ab", "SW1A
  1AA"), and only with one of the 124 real postcode areas and the letters a postcode's last
  part can have, so "y6 2nd" and "b4 4me" stay;
- social media usernames: @ followed by two or more letters, digits, dots or underscores.

It cannot catch a name, a street address, a school's name or a number spelt out in words.
"""

from __future__ import annotations

import re

# Every UK postcode area (with the Crown dependencies, which use the same format): checking the
# area keeps postcode-shaped words that no postcode has ("y6 2nd", "b4 4me") out of the mask.
_POSTCODE_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT "
    "DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA "
    "LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE "
    "SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV "
    "YO ZE"
)

_UNIT = "[ABD-HJLNP-UW-Z]"  # the last two letters of a postcode are never C, I, K, M, O or V
_ZERO = "[0\u0660\u06f0]"  # 0 in Latin, Arabic-Indic and Extended Arabic-Indic (Urdu) digits
_GAP = r"[ \u00a0.\-()]{0,2}"  # what people put between the digits of a phone number
_EMAIL = r"[\w.%+\-]+ ?@ ?[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b"
_PHONE = (
    rf"(?<![\w+])\(?(?:"
    rf"(?:\+|00)\d(?:{_GAP}\d){{7,14}}"  # +44 7700 900123, 0044..., +1 555 ...
    rf"|{_ZERO}(?:{_GAP}\d){{9,10}}"  # 07700 900123, (0113) 496-0000
    rf"|\d{{10,}}"  # 7700900123: ten digits in a row are never a score or a year
    r")(?!\d)"
)
_AREA = "|".join(_POSTCODE_AREAS.split())
_POSTCODE = rf"(?<![\w])(?:{_AREA})[0-9][A-Z0-9]?[ \u00a0]*[0-9]{_UNIT}{_UNIT}(?![\w])"
_USERNAME = r"(?<![\w@.])@\w[\w.]{0,28}\w(?![\w(])"  # "@SUM(1)" is a formula, not a name

_PATTERN = re.compile(
    rf"(?P<email>{_EMAIL})|(?P<phone>{_PHONE})|(?P<postcode>{_POSTCODE})|(?P<username>{_USERNAME})",
    re.IGNORECASE,
)
MASKS = {
    "email": "[email address]",
    "phone": "[phone number]",
    "postcode": "[postcode]",
    "username": "[username]",
}


def mask_personal_data(text: str) -> str:
    """The text with each email address, phone number, postcode and username replaced by its
    kind in brackets ("[phone number]"); everything else exactly as written."""
    return _PATTERN.sub(_mask, text)


def _mask(match: re.Match[str]) -> str:
    return MASKS[match.lastgroup or "phone"]

"""What looks like personal data in free text is masked; the numbers children write are not."""

from __future__ import annotations

import pytest

from survey_app.safeguarding.masking import mask_personal_data

MASKED = [
    # UK mobiles, written the ways people write them
    ("text me on 07700 900123", "text me on [phone number]"),
    ("07700900123", "[phone number]"),
    ("my number is 07700-900-123.", "my number is [phone number]."),
    ("+44 7700 900123 is mine", "[phone number] is mine"),
    ("+44 (0)7700 900123", "[phone number]"),
    ("call 0044 7700 900 123", "call [phone number]"),
    ("0 7 7 0 0 9 0 0 1 2 3", "[phone number]"),  # spaced out to get past a filter
    ("7700900123", "[phone number]"),  # the 0 left off, ten digits in a row
    ("۰۷۷۰۰۹۰۰۱۲۳ میرا نمبر ہے", "[phone number] میرا نمبر ہے"),  # Urdu keyboard digits
    ("رقمي ٠٧٧٠٠٩٠٠١٢٣", "رقمي [phone number]"),  # Arabic-Indic digits
    # UK landlines
    ("ring (0113) 496-0000 after school", "ring [phone number] after school"),
    ("020 7946 0000", "[phone number]"),
    ("01632 960 001", "[phone number]"),
    ("my nan's is 0161.496.0123!", "my nan's is [phone number]!"),
    # international
    ("+48 512 345 678", "[phone number]"),
    # email addresses
    ("email me jade.smith2014@gmail.com ok", "email me [email address] ok"),
    ("JADE_S@School.Sch.UK", "[email address]"),
    ("jade @ hotmail.co.uk", "[email address]"),
    ("07700900123@example.com", "[email address]"),  # one thing, not a phone and a domain
    # UK postcodes: any case, with or without the space
    ("I live at LS11 5AB", "I live at [postcode]"),
    ("ls115ab", "[postcode]"),
    ("near sw1a 1aa.", "near [postcode]."),
    ("B1 1AA and M60 2LA", "[postcode] and [postcode]"),
    ("in ec1a1bb", "in [postcode]"),
    # usernames
    ("add me on snap @jade_x2014", "add me on snap [username]"),
    ("insta: @oak.city.kid.", "insta: [username]."),
    # several at once
    (
        "jade 07700 900123 jade@example.org LS6 2AB",
        "jade [phone number] [email address] [postcode]",
    ),
]

UNCHANGED = [
    "2026",
    "5",
    "I gave it a 5 out of 10",
    "10 out of 10!!",
    "in Year 6 we learnt about fake news",
    "y6 2nd place",  # postcode-shaped, but no postcode area is Y
    "b4 4me",  # B4 is a district, but a postcode never ends in M
    "it was on 03/12/2026 at 09:30",
    "2025-2026",
    "we did it in 2026 and 2027",
    "1 2 3 4 5 6 7 8 9 10",  # counting, not starting with 0
    "£1,000,000",
    "room 101",
    "0 out of 10",
    "call Childline",
    "I'm @ school",
    "@SUM(1)",  # a spreadsheet formula (made inert where files are written), not a username
    "LS11 is where I live",  # a district, not a whole postcode
    "sw1",
    "the score was 3-2",
    "my email is not here",
    "",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_personal_data_is_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_everyday_numbers_and_words_are_left_alone(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_masking_twice_changes_nothing_more(text, expected):
    assert mask_personal_data(mask_personal_data(text)) == expected

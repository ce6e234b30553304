"""The check digits and shapes behind ID and card redaction (pipeline.id_checks)."""

from __future__ import annotations

from pipeline.id_checks import (
    digits,
    luhn_ok,
    valid_card,
    valid_id_number,
    valid_old_id_number,
    valid_taiwan_id,
)


def test_resident_id_check_digit() -> None:
    assert valid_id_number("11010519491231002X")
    assert valid_id_number("11010519491231002x")
    assert valid_id_number("110105 19491231 002X")  # groups split by spaces
    assert not valid_id_number("110105194912310021")  # wrong check digit
    assert not valid_id_number("110105194913310029")  # month 13


def test_first_generation_ids_have_a_province_and_a_date() -> None:
    assert valid_old_id_number("110105491231002")
    assert not valid_old_id_number("190105491231002")  # no province 19 (the shape allows a first digit 1-8)
    assert not valid_old_id_number("110105491331002")  # month 13


def test_cards_pass_luhn_with_a_network_prefix() -> None:
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")
    assert valid_card("6222 0212 3456 7894")  # UnionPay, spaced in groups
    assert not valid_card("6222 0212 3456 7895")  # one digit off
    assert luhn_ok("1111111111111117") and not valid_card("1111111111111117")  # Luhn passes; no network starts with 1
    # fifteen digits: American Express only (34/37); an IMEI or an order number passes Luhn as often as chance
    assert valid_card("378282246310005") and valid_card("341111111111111")
    assert luhn_ok("352099001761481") and not valid_card("352099001761481")
    assert luhn_ok("690743915000806") and not valid_card("690743915000806")


def test_digits_fold_full_width_and_drop_separators() -> None:
    assert digits("１３９-1234 5678") == "13912345678"
    assert digits("11010519491231002x") == "11010519491231002X"


def test_taiwan_id_check_digit() -> None:
    assert valid_taiwan_id("A123456789") and valid_taiwan_id("F131104093")
    assert not valid_taiwan_id("A123456788") and not valid_taiwan_id("A323456789") and not valid_taiwan_id("1234567890")


"""The form kit, headless: fields declared once; read, fill, blank, errors by field, quiet."""

from __future__ import annotations

from datetime import date

import ipywidgets as w
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.errors import StoreError, ValidationError
from stretchkit.widgets.kit.form_kit import FormKit


def _form(calls: list[str]) -> FormKit:
    form = FormKit(on_change=lambda: calls.append("changed"))
    form.add("name", w.Text(), "")
    form.add("day", w.DatePicker())
    form.add("warm-up", w.Checkbox(value=True), True)
    form.add("answer", w.ToggleButtons(options=[("No", False), ("Yes", True)], value=None))
    return form


def test_a_form_reads_every_field_by_its_key_in_the_order_declared() -> None:
    """What is typed is read back by key, in the order the fields were declared."""
    form = _form([])
    form["name"].value = "Robin"
    assert form.read() == {"name": "Robin", "day": None, "warm-up": True, "answer": None}
    assert list(form.fields) == ["name", "day", "warm-up", "answer"]


def test_filling_shows_the_values_given_and_leaves_the_others() -> None:
    """Fill sets only the keys it is given."""
    form = _form([])
    form.fill({"name": "Noor", "answer": True})
    assert form.read() == {"name": "Noor", "day": None, "warm-up": True, "answer": True}


def test_filling_a_field_never_declared_is_refused() -> None:
    """A key with no field is an error, not silently ignored."""
    with pytest.raises(KeyError, match="age"):
        _form([]).fill({"age": "40"})


def test_a_field_cannot_be_declared_twice() -> None:
    """Declaring a key again is refused."""
    form = _form([])
    with pytest.raises(ValueError, match="declared twice"):
        form.add("name", w.Text())


def test_blanking_puts_every_field_back_to_its_declared_blank() -> None:
    """After blanking, each field holds the blank it was declared with."""
    form = _form([])
    form.fill({"name": "Robin", "day": date(2026, 11, 21), "warm-up": False, "answer": True})
    form.blank()
    assert form.read() == {"name": "", "day": None, "warm-up": True, "answer": None}


def test_a_change_by_hand_calls_the_observer_but_filling_and_blanking_do_not() -> None:
    """Typing calls `on_change`; fill and blank are quiet."""
    calls: list[str] = []
    form = _form(calls)
    form["name"].value = "Robin"
    assert calls == ["changed"]
    form.fill({"name": "Noor", "answer": True})
    form.blank()
    assert calls == ["changed"]


def test_quiet_suppresses_observers_even_when_nested_and_after_an_error() -> None:
    """Inside quiet() (nested too) nothing is called; after it, even left by an error, it is."""
    calls: list[str] = []
    form = _form(calls)
    guarded = form.unless_quiet(lambda: calls.append("own"))
    with form.quiet():
        with form.quiet():
            form["name"].value = "a"
        form["name"].value = "b"
        guarded()
        assert form.is_quiet
    with pytest.raises(RuntimeError), form.quiet():
        raise RuntimeError
    assert not form.is_quiet
    form["name"].value = "c"
    guarded()
    assert calls == ["changed", "own"]


def test_an_error_is_shown_next_to_the_field_it_names_and_nothing_typed_is_lost() -> None:
    """The error's field key picks the box; the other boxes stay empty; the text stays."""
    form = _form([])
    for key in ("name", "day", "client"):
        form.box(key)
    form["name"].value = "R2"
    error = ValidationError("name", "R2", "letters only")
    assert form.show_error(error, "client") == "name"
    assert "letters only" in form.errors["name"].value
    assert form.errors["day"].value == form.errors["client"].value == ""
    assert form["name"].value == "R2"


def test_an_error_naming_no_field_of_the_form_goes_to_the_fallback_box() -> None:
    """A field the form has no box for, or no field at all, lands in the fallback's box."""
    form = _form([])
    form.box("name")
    assert form.show_error(ValidationError("weekday", 9, "no such day"), "general") == "general"
    assert "no such day" in form.errors["general"].value
    assert form.show_error(StoreError("the store is locked"), "general") == "general"
    assert "the store is locked" in form.errors["general"].value


def test_show_only_clears_the_earlier_error() -> None:
    """A new error replaces the old one; None clears them all."""
    form = _form([])
    form.box("name")
    form.box("day")
    form.show_only(ValidationError("name", "", "enter a name"), "name")
    form.show_only(ValidationError("day", None, "enter a day"), "name")
    assert form.errors["name"].value == "" and "enter a day" in form.errors["day"].value
    form.show_only(None, "name")
    assert all(box.value == "" for box in form.errors.values())


@given(st.text(), st.booleans(), st.sampled_from([None, False, True]))
def test_what_is_filled_is_what_is_read(name: str, warm_up: bool, answer: bool | None) -> None:
    """Any values filled in are read back unchanged."""
    form = _form([])
    values = {"name": name, "day": None, "warm-up": warm_up, "answer": answer}
    form.fill(values)
    assert form.read() == values


def test_a_widget_without_a_settable_value_is_filled_through_its_own_setter() -> None:
    """`put=` fills a field whose widget is set another way."""
    form = FormKit()
    kept: list[object] = []
    box = w.Text()
    form.add("rows", box, (), put=kept.append)
    form.fill({"rows": ("a",)})
    form.blank()
    assert kept == [("a",), ()]


def test_without_a_fallback_an_error_naming_no_box_is_left_to_the_caller() -> None:
    """No fallback: nothing is shown and no box is made."""
    form = _form([])
    form.box("name")
    assert form.show_error(ValidationError("weekday", 9, "no such day")) is None
    assert list(form.errors) == ["name"] and form.errors["name"].value == ""

"""Answering the screening form for a test client: every question answered 'no' on purpose,
as a trainer does after asking (the form itself never answers for the client)."""

from __future__ import annotations

from stretchkit.widgets.workbook.screening_form import ScreeningForm

__all__ = ["answer_no_to_everything"]


def answer_no_to_everything(form: ScreeningForm, age: str = "", warm_up: bool = True) -> None:
    """Answer 'No' to every PAR-Q+ question and every condition, 'Yes' to a possible warm-up
    (most clients can warm up; `warm_up=False` says not) and type the age, if given."""
    for toggle in form.parq:
        toggle.value = "No"
    for box in form.flags.values():
        box.value = False
    form.injured.value = False
    form.surgery.value = ""
    form.pregnancy.value = False
    form.reduced.value = False
    form.warm_up.value = warm_up
    if age:
        form.age.value = age

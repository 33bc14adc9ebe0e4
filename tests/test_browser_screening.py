"""The screening form in Voila, filled in with a real Chromium: live result, errors, saving.
Each test adds the client it screens to the module's store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.screening import screen
from stretchkit.screening.intake import Injury, Intake
from stretchkit.store import Store
from tests.conftest import ServeNotebook
from tests.pages import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def answer(page: Any, question: str, said: str) -> None:
    """Press 'Yes' or 'No' for one question (its CSS class) and wait until the kernel has it."""
    page.click(f"{question} button:text-is('{said}')")
    page.wait_for_selector(f"{question} button.mod-active:text-is('{said}')")


def answer_no_to_everything(page: Any) -> None:
    """Every PAR-Q+ question and condition answered 'No', as asked of the client, and 'Yes' to
    a possible warm-up (most clients can warm up)."""
    questions = [f".sk-parq-{n}" for n in range(1, 8)]
    flags = page.eval_on_selector_all(
        ".sk-screening-form .widget-toggle-buttons",
        "els => els.flatMap(e => [...e.classList].filter(c => c.startsWith('sk-flag-')))",
    )
    for question in [*questions, *(f".{flag}" for flag in flags), ".sk-injured", ".sk-pregnancy"]:
        answer(page, question, "No")
    answer(page, ".sk-reduced", "No")
    answer(page, ".sk-warm-up", "Yes")
    page.select_option(".sk-surgery select", label="No recent surgery")


@pytest.fixture(scope="module")
def served(
    serve_notebook: ServeNotebook, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The screening notebook served on a store of its own, empty at first, and that store."""
    db = tmp_path_factory.mktemp("screening") / "store.db"
    Store.open(db).close()
    return serve_notebook("screening.ipynb", db), db


def add_client(db: Path, name: str) -> int:
    """Add a new client, not screened yet; their id."""
    with Store.open(db) as store:
        return store.clients.add(ClientDetails(name, notes="Synthetic test client.")).id


def test_a_trainer_screens_a_client_and_saves_it(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Pick the client, bad age then good age, tick osteoporosis, save: the store has it."""
    url, db = served
    client_id = add_client(db, "Jules Calloway")
    page = open_page(browser, url, ".sk-screening-form .sk-banner", 1200, 1400)
    try:
        page.select_option(".sk-client-picker select", label="Jules Calloway")
        page.fill(".sk-age input", "67")
        page.press(".sk-age input", "Enter")
        page.wait_for_selector(".sk-banner:has-text('Not answered yet: PAR-Q+ questions 1')")
        answer_no_to_everything(page)
        page.fill(".sk-age input", "400")
        page.press(".sk-age input", "Enter")
        error = page.wait_for_selector(".sk-error-age:has-text('age:')")
        assert "400" in error.inner_text()
        page.fill(".sk-age input", "67")
        page.press(".sk-age input", "Enter")
        page.wait_for_selector('.sk-banner[data-status="cleared"]')
        answer(page, ".sk-flag-osteoporosis", "Yes")
        page.wait_for_selector('.sk-banner[data-status="do-not-stretch"]')
        assert "Refer to a healthcare professional" in page.inner_text(".sk-banner")
        assert page.locator(".sk-decisions tr.sk-decision-excluded").count() == 8
        page.click(".sk-save")
        page.wait_for_selector(".sk-saved")
        page.screenshot(path=str(artifacts / "screening-voila.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        history = store.screenings.history(client_id)
    assert [s.status for s in history] == ["do-not-stretch"]
    assert history[0].intake.osteoporosis and history[0].intake.age == 67


def test_a_rescreen_starts_from_the_last_answers_each_confirmed_or_changed(
    browser: Any, served: tuple[str, Path], artifacts: Path
) -> None:
    """Robin's answers of 2025-03-10 (58, PAR-Q+ 5 yes, lower back pain, a strained
    shoulder) come back marked, the age moved on by the form's date; saving waits for every
    one to be confirmed or changed; the history says what changed."""
    url, db = served
    robin_id = add_client(db, "Robin Ashdown")
    earlier = Intake(
        date(2025, 3, 10),
        58,
        parq=(False, False, False, False, True, False, False),
        lower_back_pain=True,
        injuries=(Injury("shoulder", "strain"),),
    )
    with Store.open(db) as store:
        store.screenings.add(robin_id, screen(earlier, default_catalog()))
    page = open_page(browser, url, ".sk-screening-form .sk-banner", 1200, 1400)
    try:
        page.select_option(".sk-client-picker select", label="Robin Ashdown")
        page.wait_for_selector(".sk-carried-age:has-text('from the screening of 2025-03-10')")
        page.fill(".sk-date input", "2026-03-09")
        page.wait_for_function("document.querySelector('.sk-age input').value === '58'")
        page.fill(".sk-date input", "2026-11-02")
        page.wait_for_function("document.querySelector('.sk-age input').value === '59'")
        assert page.is_visible(".sk-flag-lower-back-pain button.mod-active:text-is('Yes')")
        assert "from the screening of 2025-03-10" in page.inner_text(".sk-carried-parq-1")
        page.click(".sk-save")
        message = page.wait_for_selector(".sk-message:has-text('Still to confirm')")
        assert "PAR-Q+ question 1" in message.inner_text()
        answer(page, ".sk-flag-lower-back-pain", "No")
        page.wait_for_selector(".sk-carried-lower-back-pain:has-text('changed since')")
        confirms = page.locator(".sk-carried input[type=checkbox]:visible")
        for box in confirms.all():
            box.check()
        page.wait_for_selector(".sk-carried-summary:has-text('Every answer is confirmed')")
        page.click(".sk-save")
        page.wait_for_selector(".sk-saved")
        changed = page.wait_for_selector(".sk-history .sk-changed:has-text('Age: 58')")
        assert "Significant lower back pain: yes \u2192 no" in changed.inner_text()
        assert "Age: 58 \u2192 59" in changed.inner_text()
        page.screenshot(path=str(artifacts / "screening-rescreen.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()
    with Store.open(db) as store:
        newest = store.screenings.history(robin_id)[0]
    assert (newest.taken_on, newest.intake.age) == (date(2026, 11, 2), 59)
    assert not newest.intake.lower_back_pain and newest.intake.parq[4]


def test_reasons_show_once_and_injuries_are_rows_on_a_phone(
    browser: Any, served: tuple[str, Path]
) -> None:
    """At 400 px: no label cut off, the status icon drawn, each reason once, and an injury
    row added, filled in and removed (no kind shown without an injury)."""
    url, db = served
    add_client(db, "Avery Onphone")
    neck = default_catalog().body_parts["neck"].name
    page = open_page(browser, url, ".sk-screening-form .sk-banner", 400, 1400)
    try:
        page.select_option(".sk-client-picker select", label="Avery Onphone")
        answer_no_to_everything(page)
        page.fill(".sk-age input", "67")
        page.press(".sk-age input", "Enter")
        page.wait_for_selector('.sk-banner[data-status="cleared"]')
        cut = page.evaluate(
            "() => [...document.querySelectorAll('.sk-screening-form label, "
            ".sk-screening-form .widget-label-basic span')]"
            ".filter(e => e.offsetWidth > 0 && e.scrollWidth > e.clientWidth + 1)"
            ".map(e => e.textContent)"
        )
        assert cut == []
        icon = page.locator(".sk-banner .sk-status-icon").bounding_box()
        assert icon is not None and icon["width"] > 8 and icon["height"] > 8
        answer(page, ".sk-flag-osteoporosis", "Yes")
        page.wait_for_selector('.sk-banner[data-status="do-not-stretch"]')
        assert page.locator(".sk-reasons .sk-reason").count() == 3
        quoted = page.inner_text(".sk-decisions-view")
        assert quoted.count("increased risk of fracture with assisted stretching") == 1
        answer(page, ".sk-injured", "Yes")
        # a choice not made yet is a prompt in the banner; no field is marked before Save
        page.wait_for_selector(".sk-banner.sk-status-incomplete:has-text('add each injury')")
        assert not page.inner_text(".sk-error-injury-body-part").strip()
        assert page.is_visible(".sk-no-injury")
        assert page.locator(".sk-injury-kind").count() == 0
        page.click(".sk-add-injury")
        page.wait_for_selector(".sk-banner.sk-status-incomplete:has-text('where injury 1 is')")
        page.select_option(".sk-injury-where select", label=neck)
        page.select_option(".sk-injury-kind select", label="Fracture")
        page.wait_for_function(
            "!document.querySelector('.sk-error-injury-kind').textContent.trim()"
        )
        assert page.is_hidden(".sk-no-injury")
        page.click(".sk-remove-injury")
        page.wait_for_selector(".sk-no-injury", state="visible")
        assert page.locator(".sk-injury-kind").count() == 0
        assert "Traceback" not in page.content()
    finally:
        page.close()

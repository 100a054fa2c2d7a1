"""The one workflow shape (accounts.workflow), tested as a table on a small example."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from accounts.roles import Capability, Role
from accounts.workflow import Step, Workflow


class Light(models.TextChoices):
    RED = "red", "Rood"
    GREEN = "green", "Groen"
    AMBER = "amber", "Oranje"


FLOW = Workflow(
    Light,
    {
        Light.RED: (Step(Light.GREEN, "Groen geven"),),
        Light.GREEN: (
            Step(Light.AMBER, "Waarschuwen"),
            Step(Light.RED, "Noodstop", button=False),
        ),
        Light.AMBER: (Step(Light.RED, "Stoppen", capability=Capability.USERS_MANAGE),),
    },
)

TABLE = [
    # from, to, allowed
    (Light.RED, Light.GREEN, True),
    (Light.RED, Light.AMBER, False),
    (Light.RED, Light.RED, False),
    (Light.GREEN, Light.AMBER, True),
    (Light.GREEN, Light.RED, True),
    (Light.GREEN, Light.GREEN, False),
    (Light.AMBER, Light.RED, True),
    (Light.AMBER, Light.GREEN, False),
    (Light.AMBER, Light.AMBER, False),
]


def test_the_table_covers_every_pair_and_matches_the_workflow():
    assert {(a, b) for a, b, _ in TABLE} == {(a, b) for a in Light for b in Light}
    assert {(a, b) for a, b, ok in TABLE if ok} == FLOW.pairs


@pytest.mark.parametrize(("frm", "to", "allowed"), TABLE)
def test_check_returns_the_step_or_refuses_in_dutch(frm, to, allowed):
    if allowed:
        assert FLOW.check(frm, to).to == to
    else:
        with pytest.raises(ValidationError) as exc:
            FLOW.check(frm, to)
        assert exc.value.messages == [
            f"Van '{Light(frm).label}' naar '{Light(to).label}' is geen toegestane stap."
        ]


def test_a_workflow_has_its_own_refusal_and_names_an_unknown_state_as_given():
    flow = Workflow(Light, {Light.RED: ()}, refused="Van %(from)s kan het niet naar %(to)s.")
    with pytest.raises(ValidationError, match="Van Rood kan het niet naar purple."):
        flow.check(Light.RED, "purple")


def test_a_table_naming_an_unknown_state_does_not_load():
    with pytest.raises(ValueError, match="purple"):
        Workflow(Light, {Light.RED: (Step("purple", "Paars"),)})


def test_next_steps_offers_buttons_only_and_only_the_users_capabilities():
    class Person:
        is_active = True
        is_authenticated = True
        is_superuser = False

        def __init__(self, role):
            self.role = role

    assert [s.label for s in FLOW.next_steps(Light.GREEN)] == ["Waarschuwen"]
    assert [s.to for s in FLOW.allowed(Light.GREEN)] == [Light.AMBER, Light.RED]
    assert FLOW.next_steps(Light.AMBER, user=Person(Role.BOA)) == ()
    assert [s.label for s in FLOW.next_steps(Light.AMBER, user=Person(Role.FUNCTIONAL_ADMIN))] == [
        "Stoppen"
    ]
    assert FLOW.next_steps(Light.AMBER) == FLOW.allowed(Light.AMBER)

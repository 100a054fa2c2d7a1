"""The LHSO intervention matrix, tested as a table."""

import pytest

from enforcement import matrix
from enforcement.demo import INTERVENTIONS
from enforcement.models import InterventionType
from enforcement.tests.factories import OffenceFactory

# consequence, attitude, ladder step
TABLE = [
    ("none", "A", 1),
    ("none", "B", 1),
    ("none", "C", 2),
    ("none", "D", 3),
    ("limited", "A", 1),
    ("limited", "B", 2),
    ("limited", "C", 3),
    ("limited", "D", 4),
    ("considerable", "A", 2),
    ("considerable", "B", 3),
    ("considerable", "C", 4),
    ("considerable", "D", 4),
    ("severe", "A", 3),
    ("severe", "B", 4),
    ("severe", "C", 4),
    ("severe", "D", 5),
]


@pytest.mark.parametrize("consequence,attitude,step", TABLE)
def test_matrix_cell(consequence, attitude, step):
    assert matrix.matrix_step(attitude=attitude, consequence=consequence) == step


def test_table_covers_every_cell():
    assert len(TABLE) == 16
    assert {(c, a) for c, a, _ in TABLE} == {
        (c, a) for c in matrix.MATRIX for a in matrix.MATRIX[c]
    }


def test_matrix_never_gets_lighter_with_worse_attitude_or_consequence():
    consequences = ["none", "limited", "considerable", "severe"]
    attitudes = ["A", "B", "C", "D"]
    for c in consequences:
        steps = [matrix.MATRIX[c][a] for a in attitudes]
        assert steps == sorted(steps)
    for a in attitudes:
        steps = [matrix.MATRIX[c][a] for c in consequences]
        assert steps == sorted(steps)


# base step, repeats, raised step
REPEATS = [(1, 0, 1), (1, 1, 2), (1, 2, 3), (1, 5, 3), (3, 1, 4)]


@pytest.mark.parametrize("base,repeats,expected", REPEATS)
def test_repeats_raise_the_step_at_most_two(base, repeats, expected):
    consequence, attitude = next((c, a) for c, a, s in TABLE if s == base)
    assert (
        matrix.raised_step(attitude=attitude, consequence=consequence, repeat_count=repeats)
        == expected
    )


@pytest.fixture
def ladder(db):
    for code, name, step, offender, amount, letter in INTERVENTIONS:
        InterventionType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "ladder_step": step,
                "needs_offender": offender,
                "needs_amount": amount,
                "produces_letter": letter,
            },
        )


# attitude, consequence, repeats, proposed intervention code
PROPOSALS = [
    ("A", "none", 0, "verbal-warning"),
    ("A", "none", 1, "written-warning"),
    ("B", "limited", 0, "written-warning"),
    ("C", "limited", 0, "bsb"),
    ("D", "limited", 0, "pv"),
    ("D", "severe", 0, "bestuursdwang"),
    ("D", "severe", 3, "bestuursdwang"),  # the top of the ladder holds
]


@pytest.mark.parametrize("attitude,consequence,repeats,code", PROPOSALS)
def test_proposal_maps_step_to_intervention(ladder, attitude, consequence, repeats, code):
    proposal = matrix.propose(attitude=attitude, consequence=consequence, repeat_count=repeats)
    assert proposal.intervention.code == code


def test_offence_default_wins_on_its_own_step(ladder):
    offence = OffenceFactory(default_intervention=InterventionType.objects.get(code="lod"))
    proposal = matrix.propose(attitude="D", consequence="limited", offence=offence)
    assert proposal.intervention.code == "lod"


def test_missing_step_falls_back_to_nearest_lower(ladder):
    InterventionType.objects.filter(code="bsb").update(active=False)
    proposal = matrix.propose(attitude="C", consequence="limited")
    assert proposal.intervention.code == "written-warning"

"""The intervention matrix and ladders of the handhavingsstrategie, tested as tables."""

import pytest

from accounts.privacy import normalise_name
from enforcement import matrix
from enforcement.demo import INTERVENTIONS
from enforcement.models import InterventionType
from enforcement.offenders import offender_key
from enforcement.services import strategy as strategy_svc

# consequence, attitude, ladder step of the built-in (LHSO-based) default
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
    for c in matrix.CONSEQUENCES:
        steps = [matrix.MATRIX[c][a] for a in matrix.ATTITUDES]
        assert steps == sorted(steps)
    for a in matrix.ATTITUDES:
        steps = [matrix.MATRIX[c][a] for c in matrix.CONSEQUENCES]
        assert steps == sorted(steps)


def test_default_says_it_is_based_on_the_lhso_not_a_national_public_order_matrix():
    name = str(matrix.DEFAULT_NAME)
    assert "gebaseerd op de Landelijke Handhavingsstrategie Omgevingsrecht (LHSO)" in name
    assert "nationa" not in name.lower()


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


# attitude, consequence, repeats, proposed intervention code, ladder step
PROPOSALS = [
    ("A", "none", 0, "verbal-warning", 1),
    ("A", "none", 1, "written-warning", 2),
    ("A", "none", 2, "bsb", 3),
    ("B", "limited", 0, "written-warning", 2),
    ("B", "limited", 1, "bsb", 3),
    ("C", "limited", 0, "bsb", 3),
    ("D", "limited", 0, "pv", 4),
    ("D", "severe", 0, "bestuursdwang", 5),
    ("D", "severe", 3, "bestuursdwang", 5),  # the top of the ladder holds
    ("A", "none", 9, "bestuursdwang", 5),
]


@pytest.mark.parametrize("attitude,consequence,repeats,code,step", PROPOSALS)
def test_default_proposal_climbs_the_ladder(ladder, attitude, consequence, repeats, code, step):
    proposal = matrix.propose(
        table=matrix.default_table(),
        attitude=attitude,
        consequence=consequence,
        repeat_count=repeats,
    )
    assert proposal.intervention.code == code
    assert proposal.position == step


# repeats, who, group, sentence
SENTENCES = [
    (
        0,
        "person",
        "",
        "Eerste overtreding door deze persoon binnen 12 maanden: de basisinterventie van de "
        "matrix (houding A, gevolg geen of gering).",
    ),
    (
        1,
        "person",
        "",
        "Tweede overtreding door dezelfde persoon binnen 12 maanden: stap 2 van de ladder.",
    ),
    (
        2,
        "company",
        "",
        "Derde overtreding door hetzelfde bedrijf binnen 12 maanden: stap 3 van de ladder.",
    ),
    (
        1,
        "operator",
        "Horeca",
        "Tweede overtreding (Horeca) door dezelfde exploitant binnen 12 maanden: stap 2 van de ladder.",
    ),
    (
        7,
        "person",
        "",
        "8e overtreding door dezelfde persoon binnen 12 maanden: de hoogste stap (5) van de ladder.",
    ),
]


@pytest.mark.parametrize("repeats,who,group,sentence", SENTENCES)
def test_each_proposal_explains_itself_in_one_sentence(ladder, repeats, who, group, sentence):
    proposal = matrix.propose(
        table=matrix.default_table(),
        attitude="A",
        consequence="none",
        repeat_count=repeats,
        who=who,
        group_name=group,
    )
    assert proposal.explanation == sentence


def test_missing_step_falls_back_to_nearest_lower(ladder):
    InterventionType.objects.filter(code="bsb").update(active=False)
    proposal = matrix.propose(table=matrix.default_table(), attitude="C", consequence="limited")
    assert proposal.intervention.code == "written-warning"


def test_base_off_the_ladder_climbs_from_the_next_heavier_step(ladder):
    draft = strategy_svc.strategy_draft_create(actor=None)
    table = matrix.table_for(draft)
    care = InterventionType.objects.get(code="care-referral")  # step 2, not on the ladder
    table.cells[("B", "limited")] = care
    first = matrix.propose(table=table, attitude="B", consequence="limited")
    second = matrix.propose(table=table, attitude="B", consequence="limited", repeat_count=1)
    assert first.intervention == care and first.position is None
    assert second.intervention.code == "bsb" and second.position == 3


# One normalisation for who is the same offender: typed, name, normalised
NORMALISED = [
    ("Jan de Vries", "jandevries"),
    ("JAN  DE VRIES", "jandevries"),
    (" jan de  vries ", "jandevries"),
    ("Jan de Vriës", "jandevries"),
    ("Jan-de Vries", "jandevries"),
    ("Çelik, Ayşe", "celikayse"),
    ("Zoë d’Ancona", "zoedancona"),
    ("Ĳsbrand", "ijsbrand"),
    ("J. de Vries", "jdevries"),  # an initial is not the name
]


@pytest.mark.parametrize("typed,normalised", NORMALISED)
def test_name_normalisation(typed, normalised):
    assert normalise_name(typed) == normalised


def test_offender_key_by_kind():
    import datetime as dt

    dob = dt.date(1985, 3, 4)
    assert offender_key(kind="person", name="Jan de Vriës", date_of_birth=dob) == offender_key(
        kind="person", name="jan  de vries", date_of_birth=dob
    )
    assert offender_key(kind="person", name="Jan de Vries", date_of_birth=None) == ""
    assert offender_key(kind="person", name="Jan de Vries", date_of_birth=dob) != offender_key(
        kind="person", name="Jan de Vries", date_of_birth=dt.date(1985, 3, 5)
    )
    assert offender_key(kind="company", name="A", coc_number="12345678") == offender_key(
        kind="company", name="B", coc_number="12345678"
    )
    assert offender_key(kind="company", name="Café De Hoek", address="Markt 1") == offender_key(
        kind="company", name="cafe de hoek", address="MARKT 1"
    )
    assert offender_key(kind="company", name="Café De Hoek", address="Markt 1") != offender_key(
        kind="company", name="Café De Hoek", address="Markt 2"
    )
    assert offender_key(kind="company", name="Café De Hoek") == ""

"""Forms of the handhavingsstrategie: a version's matrix and ladders, its adoption."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_util import ModelChoiceField
from enforcement import matrix
from enforcement.models import InterventionType, OffenceGroup, Strategy, Violation

LADDER_STEPS = 6
OTHERS = "overig"


def _cell_name(attitude: str, consequence: str) -> str:
    return f"cell_{attitude}_{consequence}"


def _rung_name(group_key: str, position: int) -> str:
    return f"rung_{group_key}_{position}"


class StrategyForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    repeat_window_days = forms.IntegerField(
        label=_("Termijn voor herhaling (dagen)"),
        min_value=1,
        max_value=3650,
        help_text=_("Eerdere overtredingen binnen deze termijn tellen mee; 365 is 12 maanden."),
    )

    def __init__(self, *args, strategy: Strategy, groups: list[OffenceGroup], **kwargs):
        super().__init__(*args, **kwargs)
        options = InterventionType.objects.filter(active=True).order_by("ladder_step", "name")
        table = matrix.table_for(strategy)
        self.groups = [(OTHERS, _("Overige feiten"), None)] + [
            (str(g.pk), g.name, g.pk) for g in groups
        ]
        if not self.is_bound:
            self.initial.update(
                name=strategy.name,
                description=strategy.description,
                repeat_window_days=strategy.repeat_window_days,
            )
        for a in matrix.ATTITUDES:
            for c in matrix.CONSEQUENCES:
                name = _cell_name(a, c)
                self.fields[name] = ModelChoiceField(
                    label=f"{Violation.Attitude(a).label} × {Violation.Consequence(c).label}",
                    queryset=options,
                    error_messages={"required": _("Kies een interventie.")},
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )
                cell = table.cells.get((a, c))
                self.initial.setdefault(name, cell.pk if cell else None)
        for key, label, group_id in self.groups:
            ladder = table.ladders.get(group_id, [])
            for position in range(1, LADDER_STEPS + 1):
                name = _rung_name(key, position)
                self.fields[name] = ModelChoiceField(
                    label=_("%(group)s, stap %(n)s") % {"group": label, "n": position},
                    queryset=options,
                    required=False,
                    empty_label="—",
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )
                if position <= len(ladder):
                    self.initial.setdefault(name, ladder[position - 1].pk)

    def matrix_rows(self):
        """Rows for the template: consequence label and the four attitude fields."""
        return [
            (
                Violation.Consequence(c).label,
                [self[_cell_name(a, c)] for a in matrix.ATTITUDES],
            )
            for c in matrix.CONSEQUENCES
        ]

    def attitude_labels(self):
        return [Violation.Attitude(a).label for a in matrix.ATTITUDES]

    def ladder_rows(self):
        return [
            (label, [self[_rung_name(key, p)] for p in range(1, LADDER_STEPS + 1)])
            for key, label, _group_id in self.groups
        ]

    def cells(self) -> dict:
        return {
            (a, c): self.cleaned_data[_cell_name(a, c)]
            for a in matrix.ATTITUDES
            for c in matrix.CONSEQUENCES
        }

    def ladders(self) -> dict:
        out = {}
        for key, _label, group_id in self.groups:
            steps = [self.cleaned_data.get(_rung_name(key, p)) for p in range(1, LADDER_STEPS + 1)]
            steps = [s for s in steps if s is not None]
            if steps:
                out[group_id] = steps
        return out


class StrategyAdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Vastgesteld per"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Vanaf deze datum stelt deze versie de interventies voor."),
    )

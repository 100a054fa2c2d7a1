"""The programme draft's proposal from the forecast: shown with its reasoning, changed
freely, taken over as activities that keep the proposed hours."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.submissions import submission_once
from planning import permissions
from planning.selectors.proposal import programme_proposal
from planning.services.proposal import programme_proposal_adopt


class ProposalForm(forms.Form):
    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i, row in enumerate(rows):
            self.fields[f"hours_{i}"] = forms.DecimalField(
                label=f"{row.theme.name}, {row.district.name}",
                min_value=0,
                max_value=1_000_000,
                decimal_places=1,
                initial=row.hours,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )

    def lines(self):
        return [(row, self[f"hours_{i}"]) for i, row in enumerate(self.rows)]


@login_required
@submission_once
def programme_proposal_view(request, pk: int):
    programme = get_object_or_404(permissions.programmes_visible_to(request.user), pk=pk)
    require(permissions.can_change_programme(request.user, programme))
    rows, available = programme_proposal(programme=programme)
    form = ProposalForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        chosen = [
            {
                "theme": row.theme, "district": row.district, "proposed": row.hours,
                "chosen": form.cleaned_data[f"hours_{i}"], "reason": row.reason,
            }
            for i, row in enumerate(rows)
        ]  # fmt: skip
        try:
            created = programme_proposal_adopt(actor=request.user, programme=programme, rows=chosen)
        except PermissionDenied:
            require(False)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(n)s activiteiten uit het voorstel toegevoegd.") % {"n": len(created)}
            )
            return redirect("planning:programme_detail", programme.pk)
    return render(
        request,
        "planning/proposal.html",
        {"programme": programme, "form": form, "available": available},
    )

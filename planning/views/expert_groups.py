"""Theme plans with goals and indicators; expert groups with meetings and evaluations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.forms_util import apply_errors
from accounts.roles import Capability as C
from accounts.roles import has_capability
from accounts.submissions import submission_once
from planning import permissions
from planning.forms import (
    EvaluationForm,
    ExpertGroupForm,
    GoalForm,
    IndicatorValueForm,
    MeetingForm,
    MemberForm,
    ThemePlanForm,
)
from planning.models import Goal
from planning.selectors.expert_groups import (
    expert_group_members_read,
    expert_groups_overdue,
    expert_groups_with_last_meeting,
    goal_latest_judgements,
    indicator_current,
)
from planning.services import expert_groups as svc


def _sees_plans(user) -> bool:
    return (
        has_capability(user, C.THEME_PLAN_MANAGE)
        or has_capability(user, C.PROGRAMME_PRIORITISE)
        or has_capability(user, C.PROGRAMME_DRAFT)
        or has_capability(user, C.EXPERT_GROUP_PARTICIPATE)
    )


# --- theme plans -----------------------------------------------------------------


@login_required
def plan_list(request):
    require(_sees_plans(request.user))
    plans = (
        permissions.theme_plans_visible_to(request.user)
        .select_related("theme")
        .prefetch_related("goals")
    )
    return render(
        request,
        "planning/plan_list.html",
        {"plans": plans, "can_manage": permissions.can_manage_theme_plan(request.user)},
    )


@login_required
@submission_once
def plan_create(request):
    require(permissions.can_manage_theme_plan(request.user))
    form = ThemePlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = svc.theme_plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Themaplan aangemaakt. Voeg doelen toe."))
            return redirect("planning:plan_detail", plan.pk)
    return render(
        request,
        "planning/form.html",
        {"form": form, "title": _("Nieuw themaplan"), "cancel_url": reverse("planning:plan_list")},
    )


@login_required
def plan_detail(request, pk: int):
    plan = get_object_or_404(
        permissions.theme_plans_visible_to(request.user).select_related("theme"), pk=pk
    )
    goals = list(
        plan.goals.select_related("indicator", "indicator__category").prefetch_related(
            "indicator__areas"
        )
    )
    latest = goal_latest_judgements([g.pk for g in goals])
    rows = []
    for g in goals:
        ind = getattr(g, "indicator", None)
        rows.append(
            {
                "goal": g,
                "indicator": ind,
                "current": indicator_current(indicator=ind) if ind else None,
                "latest": latest.get(g.pk),
            }
        )
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "rows": rows,
            "can_manage": permissions.can_manage_theme_plan(request.user, plan),
        },
    )


@login_required
@submission_once
def goal_edit(request, pk: int, goal_pk: int | None = None):
    plan = get_object_or_404(permissions.theme_plans_visible_to(request.user), pk=pk)
    goal = get_object_or_404(plan.goals, pk=goal_pk) if goal_pk else None
    require(permissions.can_manage_theme_plan(request.user, plan))
    initial = GoalForm.initial_for(goal) if goal else None
    form = GoalForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.goal_save(
                actor=request.user,
                plan=plan,
                goal=goal,
                goal_data=form.goal_data(),
                indicator_data=form.indicator_data(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Doel opgeslagen."))
            return redirect("planning:plan_detail", plan.pk)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Doel wijzigen") if goal else _("Nieuw doel"),
            "subtitle": str(plan),
            "cancel_url": reverse("planning:plan_detail", args=[plan.pk]),
        },
    )


@login_required
@submission_once
def indicator_value_create(request, pk: int, goal_pk: int):
    plan = get_object_or_404(permissions.theme_plans_visible_to(request.user), pk=pk)
    goal = get_object_or_404(Goal.objects.select_related("indicator"), plan=plan, pk=goal_pk)
    require(permissions.can_manage_theme_plan(request.user, plan))
    form = IndicatorValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.indicator_value_record(
                actor=request.user, indicator=goal.indicator, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Meetwaarde opgeslagen."))
            return redirect("planning:plan_detail", plan.pk)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Meetwaarde invoeren"),
            "subtitle": goal.indicator.name,
            "cancel_url": reverse("planning:plan_detail", args=[plan.pk]),
        },
    )


# --- expert groups ---------------------------------------------------------------


def _visible_group(user, pk: int):
    return get_object_or_404(permissions.expert_groups_visible_to(user), pk=pk)


@login_required
def group_list(request):
    require(_sees_plans(request.user) and not _is_drafter_only(request.user))
    visible = permissions.expert_groups_visible_to(request.user)
    groups = expert_groups_with_last_meeting(visible).order_by("theme__order", "name")
    overdue = set(expert_groups_overdue(qs=visible).values_list("pk", flat=True))
    return render(
        request,
        "planning/group_list.html",
        {
            "groups": groups,
            "overdue": overdue,
            "can_manage": permissions.can_manage_expert_group(request.user),
        },
    )


def _is_drafter_only(user) -> bool:
    return has_capability(user, C.PROGRAMME_DRAFT) and not (
        has_capability(user, C.EXPERT_GROUP_PARTICIPATE)
        or has_capability(user, C.THEME_PLAN_MANAGE)
    )


@login_required
@submission_once
def group_create(request):
    require(permissions.can_manage_expert_group(request.user))
    form = ExpertGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = svc.expert_group_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("planning:group_detail", group.pk)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Nieuwe expertgroep"),
            "cancel_url": reverse("planning:group_list"),
        },
    )


@login_required
def group_detail(request, pk: int):
    user = request.user
    group = _visible_group(user, pk)
    members = expert_group_members_read(user=user, group=group, request=request)
    meetings = group.meetings.prefetch_related("attendees")
    items = group.action_items.select_related("owner")
    return render(
        request,
        "planning/group_detail.html",
        {
            "group": group,
            "members": members,
            "meetings": meetings,
            "today": timezone.localdate(),
            "action_items": items,
            "can_manage": permissions.can_manage_expert_group(user, group),
            "overdue": expert_groups_overdue(qs=type(group).objects.filter(pk=group.pk)).exists(),
            "goals": svc.goals_for_group(group),
        },
    )


@login_required
@submission_once
def member_add(request, pk: int):
    group = _visible_group(request.user, pk)
    require(permissions.can_manage_expert_group(request.user, group))
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.member_add(actor=request.user, group=group, request=request, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Lid toegevoegd."))
            return redirect("planning:group_detail", group.pk)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Lid toevoegen"),
            "subtitle": group.name,
            "cancel_url": reverse("planning:group_detail", args=[group.pk]),
        },
    )


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    group = _visible_group(request.user, pk)
    member = get_object_or_404(group.members, pk=member_pk)
    require(permissions.can_manage_expert_group(request.user, group))
    svc.member_remove(actor=request.user, member=member, request=request)
    messages.success(request, _("%(m)s is geen lid meer.") % {"m": member})
    return redirect("planning:group_detail", group.pk)


@login_required
@submission_once
def meeting_create(request, pk: int):
    group = _visible_group(request.user, pk)
    require(permissions.can_manage_expert_group(request.user, group))
    form = MeetingForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = svc.meeting_record(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if form.cleaned_data["planned"]:
                messages.success(request, _("Geplande bijeenkomst vastgelegd."))
            else:
                messages.success(request, _("Bijeenkomst vastgelegd. Evalueer nu de doelen."))
            return redirect("planning:meeting_detail", group.pk, meeting.pk)
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "title": _("Bijeenkomst vastleggen"),
            "subtitle": group.name,
            "cancel_url": reverse("planning:group_detail", args=[group.pk]),
        },
    )


@login_required
@submission_once
def meeting_detail(request, pk: int, meeting_pk: int):
    user = request.user
    group = _visible_group(user, pk)
    meeting = get_object_or_404(
        group.meetings.prefetch_related(
            "attendees__user",
            Prefetch("evaluations", queryset=_evaluations()),
        ),
        pk=meeting_pk,
    )
    goals = list(svc.goals_for_group(group))
    can_manage = permissions.can_manage_expert_group(user, group)
    form = EvaluationForm(request.POST or None, goals=goals)
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            data = form.cleaned_data
            goal = Goal.objects.select_related("plan").filter(pk=data["goal"]).first()
            try:
                if goal is None:
                    raise ValidationError(_("Dit doel bestaat niet."))
                svc.evaluation_record(
                    actor=user,
                    meeting=meeting,
                    goal=goal,
                    judgement=data["judgement"],
                    comment=data["comment"],
                    adjustment=data["adjustment"],
                    follow_up=data["follow_up"],
                    action_owner=data["action_owner"],
                    action_due_on=data["action_due_on"],
                )
            except (ValidationError, PermissionDenied) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Evaluatie vastgelegd."))
                return redirect("planning:meeting_detail", group.pk, meeting.pk)
    return render(
        request,
        "planning/meeting_detail.html",
        {"group": group, "meeting": meeting, "form": form, "can_manage": can_manage},
        status=400 if request.method == "POST" else 200,
    )


def _evaluations():
    from planning.models import Evaluation

    return Evaluation.objects.select_related("goal", "goal__plan").prefetch_related(
        "action_items__owner", "change_proposals"
    )


@login_required
@require_POST
def action_item_done(request, pk: int, item_pk: int):
    group = _visible_group(request.user, pk)
    item = get_object_or_404(group.action_items, pk=item_pk)
    require(permissions.can_complete_action_item(request.user, item))
    svc.action_item_complete(actor=request.user, item=item)
    messages.success(request, _("Actiepunt afgerond."))
    return redirect("planning:group_detail", group.pk)

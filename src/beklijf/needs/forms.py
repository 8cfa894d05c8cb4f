from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beklijf.needs.models import LEVELS, Requirement, Skill, TrainingRequest, TrainingSkill


class SkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.level_descriptions or []
        for level in range(5):
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("Level %(n)s means") % {"n": level}, max_length=200, required=False,
                initial=current[level] if level < len(current) else "",
            )  # fmt: skip

    def clean(self) -> dict:
        data = super().clean()
        given = [(data.get(f"level_{level}") or "").strip() for level in range(5)]
        if any(given):
            if not all(given):
                self.add_error("level_0", _("Describe all five levels, or none to keep the defaults."))
            self.instance.level_descriptions = given
        return data


class TrainingSkillForm(forms.ModelForm):
    class Meta:
        model = TrainingSkill
        fields = ["training", "skill", "raises_to"]


class RequirementForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["skill", "job_title", "team", "level", "frequency"]

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("job_title")) == bool(data.get("team")):
            self.add_error("job_title", _("Give either a job title or a team the requirement applies to."))
        elif Requirement.objects.filter(
            organization=self.instance.organization, skill=data.get("skill"), job_title=data.get("job_title") or "",
            team=data.get("team"),
        ).exclude(pk=self.instance.pk).exists():  # fmt: skip
            self.add_error("skill", _("This skill already has a requirement for this job title or team."))
        return data


class AssessForm(forms.Form):
    """One level per skill, as radio buttons: a phone-friendly matrix row."""

    def __init__(self, *args, skills, initial_levels: dict, **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        for skill in skills:
            self.fields[f"skill_{skill.pk}"] = forms.TypedChoiceField(
                label=skill.name, choices=[("", _("not assessed")), *LEVELS], coerce=int, required=False,
                initial=initial_levels.get(skill.pk), help_text=" · ".join(
                    f"{i} {d}" for i, d in enumerate(skill.level_descriptions)),
            )  # fmt: skip


class RequestForm(forms.ModelForm):
    class Meta:
        model = TrainingRequest
        fields = ["training", "skill", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("yes", _("Approve")), ("no", _("Reject"))], coerce=lambda v: v == "yes"
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

"""Catalogue forms. Fields are listed explicitly: never `__all__` (no mass assignment, ASVS 15.3.3)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beklijf.catalog.models import (
    Enrollment,
    LearningPoint,
    Provider,
    Question,
    Trainer,
    Training,
    TrainingSession,
)
from beklijf.people.models import Organization

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProviderForm(forms.ModelForm):
    class Meta:
        model = Provider
        fields = ["name", "website", "contact_email"]

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Provider.objects.filter(organization=self.instance.organization, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a provider with this name."))
        return name


class TrainerForm(forms.ModelForm):
    class Meta:
        model = Trainer
        fields = ["name", "email"]


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "description", "provider", "mode", "hours", "cost_per_participant"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["provider"].queryset = Provider.objects.filter(organization=organization)

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        clash = Training.objects.filter(organization=self.instance.organization, title__iexact=title)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a training with this title."))
        return title


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["starts_at", "ends_at", "trainer", "location"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    def __init__(self, *args, training: Training, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.training = training
        self.fields["trainer"].queryset = Trainer.objects.filter(provider_id=training.provider_id)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


class EnrollmentForm(forms.ModelForm):
    class Meta:
        model = Enrollment
        fields = ["employee", "status", "completed_on"]
        widgets = {"completed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, session: TrainingSession, employees, **kwargs) -> None:  # noqa: ANN001
        """`employees`: the people the actor may enrol, from people/access.py."""
        super().__init__(*args, **kwargs)
        self.instance.session = session
        self.fields["employee"].queryset = employees.filter(is_active=True)
        if self.instance.pk:
            # The person of an enrolment does not change; a different person is a new enrolment.
            self.fields["employee"].disabled = True

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") == Enrollment.Status.COMPLETED and not data.get("completed_on"):
            self.add_error("completed_on", _("Give the date the training was completed."))
        employee = data.get("employee")
        if employee and not self.instance.pk:
            if Enrollment.objects.filter(employee=employee, session=self.instance.session).exists():
                self.add_error("employee", _("This person is already enrolled in this session."))
        return data


class LearningPointForm(forms.ModelForm):
    class Meta:
        model = LearningPoint
        fields = ["title", "summary", "position", "skill"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"skill": _("Then the quiz on this point counts as evidence for the skill.")}

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from beklijf.needs.models import Skill

        self.fields["skill"].queryset = Skill.objects.filter(organization=organization)


class QuestionForm(forms.ModelForm):
    """Answer options are four plain fields and a radio button, which works on any phone without JS."""

    CHOICE_COUNT = 4

    correct_choice = forms.TypedChoiceField(
        label=_("Correct option"),
        choices=[(str(i), str(i)) for i in range(1, CHOICE_COUNT + 1)],
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
    )
    true_false_answer = forms.TypedChoiceField(
        label=_("The statement is"),
        choices=[("true", _("True")), ("false", _("False"))],
        coerce=lambda value: value == "true",
        required=False,
        widget=forms.RadioSelect,
    )
    accepted_answers_text = forms.CharField(
        label=_("Accepted answers"),
        help_text=_("One per line; upper and lower case do not matter."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Question
        fields = ["kind", "prompt", "explanation", "is_active"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, learning_point: LearningPoint, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.learning_point = learning_point
        for i in range(1, self.CHOICE_COUNT + 1):
            self.fields[f"choice_{i}"] = forms.CharField(label=_("Option %(n)s") % {"n": i}, required=False)
        question = self.instance
        if question.pk:
            if question.kind == Question.Kind.TRUE_FALSE:
                correct = next((c for c in question.choices if c.get("correct")), None)
                self.initial["true_false_answer"] = "true" if correct and correct.get("value") else "false"
            elif question.uses_choices:
                for i, choice in enumerate(question.choices[: self.CHOICE_COUNT], start=1):
                    self.initial[f"choice_{i}"] = choice.get("text", "")
                    if choice.get("correct"):
                        self.initial["correct_choice"] = str(i)
            self.initial["accepted_answers_text"] = "\n".join(question.accepted_answers)

    # The model validates its JSON fields too; show those errors on the form fields that fill them.
    _MODEL_FIELD_TO_FORM_FIELD = {"choices": "choice_1", "accepted_answers": "accepted_answers_text"}

    def _update_errors(self, errors) -> None:  # noqa: ANN001
        if hasattr(errors, "error_dict"):
            for model_field, form_field in self._MODEL_FIELD_TO_FORM_FIELD.items():
                messages = errors.error_dict.pop(model_field, None)
                if messages and not self.has_error(form_field):
                    self.add_error(form_field, messages)
            if not errors.error_dict:
                return
        super()._update_errors(errors)

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.SCENARIO):
            texts = {i: (data.get(f"choice_{i}") or "").strip() for i in range(1, self.CHOICE_COUNT + 1)}
            filled = [i for i, text in texts.items() if text]
            if len(filled) < 2:
                self.add_error("choice_1", _("Give at least two answer options."))
            correct = data.get("correct_choice")
            if not correct:
                self.add_error("correct_choice", _("Mark which option is correct."))
            elif correct not in filled:
                self.add_error("correct_choice", _("The option marked correct is empty."))
            self.instance.choices = [{"text": texts[i], "correct": i == correct} for i in filled]
            self.instance.accepted_answers = []
        elif kind == Question.Kind.TRUE_FALSE:
            if data.get("true_false_answer") in (None, ""):
                self.add_error("true_false_answer", _("Say whether the statement is true or false."))
            answer = bool(data.get("true_false_answer"))
            self.instance.choices = [
                {"text": "true", "value": True, "correct": answer},
                {"text": "false", "value": False, "correct": not answer},
            ]
            self.instance.accepted_answers = []
        elif kind == Question.Kind.SHORT_ANSWER:
            lines = (data.get("accepted_answers_text") or "").splitlines()
            answers = sorted({" ".join(line.split()).lower() for line in lines if line.strip()})
            if not answers:
                self.add_error("accepted_answers_text", _("Give at least one accepted answer."))
            self.instance.accepted_answers = answers
            self.instance.choices = []
        return data

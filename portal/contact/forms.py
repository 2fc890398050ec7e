"""The member's contact form: a message, and the partner search it came from."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.contact.models import MESSAGE_MAX_LENGTH, MESSAGE_MIN_LENGTH, NEED_MAX_LENGTH


class ContactRequestForm(forms.Form):
    # Surrounding white space is stripped before the length is checked.
    message = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": _("Please write a message to the institution."),
            "min_length": _("Please write at least %(limit_value)d characters; your message has %(show_value)d."),
            "max_length": _("Please shorten your message to at most %(limit_value)d characters; "
                            "it has %(show_value)d."),
        },
    )
    # The partner-search query that led here (``?q=`` of the form's address), passed on unchanged.
    q = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = gettext(
            "Say who you are and what you are looking for: a partner, a process, material to recycle "
            "(%(minimum)d to %(maximum)d characters).") % {"minimum": MESSAGE_MIN_LENGTH, "maximum": MESSAGE_MAX_LENGTH}

    def clean_q(self) -> str:
        """The query as one line, cut to what is stored (it is context, never a reason to refuse a message)."""
        return " ".join(self.cleaned_data.get("q", "").split())[:NEED_MAX_LENGTH]

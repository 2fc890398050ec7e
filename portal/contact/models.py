"""A contact request: a member's short message to an institution, and what became of it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

#: bounds of a message, in characters (after surrounding white space is removed)
MESSAGE_MIN_LENGTH = 20
MESSAGE_MAX_LENGTH = 2000
#: the partner-search query that led to the request is kept up to this length
NEED_MAX_LENGTH = 200


class ContactRequest(models.Model):
    class Status(models.TextChoices):
        """Where the cluster management stands with following the request up."""

        NEW = "new", _("New")
        FOLLOWED_UP = "followed_up", _("Followed up")
        CLOSED = "closed", _("Closed")

    class Delivery(models.TextChoices):
        """What became of the e-mail; written only by ``portal.contact.sending``."""

        PENDING = "pending", _("Not sent yet")
        INSTITUTION = "institution", _("Sent to the institution")
        MANAGEMENT = "management", _("Sent to the cluster management to forward")
        STORED = "stored", _("Stored only: no address to send it to")
        FAILED = "failed", _("Sending failed")

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="contact_requests", verbose_name=_("sender"))
    # As they were when the request was sent: the request stays readable if the account changes or goes.
    sender_name = models.CharField(_("sender's name"), max_length=300)
    sender_email = models.EmailField(_("sender's e-mail address"), blank=True)
    sender_institution = models.CharField(_("sender's institution"), max_length=200, blank=True)
    institution = models.ForeignKey("taxonomy.Institution", on_delete=models.CASCADE, related_name="contact_requests",
                                    verbose_name=_("institution"))
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH,
                               validators=[MinLengthValidator(MESSAGE_MIN_LENGTH), MaxLengthValidator(MESSAGE_MAX_LENGTH)])
    need = models.CharField(_("search that led here"), max_length=NEED_MAX_LENGTH, blank=True,
                            help_text=_("The partner search the member came from, if any."))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    delivery = models.CharField(_("e-mail"), max_length=20, choices=Delivery.choices, default=Delivery.PENDING)
    delivery_error = models.CharField(_("sending error"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("handled by"))
    notes = models.TextField(_("notes"), blank=True, help_text=_("The cluster management's notes on following it up."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        # Requests come from members only: nobody adds one in the admin. Only Administrators hold these
        # (portal.accounts.roles.grant_administrators); Editors and Moderators do not.
        default_permissions = ("view", "change", "delete")

    @property
    def excerpt(self) -> str:
        return Truncator(" ".join(self.message.split())).chars(120)

    def __str__(self) -> str:
        return f"{self.sender_name} → {self.institution}"

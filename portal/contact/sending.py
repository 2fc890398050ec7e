"""Storing a contact request and mailing it: the one place that writes ``ContactRequest.delivery``.

A request is stored first, then mailed through Django's e-mail backend (the
console unless ``EMAIL_HOST`` is set):

* to the institution's contact address, with the sender as Reply-To, and a
  copy to ``PORTAL_CONTACT_MANAGEMENT_EMAIL`` if that is set;
* if the institution has no contact address, to the management address, to
  forward;
* if neither exists, nowhere: the request waits in the Administrators'
  report (Reports › Contact requests).

Mail is written in the portal's default language (``LANGUAGE_CODE``): the
recipient is an institution of the region, whatever language the sender reads.
A mail server that refuses the message leaves the request stored, marked
``failed`` with the reason, for the management to forward; the sender is told so.
"""

from __future__ import annotations

import logging
import smtplib
from email.utils import formataddr

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from portal.contact.models import ContactRequest
from portal.taxonomy.models import Institution

logger = logging.getLogger(__name__)


def submit(*, sender, institution: Institution, message: str, need: str = "") -> ContactRequest:
    """Store ``sender``'s request to ``institution`` and mail it; return the stored request."""
    contact = ContactRequest.objects.create(
        sender=sender,
        sender_name=" ".join((sender.get_full_name() or sender.get_username()).split()),
        sender_email=sender.email,
        sender_institution=_institution_of(sender),
        institution=institution,
        message=message,
        need=need,
    )
    deliver(contact)
    return contact


def deliver(contact: ContactRequest) -> ContactRequest.Delivery:
    """Mail ``contact`` to whoever should read it; record and return what happened."""
    management = settings.PORTAL_CONTACT_MANAGEMENT_EMAIL
    if contact.institution.contact_email:
        outcome = ContactRequest.Delivery.INSTITUTION
        to, cc = [contact.institution.contact_email], [management] if management else []
    elif management:
        outcome, to, cc = ContactRequest.Delivery.MANAGEMENT, [management], []
    else:
        return _record(contact, ContactRequest.Delivery.STORED)
    try:
        _email(contact, to, cc, forward=outcome == ContactRequest.Delivery.MANAGEMENT).send()
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("Contact request %s to %s could not be mailed", contact.pk, contact.institution.slug)
        return _record(contact, ContactRequest.Delivery.FAILED, f"{type(error).__name__}: {error}")
    return _record(contact, outcome)


def _record(contact: ContactRequest, outcome: ContactRequest.Delivery, error: str = "") -> ContactRequest.Delivery:
    contact.delivery, contact.delivery_error = outcome, error[:300]
    contact.save(update_fields=["delivery", "delivery_error"])
    return outcome


def _email(contact: ContactRequest, to: list[str], cc: list[str], forward: bool) -> EmailMessage:
    context = {"contact": contact, "forward": forward, "site_url": settings.WAGTAILADMIN_BASE_URL}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("contact/email/request_subject.txt", context)
        body = render_to_string("contact/email/request_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),  # one line: a header
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        cc=cc,
        # The institution answers the member directly; the member's address is theirs to see.
        reply_to=[formataddr((contact.sender_name, contact.sender_email))] if contact.sender_email else None,
    )


def _institution_of(user) -> str:
    try:
        institution = user.member_profile.institution
    except ObjectDoesNotExist:
        return ""
    return institution.name if institution else ""

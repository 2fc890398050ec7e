"""Reports › Contact requests: the cluster management follows up members' requests.

Listed for who holds a permission on contact requests: superusers and the
Administrators group (which ``portal.accounts.roles.grant_administrators``
gives every permission); Editors and Moderators hold none and are refused.
The list shows date, sender, institution, an excerpt, the partner search and
the status, filtered by status, institution and e-mail outcome; editing a request
sets its status and notes, and records who handled it. Nobody adds requests
here: they come from members through the portal.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.contact.models import ContactRequest


class ContactRequestPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody, superusers included, adds a request in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(ContactRequest, ContactRequestPermissionPolicy(ContactRequest))


class ContactRequestEditView(generic.EditView):
    def save_instance(self):
        if "status" in self.form.changed_data:
            self.form.instance.handled_by = self.request.user
        return super().save_instance()


class ContactRequestViewSet(ModelViewSet):
    model = ContactRequest
    name = "contact-requests"
    icon = "mail"
    menu_label = _("Contact requests")
    menu_name = "contact-requests"
    menu_hook = "register_reports_menu_item"
    menu_order = 1300
    edit_view_class = ContactRequestEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "created_at",
        "sender_name",
        "institution",
        Column("excerpt", label=capfirst(_("message"))),
        "need",
        "status",
        "delivery",
    ]
    list_filter = ["status", "institution", "delivery"]
    search_fields = ["sender_name", "sender_email", "sender_institution", "message", "need", "institution__name"]
    list_per_page = 50
    panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("created_at", read_only=True), FieldPanel("institution", read_only=True)]),
            FieldRowPanel([FieldPanel("sender_name", read_only=True), FieldPanel("sender_email", read_only=True),
                           FieldPanel("sender_institution", read_only=True)]),
            FieldPanel("need", read_only=True),
            FieldPanel("message", read_only=True),
            FieldRowPanel([FieldPanel("delivery", read_only=True), FieldPanel("delivery_error", read_only=True)]),
        ], heading=_("The request")),
        MultiFieldPanel([
            FieldPanel("status"),
            FieldPanel("handled_by", read_only=True),
            FieldPanel("notes"),
        ], heading=_("Follow-up")),
    ]


@hooks.register("register_admin_viewset")
def register_contact_requests():
    return ContactRequestViewSet()

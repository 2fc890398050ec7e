from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberProfile(models.Model):
    """What the portal knows about a user beyond Django's account: the member institution."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile",
                                verbose_name=_("user"))
    institution = models.ForeignKey("taxonomy.Institution", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="members", verbose_name=_("institution"))

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.institution})" if self.institution_id else name

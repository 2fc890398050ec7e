"""Who is a member of the cluster, as far as contacting institutions goes.

A member is an active account in the *Members* group (``portal.accounts.roles``),
read the way :mod:`portal.access` reads viewers: the visibility value of that
group, which superusers hold too. Editors and Moderators who are not also in
*Members* are not members: they see no contact person and may not send
contact requests.
"""

from __future__ import annotations

from portal.access import group_value, viewer_groups
from portal.accounts.roles import MEMBERS


def is_member(user) -> bool:
    """Whether ``user`` (``None`` and anonymous users included) is a member of the cluster."""
    return group_value(MEMBERS) in viewer_groups(user)

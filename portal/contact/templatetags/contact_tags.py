"""``{% is_member as member %}``: whether the viewer may see contact persons (members only)."""

from django import template

from portal.contact.membership import is_member as _is_member

register = template.Library()


@register.simple_tag(takes_context=True)
def is_member(context) -> bool:
    """The context's ``user`` (from the auth context processor), else ``request.user``; nobody: not a member."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    return bool(getattr(user, "is_authenticated", False)) and _is_member(user)

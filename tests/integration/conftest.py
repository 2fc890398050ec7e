"""Fixtures shared by the integration tests of several apps."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User


@pytest.fixture
def reader() -> User:
    """May log in to the admin, nothing more: no permission on documents, reports or pages."""
    group = Group.objects.create(name="Leser")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user("leser", "leser@example.org", "not-a-real-password-123")
    user.groups.add(group)
    return user

"""Settings read from the environment fail loudly and name the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import env


def test_booleans(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env.get_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env.get_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "vielleicht")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env.get_bool("FLAG")


def test_integers(monkeypatch):
    monkeypatch.delenv("SIZE", raising=False)
    assert env.get_int("SIZE", 7) == 7
    monkeypatch.setenv("SIZE", "50MB")
    with pytest.raises(ImproperlyConfigured, match="SIZE"):
        env.get_int("SIZE", 7)


def test_required_values_have_no_fallback(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env.require("SECRET_KEY")

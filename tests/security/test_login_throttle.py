"""Admin log-in is throttled per user and address (django-axes)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_user_out_from_that_address(english, client):
    user = make_user("cible", groups=["Editors"])
    user.set_password("the-right-password-123")
    user.save()
    url = reverse("admin:login")
    for _ in range(3):
        response = client.post(url, {"username": "cible", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    # Even the right password is refused while locked out.
    locked = client.post(
        url, {"username": "cible", "password": "the-right-password-123"}
    )
    assert locked.status_code == 429
    # Another address, or another user, is not locked.
    other = client.post(
        url,
        {"username": "cible", "password": "the-right-password-123"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other.status_code == 302

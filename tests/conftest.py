import pytest

from tests.factories import make_user


@pytest.fixture
def editor(db):
    return make_user("editor", groups=["Editors"])


@pytest.fixture
def staff(db):
    return make_user("staff", groups=["Staff"])


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty page cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

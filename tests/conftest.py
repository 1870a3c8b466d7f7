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


@pytest.fixture
def english():
    """Use the English interface: URLs reversed during the test are /en/…"""
    from django.utils import translation

    with translation.override("en"):
        yield

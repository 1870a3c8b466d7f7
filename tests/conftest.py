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
    """Each test starts with an empty page cache, and in the site's default
    language (a request to /en/… leaves English active in the thread, and
    URLs reversed by the next test would be /en/…)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()


@pytest.fixture
def english():
    """Use the English interface: URLs reversed during the test are /en/…"""
    from django.utils import translation

    with translation.override("en"):
        yield

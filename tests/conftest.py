import pytest

from tests.factories import make_user


@pytest.fixture
def editor(db):
    return make_user("editor", groups=["Editors"])


@pytest.fixture
def staff(db):
    return make_user("staff", groups=["Staff"])

"""Property-based tests of the model-validation layer: whatever text comes
in, it is stored normalised and XML-safe, or refused by validation, never
a database error."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Topic
from newsroom.text import clean_text, xml_safe

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any code point, lone surrogates and controls included.
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=400)


@given(ANY_TEXT, st.booleans())
@SETTINGS
def test_clean_text_is_idempotent_nfc_and_xml_safe(text, multiline):
    cleaned = clean_text(text, multiline=multiline)
    assert clean_text(cleaned, multiline=multiline) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert xml_safe(cleaned) == cleaned
    assert "\r" not in cleaned
    if not multiline:
        assert "\n" not in cleaned
    cleaned.encode("utf-8")  # no lone surrogate left


@pytest.mark.django_db
@given(title=ANY_TEXT, body=ANY_TEXT, slug=ANY_TEXT, byline=ANY_TEXT)
@SETTINGS
def test_an_article_is_valid_and_saves_or_is_refused_by_validation(
    title, body, slug, byline
):
    article = Article(
        title=title, body=body, slug=slug, byline=byline, date="2024-05-02"
    )
    try:
        article.full_clean()
    except ValidationError:
        return
    article.save()
    stored = Article.objects.get(pk=article.pk)
    assert xml_safe(stored.title) == stored.title
    assert stored.body == clean_text(body)


@pytest.mark.django_db
@given(name=ANY_TEXT, slug=ANY_TEXT, description=ANY_TEXT)
@SETTINGS
def test_a_topic_is_valid_and_saves_or_is_refused_by_validation(
    name, slug, description
):
    topic = Topic(name=name, slug=slug, description=description)
    try:
        topic.full_clean()
    except ValidationError:
        return
    topic.save()
    assert Topic.objects.get(pk=topic.pk).description == clean_text(description)

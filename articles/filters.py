"""Reader-facing filters for article lists. Visibility is enforced here:
whatever queryset a view passes, only published articles come out."""

import calendar
import datetime

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from articles.dates import parse_date
from articles.models import Article, Source, Topic
from articles.search import clean_query, search_articles
from newsroom import page_deps
from people.models import Person


def _month_or_day(value: str, *, end: bool) -> datetime.date | None:
    """'2023-01' is January: its first day as a start, its last as an end."""
    try:
        date, precision = parse_date(value)
    except ValueError:
        return None
    if end and precision == Article.DatePrecision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        date = date.replace(day=last)
    return date


class PlainTextInput(forms.TextInput):
    """A text input built with format_html. Django's widgets render through
    the template engine; the filter form's did so for every field of every
    list page, which was over a third of the home page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        value = self.format_value(value)
        if value is not None:
            attrs["value"] = value
        return format_html(
            '<input type="{}" name="{}"{}>', self.input_type, name, flatatt(attrs)
        )


class PlainSelect(forms.Select):
    """A select built with format_html (see PlainTextInput)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(attrs), options
        )


class SearchQueryField(forms.CharField):
    """The search box: control characters are dropped, not refused (a NUL
    would make the whole form invalid, and the search silently ignored)."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchFilter(django_filters.CharFilter):
    field_class = SearchQueryField


class MonthOrDayField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", PlainTextInput(attrs={"placeholder": "AAAA-MM"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and _month_or_day(value, end=False) is None:
            raise forms.ValidationError(_("Use YYYY-MM or YYYY-MM-DD."))
        return value


class MonthOrDayFilter(django_filters.CharFilter):
    field_class = MonthOrDayField


class ListedChoiceIterator(ModelChoiceIterator):
    """Choices read with one plain query (the default iterator() opens a
    server-side cursor on PostgreSQL: three round trips per list), and kept
    until which rows of that kind are public may change (topics and
    sources with published articles: a query over the whole archive)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = page_deps.remembered(
            f"newsroom:choices:{self.queryset.model._meta.label}",
            lambda: (
                list(self.queryset.all()),
                [page_deps.index(self.queryset.model)],
            ),
        )
        for obj in rows:
            yield self.choice(obj)


class ListedChoiceField(ModelChoiceField):
    iterator = ListedChoiceIterator
    widget = PlainSelect


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedChoiceField


class ArticleFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_search", label=_("Search"), widget=PlainTextInput)
    topic = ListedChoiceFilter(
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.public(),
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    person = django_filters.CharFilter(method="filter_person", label=_("Person"))
    source = ListedChoiceFilter(
        to_field_name="slug",
        queryset=Source.objects.public(),
        label=_("Source"),
        empty_label=_("All sources"),
    )
    language = django_filters.ChoiceFilter(
        choices=Article.Language.choices,
        widget=PlainSelect,
        label=_("Language"),
        empty_label=_("All languages"),
    )
    date_from = MonthOrDayFilter(method="filter_from", label=_("From"))
    date_to = MonthOrDayFilter(method="filter_to", label=_("To"))

    class Meta:
        model = Article
        fields = ["q", "topic", "person", "source", "language", "date_from", "date_to"]

    def __init__(self, data=None, queryset=None, **kwargs):
        queryset = queryset if queryset is not None else Article.objects.all()
        super().__init__(data, queryset.published(), **kwargs)

    def filter_search(self, queryset, name, value):
        return search_articles(value, queryset) if value.strip() else queryset

    def filter_person(self, queryset, name, value):
        person = Person.objects.filter(slug=value).first()
        if person is None:
            return queryset.none()
        self.person = person
        return queryset.for_person(person)

    def filter_from(self, queryset, name, value):
        return queryset.filter(date__gte=_month_or_day(value, end=False))

    def filter_to(self, queryset, name, value):
        return queryset.filter(date__lte=_month_or_day(value, end=True))

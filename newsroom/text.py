"""Text as the newsroom stores it, whatever way it came in.

One normalisation for every way in (admin forms, importers, commands, the
model's own save): Unicode NFC; `\\n` line endings (browsers send `\\r\\n`);
no character XML 1.0 forbids (C0 controls other than tab and newline, lone
surrogates, U+FFFE/U+FFFF), which would break feeds and sitemaps; no
invisible zero-width space, word joiner or stray byte-order mark. Single-line
fields (titles, names) also turn line breaks and tabs into spaces, and
lose the spaces around them.
Non-breaking spaces stay: French typography needs them before « » : ; ! ?.
"""

import re
import unicodedata

from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Links readers may follow: never javascript:, data: or anything else.
http_url = URLValidator(
    schemes=["http", "https"], message=_("Enter an http:// or https:// address.")
)

# Characters XML 1.0 does not allow, and invisible ones nobody means to type
# (a zero-width space, a word joiner, a byte-order mark inside the text).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u200b\u2060\ufeff]"
)
# What XML 1.0 forbids, for output whatever the database holds.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Line breaks as Windows, old Macs and Unicode write them; a vertical tab or
# form feed is how word processors write a manual line break.
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_ONE_LINE = re.compile(r"[\n\t]+")


def clean_text(value: str, *, multiline: bool = True) -> str:
    """`value` normalised as the newsroom stores text (see the module)."""
    value = _LINE_BREAKS.sub("\n", value)
    value = _FORBIDDEN.sub("", value)
    # After removing lone surrogates: NFC cannot encode them.
    value = unicodedata.normalize("NFC", value)
    if not multiline:
        value = _ONE_LINE.sub(" ", value).strip(" ")
    return value


def xml_safe(value: str) -> str:
    """`value` without the characters XML 1.0 forbids: for what goes into
    feeds and sitemaps, whatever the database holds."""
    return _XML_FORBIDDEN.sub("", value)


class CleanCharFormField(forms.CharField):
    """A form field that normalises what it is given (a browser's `\\r\\n`
    included), so an unchanged field stays unchanged."""

    multiline = False

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value, multiline=self.multiline) if value else value


class CleanTextFormField(CleanCharFormField):
    multiline = True


class _Normalised:
    """A model field whose text is normalised on validation and on save."""

    multiline = True

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str):
            return clean_text(value, multiline=self.multiline)
        return value

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if isinstance(value, str):
            value = clean_text(value, multiline=self.multiline)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        if not self.choices:
            form_class = CleanTextFormField if self.multiline else CleanCharFormField
            kwargs.setdefault("form_class", form_class)
        return super().formfield(**kwargs)


class PlainCharField(_Normalised, models.CharField):
    """One line of text: a title, a name."""

    multiline = False


class PlainTextField(_Normalised, models.TextField):
    """Paragraphs of text: a body, a description."""


def normalise_fields(instance: models.Model) -> None:
    """Normalise every text field of `instance` now (before a save computes
    something from the text, such as a content hash)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, _Normalised):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, field.to_python(value))


def first_error(error, prefix: str = "") -> str:
    """The first message of a model's ValidationError as `field: message`
    (`prefix.field` for a related record): what importers report."""
    from django.core.exceptions import NON_FIELD_ERRORS

    field, messages = next(iter(error.message_dict.items()))
    name = ".".join(p for p in (prefix, field) if p and p != NON_FIELD_ERRORS)
    return f"{name}: {messages[0]}" if name else messages[0]

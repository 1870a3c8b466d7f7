from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, published_q
from newsroom.fields import photo_link
from newsroom.slugs import SlugFromName
from newsroom.text import PlainCharField
from newsroom.tracking import TrackedFields
from people.linking.normalise import fold_name, sort_key, sort_name


class PersonQuerySet(models.QuerySet):
    def public(self) -> "PersonQuerySet":
        """People readers may see: named (a linked mention) in at least one
        published article. Someone known only from drafts or embargoed
        articles stays off every public page until then.

        A correlated EXISTS, not IN (subquery): one person's page looks up
        that person's mentions by index instead of every linked mention."""
        return self.filter(
            models.Exists(
                Mention.objects.linked()
                .filter(person_id=models.OuterRef("pk"))
                .filter(published_q("article__"))
            )
        )


class Person(TrackedFields, SlugFromName, models.Model):
    """A named public figure of the directory."""

    # What linking reads of a person: a change relinks their articles.
    TRACKED_FIELDS = ("name", "known_by_surname", "gender")

    class Gender(models.TextChoices):
        UNRECORDED = "", _("not recorded")
        FEMALE = "f", _("woman")
        MALE = "m", _("man")

    name = PlainCharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    sort_name = PlainCharField(
        _("sort name"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("How the name sorts, e.g. 'Gaulle, Charles de'."),
    )
    # The sort name as a French index orders it (see `sort_key`): the
    # database's own collation puts "Élise" after "Zoé".
    sort_key = models.CharField(max_length=200, blank=True, editable=False)
    description = PlainCharField(_("short description"), max_length=300, blank=True)
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        db_index=True,
        validators=[
            RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata item id, such as Q42."))
        ],
    )
    search_name = models.TextField(
        _("names, folded"),
        blank=True,
        editable=False,
        help_text=_("Name and aliases, case- and accent-folded, for search."),
    )
    known_by_surname = models.BooleanField(
        _("known by surname alone"),
        default=False,
        help_text=_(
            "Link the surname alone even in articles that never give the full name."
        ),
    )
    gender = models.CharField(
        _("gender"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        default=Gender.UNRECORDED,
        help_text=_(
            "Only used to tell apart people who share a surname when an article "
            "writes 'Mme Le Pen' or 'M. Le Pen'."
        ),
    )
    # The values last imported from Wikidata: a re-import updates a field
    # only while it still holds them (what staff changed is kept).
    wikidata_synced = models.JSONField(default=dict, blank=True, editable=False)
    portrait = photo_link(_("portrait"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "name"]
        indexes = [models.Index(fields=["sort_key", "name"], name="person_a_to_z")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = sort_name(self.name)
        self.sort_key = sort_key(self.sort_name)[:200]
        self.search_name = self.folded_names()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:person-detail", kwargs={"slug": self.slug})

    def folded_names(self) -> str:
        names = [self.name]
        if self.pk:
            names += list(self.aliases.values_list("name", flat=True))
        return " | ".join(fold_name(n) for n in names)


class Alias(models.Model):
    """Another way the directory knows a person: a spelling, transliteration,
    nickname, or a short form used only once the person is named in full."""

    class Kind(models.TextChoices):
        NAME = "name", _("full name or nickname (found anywhere)")
        SHORT = "short", _("short form (found once the person is named)")

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = PlainCharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=5, choices=Kind.choices, default=Kind.NAME
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"], name="alias_unique_per_person"
            )
        ]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return self.name


class RoleQuerySet(models.QuerySet):
    def public(self) -> "RoleQuerySet":
        """Confirmed roles readers may see: entered by staff, or seen in an
        article that is published (not one still in draft or under
        embargo)."""
        return self.filter(status=Role.Status.CONFIRMED).filter(
            models.Q(article__isnull=True) | published_q("article__")
        )

    def held_on(self, date) -> "RoleQuerySet":
        """Confirmed roles held on `date` (a value, or an expression such as
        OuterRef("article__date")); a missing bound is open-ended."""
        return (
            self.filter(status=Role.Status.CONFIRMED)
            .filter(models.Q(start_date__isnull=True) | models.Q(start_date__lte=date))
            .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=date))
        )


class Role(TrackedFields, models.Model):
    """A dated fact: this person held this title (at this organisation)."""

    # A confirmed role links its bare title: a change relinks that title.
    TRACKED_FIELDS = ("title", "status")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    title = PlainCharField(_("title"), max_length=200)
    organisation = PlainCharField(_("organisation"), max_length=200, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("seen in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    also_known_as = models.JSONField(
        _("also cited as"),
        default=list,
        blank=True,
        help_text=_(
            "Other phrases for this role ('chef de l'État', its label in the "
            "other language), linked like the title."
        ),
    )
    # A role from Wikidata: its "position held" statement, and the values
    # last imported (a re-import keeps what staff changed since).
    wikidata_statement = models.CharField(
        _("Wikidata statement"), max_length=100, blank=True, db_index=True
    )
    wikidata_synced = models.JSONField(default=dict, blank=True, editable=False)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.title} {self.organisation}".strip()


def linked_q(prefix: str = "") -> models.Q:
    """The rule of `MentionQuerySet.linked()` as a Q: a mention shows as a
    link to a person when it has one, was found or confirmed, and its text
    is still in the body. `linked_q("mentions__")` on people or
    articles; compiled for hand-written SQL in `articles.related`.
    """
    return models.Q(
        **{
            f"{prefix}person__isnull": False,
            f"{prefix}status__in": Mention.LINKED,
            f"{prefix}is_anchored": True,
        }
    )


class MentionQuerySet(models.QuerySet):
    def linked(self) -> "MentionQuerySet":
        """Mentions that show as a link to a person (see `linked_q`)."""
        return self.filter(linked_q())


class Mention(TrackedFields, models.Model):
    """A name in an article body, at [start, end) of `article.body`."""

    class Status(models.TextChoices):
        AUTO = "auto", _("linked automatically")
        PENDING = "pending", _("pending review")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    DECIDED = (Status.CONFIRMED, Status.REJECTED)
    # The method of a name staff marked or linked themselves.
    STAFF = "staff"
    # The statuses that show as a link to a person.
    LINKED = (Status.AUTO, Status.CONFIRMED)

    # What a public page shows of a mention. Saving one with these unchanged
    # (a staff confirmation of an automatic link, mostly) leaves every
    # cached page valid: see newsroom.invalidation.
    TRACKED_FIELDS = (
        "article_id",
        "person_id",
        "status",
        "is_anchored",
        "start",
        "end",
    )

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    # PROTECT: deleting a person must not silently drop staff decisions;
    # merge them into another person instead.
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentions",
    )
    suggestion = models.ForeignKey(
        "NameSuggestion",
        verbose_name=_("name suggestion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentions",
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.CharField(_("surface text"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.AUTO,
        db_index=True,
    )
    method = models.CharField(
        _("method"),
        max_length=30,
        blank=True,
        help_text=_("Which rule found it: directory, alias, surname, ner, staff…"),
    )
    # False when a staff decision's text no longer appears in the body: the
    # decision is kept (and re-applied if the text comes back) but not shown.
    is_anchored = models.BooleanField(_("anchored"), default=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # For a pending name: the people it may be (a name two people share, a
    # surname of two people named in the article), best first.
    candidates = models.JSONField(_("candidates"), default=list, blank=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["person", "status"])]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self) -> str:
        return f"{self.text} ({self.get_status_display()})"

    def is_decided(self) -> bool:
        return self.status in self.DECIDED

    def is_kept(self) -> bool:
        """Whether relinking keeps this mention: a staff decision, or a
        name staff marked in the text (pending until linked to someone)."""
        return self.is_decided() or self.method == self.STAFF

    def tracked_key(self, values: dict) -> tuple:
        # Confirming an automatic link changes nothing readers see: what
        # counts is whether the status shows as a link, not which one it is.
        return tuple(
            value in self.LINKED if name == "status" else value
            for name, value in values.items()
        )

    def decide(self, *, status: str, by, person=None) -> None:
        """Record a staff decision; linking never overrides it."""
        self.status = status
        if person is not None:
            self.person = person
        self.decided_by = by
        self.decided_at = timezone.now()
        if self.method != self.STAFF and person is not None:
            self.method = self.STAFF


class Quote(TrackedFields, models.Model):
    """A quotation in an article body, with its speaker when one is named."""

    # Where it stands: a change must still select words of the body.
    TRACKED_FIELDS = ("article_id", "start", "end")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="quotes",
    )
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    speaker_name = PlainCharField(_("speaker as written"), max_length=200, blank=True)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("text"))
    rule = models.CharField(
        _("attribution rule"),
        max_length=40,
        blank=True,
        help_text=_("Which rule attributed the quotation, for audit."),
    )
    # Set when staff marked the quotation or chose its speaker: relinking
    # then keeps it as it is.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        """A quotation is words of its article: its offsets must select text
        in the body as stored, and its text is what they select. Staff may
        correct who said something, never what was said."""
        if not self.tracked_changed():
            return  # as loaded: where linking or an export put it
        body = (
            Article.objects.filter(pk=self.article_id)
            .values_list("body", flat=True)
            .first()
            or ""
        )
        if not (0 <= (self.start or 0) < (self.end or 0) <= len(body)):
            raise ValidationError(
                {"end": _("These offsets do not select text in the article.")}
            )
        self.text = body[self.start : self.end]


class PersonMerge(models.Model):
    """The record of two people merged into one: who, when, what moved.

    Also keeps the merged person's slug so that old links redirect.
    """

    kept = models.ForeignKey(
        Person,
        verbose_name=_("kept person"),
        on_delete=models.CASCADE,
        related_name="merges",
    )
    merged_name = models.CharField(_("merged name"), max_length=200)
    merged_slug = models.SlugField(_("merged slug"), max_length=200, db_index=True)
    merged_wikidata_id = models.CharField(max_length=20, blank=True)
    moved = models.JSONField(_("what moved"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("merge of people")
        verbose_name_plural = _("merges of people")

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.kept}"


class NameSuggestionQuerySet(models.QuerySet):
    def open_work(self) -> "NameSuggestionQuerySet":
        """Suggestions that wait for staff: open, with a pending mention."""
        return self.filter(status=NameSuggestion.Status.OPEN).filter(
            models.Exists(_pending_of_suggestion())
        )

    def settle(self) -> None:
        """Close those with no pending mention left; open again a closed one
        a new pending mention came to."""
        pending = models.Exists(_pending_of_suggestion())
        S = NameSuggestion.Status
        self.filter(status=S.OPEN).exclude(pending).update(status=S.CLOSED)
        self.filter(status=S.CLOSED).filter(pending).update(status=S.OPEN)


def _pending_of_suggestion():
    return Mention.objects.filter(
        suggestion=models.OuterRef("pk"), status=Mention.Status.PENDING
    )


class NameSuggestion(models.Model):
    """A name found in articles that matches nobody in the directory."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")
        # No pending mention left (each was linked or rejected); a new one
        # opens it again.
        CLOSED = "closed", _("closed (nothing left to review)")

    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(
        _("normalised name"),
        max_length=200,
        unique=True,
        help_text=_("Case- and accent-folded; groups spellings across articles."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The person created from, or linked to, this suggestion."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NameSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("name suggestion")
        verbose_name_plural = _("name suggestions")

    def __str__(self) -> str:
        return self.name

    @property
    def articles(self):
        return Article.objects.filter(mentions__suggestion=self).distinct()


class Decision(models.Model):
    """The audit trail: one row per decision on a mention or a quotation,
    by staff or by the linker (`by` empty, `by_linker` set)."""

    class Subject(models.TextChoices):
        MENTION = "mention", _("mention")
        QUOTE = "quote", _("quotation")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    subject = models.CharField(_("about"), max_length=10, choices=Subject.choices)
    # Mentions and quotations are rewritten by relinking: the row keeps what
    # it was about (its words and place), not only a key.
    mention = models.ForeignKey(
        Mention,
        verbose_name=_("mention"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text = models.CharField(_("words"), max_length=300)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    before = models.CharField(_("from"), max_length=300, blank=True)
    after = models.CharField(_("to"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_linker = models.BooleanField(_("by the linker"), default=False)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.text}: {self.before} → {self.after}"

    @property
    def before_label(self) -> str:
        return _state_label(self.before)

    @property
    def after_label(self) -> str:
        return _state_label(self.after)

    @property
    def who(self) -> str:
        if self.by_linker:
            return "linker"
        return self.by.get_username() if self.by else "—"


_STATES = {
    **dict(Mention.Status.choices),
    "removed": _("removed"),
    "speaker": _("speaker"),
}


def _state_label(value: str) -> str:
    """A stored state ('confirmed: Aïssata Koné') in the reader's language."""
    state, _sep, rest = value.partition(": ")
    label = _STATES.get(state, state)
    return f"{label} : {rest}" if rest else str(label)

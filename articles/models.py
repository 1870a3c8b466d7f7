import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from articles.search_text import fold_for_search, weighted_vector
from newsroom.fields import photo_link, user_stamp
from newsroom.limits import body_length
from newsroom.slugs import SlugFromName, unique_slug
from newsroom.text import PlainCharField, PlainTextField, http_url, normalise_fields
from newsroom.tracking import TrackedFields


class SourceQuerySet(models.QuerySet):
    def public(self) -> "SourceQuerySet":
        """Sources readers may see: those of at least one published article."""
        return self.filter(pk__in=Article.objects.published().values("source"))


class Source(SlugFromName, models.Model):
    """Where an article comes from: a wire agency, an outlet, a press office."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("wire agency")
        OUTLET = "outlet", _("outlet")
        PRESS_OFFICE = "press_office", _("press office")
        DESK = "desk", _("our desk")

    name = PlainCharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OUTLET
    )
    homepage_url = models.URLField(_("homepage URL"), blank=True, validators=[http_url])
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. FR")
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:source-detail", kwargs={"slug": self.slug})


class TopicQuerySet(models.QuerySet):
    def public(self) -> "TopicQuerySet":
        """Topics readers may see: those of at least one published article
        (a topic made by a draft's import stays hidden until then)."""
        return self.filter(pk__in=Article.objects.published().values("topics"))


class Topic(SlugFromName, models.Model):
    name = PlainCharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    description = PlainTextField(_("description"), blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:topic-detail", kwargs={"slug": self.slug})


class AuthorQuerySet(models.QuerySet):
    def public(self) -> "AuthorQuerySet":
        """Authors readers may see: those of at least one published article."""
        return self.filter(pk__in=Byline.objects.published().values("author"))


class Author(SlugFromName, models.Model):
    """Who wrote an article: a journalist of the desk or of a source."""

    name = PlainCharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    bio = PlainTextField(_("biography"), blank=True)
    portrait = photo_link(_("portrait"))
    source = models.ForeignKey(
        Source,
        verbose_name=_("works for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authors",
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author-detail", kwargs={"slug": self.slug})


class BylineQuerySet(models.QuerySet):
    def published(self) -> "BylineQuerySet":
        return self.filter(published_q("article__"))


class Byline(models.Model):
    """An author of an article, in the order the byline names them."""

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="bylines",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = BylineQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="byline_unique_author"
            )
        ]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.author.name


def visibility_now() -> datetime.datetime:
    """The time visibility is judged at: now, floored to the minute.

    Flooring never shows an article early (it can only appear up to a
    minute late), and keeps the public queries identical within a minute,
    so their counts can be cached.
    """
    return timezone.now().replace(second=0, microsecond=0)


def published_q(prefix: str = "") -> models.Q:
    """The rule of `ArticleQuerySet.published()` as a Q, for queries that
    reach articles through a relation: `published_q("article__")` on
    mentions or quotes, `published_q("articles__")` on topics.

    A filter on `status` alone lets articles under embargo through.
    """
    return models.Q(**{f"{prefix}status": Article.Status.PUBLISHED}) & (
        models.Q(**{f"{prefix}publish_at__isnull": True})
        | models.Q(**{f"{prefix}publish_at__lte": visibility_now()})
    )


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What readers may see. Every public view, feed and sitemap starts here.

        An article scheduled for later (or under embargo) stays invisible
        until its `publish_at`, whatever its status says.
        """
        return self.filter(published_q())

    def scheduled(self) -> "ArticleQuerySet":
        """Published, but waiting for their publication time."""
        return self.filter(
            status=Article.Status.PUBLISHED, publish_at__gt=visibility_now()
        )

    def next_live_at(self) -> float | None:
        """When the next scheduled article comes into readers' sight (a
        timestamp; None when none is scheduled): `published()` compares
        with the minute, so at the minute after its `publish_at`."""
        at = self.scheduled().order_by("publish_at").values_list("publish_at")[:1]
        if not at:
            return None
        seconds = at[0][0].timestamp()
        return seconds if seconds % 60 == 0 else (seconds // 60 + 1) * 60

    def for_lists(self) -> "ArticleQuerySet":
        """What a list of article cards needs: no body, no search columns."""
        return self.select_related("source").defer(
            "body", "search_text", "search_vector"
        )

    def for_page(self) -> "ArticleQuerySet":
        """What an article's own page reads of it: no search columns."""
        return self.select_related("source", "lead_photo").defer(
            "search_text", "search_vector"
        )

    def for_person(self, person) -> "ArticleQuerySet":
        """Articles where `person` has a linked mention (see
        `people.models.linked_q`)."""
        return self.filter(pk__in=person.mentions.linked().values("article_id"))


class Article(TrackedFields, models.Model):
    # Its source as loaded: a published article leaving a source changes
    # that source's page and count (newsroom.invalidation).
    TRACKED_FIELDS = ("source_id",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")

    title = PlainCharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    standfirst = PlainTextField(_("standfirst"), blank=True)
    body = PlainTextField(
        _("body"),
        help_text=_("Plain text; paragraphs separated by a blank line."),
        validators=[body_length],
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    date = models.DateField(
        _("date"),
        help_text=_("For month precision, the first day of the month is stored."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    source_url = models.URLField(
        _("source URL"), max_length=500, blank=True, validators=[http_url]
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="articles"
    )
    byline = PlainCharField(
        _("byline as received"),
        max_length=200,
        blank=True,
        help_text=_("Shown only when the article has no author entities."),
    )
    authors = models.ManyToManyField(
        Author,
        through=Byline,
        verbose_name=_("authors"),
        blank=True,
        related_name="articles",
    )
    lead_photo = photo_link(
        _("lead photo"),
        help_text=_("Shown above the article, in link previews and to search engines."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Scheduled publication or embargo: readers see the article only "
            "from this time."
        ),
    )
    published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    original_id = models.CharField(
        _("original identifier"),
        max_length=500,
        blank=True,
        help_text=_("The source's own identifier (feed GUID, ninjs URI)."),
    )
    origin = models.CharField(
        _("imported from"),
        max_length=500,
        blank=True,
        help_text=_("The file or feed the article came from."),
    )
    # Optimistic locking: every save increments it; a form carrying an older
    # number is refused instead of overwriting someone else's work.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    content_hash = models.CharField(
        _("content hash"), max_length=64, db_index=True, editable=False
    )
    # Search: a tsvector on PostgreSQL (GIN-indexed, per-language config); a
    # case- and accent-folded copy of the text for the embedded SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = user_stamp()
    updated_by = user_stamp()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-date"]),
            # The default order of every list, public and admin.
            models.Index(fields=["-date", "-created_at"], name="article_newest_first"),
            # Which articles are published, read from the index alone: what
            # readers may see, counted or joined without the wide rows
            # (bodies, search vectors) of the table.
            models.Index(
                fields=["status", "publish_at", "source", "id"],
                name="article_published",
            ),
        ]
        permissions = [("publish_article", "Can publish, unpublish and archive")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "original_id"],
                condition=~models.Q(original_id=""),
                name="article_unique_original_id_per_source",
            )
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Normalised first: the hash and the folded copy are of the stored text.
        normalise_fields(self)
        if self.date_precision == self.DatePrecision.MONTH and self.date:
            self.date = self.date.replace(day=1)
        self.content_hash = self.compute_hash()
        if not self.slug:
            self.slug = unique_slug(Article, self.title)
        self.search_text = fold_for_search(self.title, self.standfirst, self.body)
        before = (
            Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if before and before != self.slug:
            # Links to the old address keep working (a 301 to this one).
            ArticleSlug.objects.update_or_create(
                slug=before, defaults={"article": self}
            )
        ArticleSlug.objects.filter(slug=self.slug).exclude(article=self).delete()
        if connection.vendor == "postgresql":
            Article.objects.filter(pk=self.pk).update(
                search_vector=weighted_vector(self.language)
            )

    def get_absolute_url(self) -> str:
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    def is_published(self) -> bool:
        """The rule of `ArticleQuerySet.published()`, for one article."""
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= visibility_now()
        )

    @property
    def credited_authors(self) -> list["Author"]:
        """The authors in byline order (prefetch `bylines__author`)."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def live_at(self) -> datetime.datetime | None:
        """When readers could first read it: its first publication, or its
        scheduled time when that came later."""
        moments = [m for m in (self.published_at, self.publish_at) if m]
        return max(moments) if moments and self.published_at else None

    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_published()

    def compute_hash(self) -> str:
        """Identity of the article's content, used to make imports idempotent."""
        payload = "\x1f".join([self.title.strip(), self.date_iso, self.body.strip()])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def date_iso(self) -> str:
        """'2023-01' for month precision, '2023-01-31' for a day."""
        if self.date is None:
            return ""
        if self.date_precision == self.DatePrecision.MONTH:
            return self.date.strftime("%Y-%m")
        return self.date.isoformat()

    @property
    def date_display(self) -> str:
        """The date in the active language, never more precise than it is known."""
        if self.date_precision == self.DatePrecision.MONTH:
            return formats.date_format(self.date, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.date, "DATE_FORMAT")


class ArticleTransition(models.Model):
    """A status move: who, when, from, to."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=10, choices=Article.Status.choices)
    to_status = models.CharField(max_length=10, choices=Article.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.article}: {self.from_status} → {self.to_status}"


class ArticleSlug(models.Model):
    """An address an article had before its slug changed: it answers with a
    permanent redirect to the article's address now."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="old_slugs",
    )
    slug = models.SlugField(_("former slug"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")

    def __str__(self) -> str:
        return self.slug


def preview_token() -> str:
    return secrets.token_urlsafe(24)


class PreviewLink(models.Model):
    """A link to an article that opens without logging in, for someone
    outside the newsroom to read a draft: it expires and can be revoked."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    token = models.CharField(max_length=64, unique=True, default=preview_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"{self.article} ({self.expires_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("articles:article-preview", kwargs={"token": self.token})

    def is_valid(self) -> bool:
        return self.revoked_at is None and timezone.now() < self.expires_at


class ArticleRevision(models.Model):
    """The article as one save left it."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    standfirst = models.TextField(blank=True)
    body = models.TextField()
    topics = models.JSONField(default=list, help_text=_("Topic slugs."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="revision_number_unique"
            )
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.article} #{self.number}"


class Correction(models.Model):
    """A published correction, clarification or update, shown with the
    article, on /corrections/ and in its structured data."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("correction")
        CLARIFICATION = "clarification", _("clarification")
        UPDATE = "update", _("update")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(
        _("type"), max_length=15, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = PlainTextField(_("text"))
    created_by = user_stamp()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

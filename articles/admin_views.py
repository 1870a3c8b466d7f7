"""Admin pages of an article beyond its form: revisions (diff, restore),
the import upload, and sharing a preview link."""

import difflib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from articles.ingest.upload import import_upload
from articles.models import Article, ArticleRevision
from articles.services import preview_link_create, revision_restore


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Plain text (.txt), JSON Lines (.jsonl), RSS or Atom (.xml, .rss, "
            ".atom), IPTC ninjs (.json)."
        ),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=200)


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def revision_diff(old: ArticleRevision, new: ArticleRevision) -> str:
    """A side-by-side HTML diff of two revisions (difflib escapes the text)."""

    def lines(rev: ArticleRevision) -> list[str]:
        return [
            f"# {rev.title}",
            rev.standfirst,
            "",
            *rev.body.split("\n"),
            "",
            "topics: " + ", ".join(rev.topics),
        ]

    # No hard wrap column: the stylesheet wraps long lines to the page's
    # width (a fixed column made the table wider than a laptop's screen).
    return difflib.HtmlDiff().make_table(
        lines(old),
        lines(new),
        fromdesc=f"#{old.number}",
        todesc=f"#{new.number}",
        context=False,
    )


def revisions(modeladmin, request, pk: int):
    """An article's revisions and status changes, a diff of any two, and
    (for Editors, by POST) the restoring of one."""
    article = get_object_or_404(Article, pk=pk)
    if not modeladmin.has_view_permission(request, article):
        raise PermissionDenied
    if request.method == "POST":
        return _restore(modeladmin, request, article)
    revisions = list(article.revisions.select_related("created_by"))
    if "restore" in request.GET and modeladmin.is_editor(request):
        return _confirm_restore(modeladmin, request, article, revisions)
    numbers = [r.number for r in revisions]
    a = _int(request.GET.get("a"), numbers[1] if len(numbers) > 1 else None)
    b = _int(request.GET.get("b"), numbers[0] if numbers else None)
    by_number = {r.number: r for r in revisions}
    diff = None
    if a in by_number and b in by_number:
        diff = revision_diff(by_number[a], by_number[b])
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("History of “%s”") % article.title,
        "article": article,
        "revisions": revisions,
        "transitions": article.transitions.select_related("by")[:50],
        "a": a,
        "b": b,
        "diff": diff,
        "can_restore": modeladmin.is_editor(request),
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def _confirm_restore(modeladmin, request, article: Article, revisions: list):
    """What restoring a revision would change, and a button to do it: a
    restore replaces the text and topics in one click otherwise."""
    by_number = {r.number: r for r in revisions}
    chosen = by_number.get(_int(request.GET.get("restore"), None))
    if chosen is None or not revisions or chosen is revisions[0]:
        return HttpResponseBadRequest(_("Choose an earlier revision to restore."))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Restore revision %d?") % chosen.number,
        "article": article,
        "revision": chosen,
        "current": revisions[0],
        "diff": revision_diff(revisions[0], chosen),
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(
        request, "admin/articles/article/restore_confirm.html", context
    )


def _restore(modeladmin, request, article: Article):
    editor = modeladmin.is_editor(request)
    if not modeladmin.has_change_permission(request, article) or not editor:
        raise PermissionDenied
    number = _int(request.POST.get("restore"), None)
    if number is None or request.POST.get("confirmed") != "yes":
        return HttpResponseBadRequest(_("Choose a revision to restore."))
    revision = get_object_or_404(ArticleRevision, article=article, number=number)
    revision_restore(revision=revision, by=request.user)
    modeladmin.message_user(
        request, _("Revision %d restored.") % revision.number, messages.SUCCESS
    )
    return HttpResponseRedirect(
        reverse("admin:articles_article_change", args=[article.pk])
    )


def import_articles(modeladmin, request):
    """Upload a file of articles and show the report of what was imported,
    already present or rejected."""
    if not modeladmin.has_add_permission(request):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = import_upload(
            form.cleaned_data["file"],
            source=form.cleaned_data["source"] or None,
            status=None,
            user=request.user,
        )
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Import articles"),
        "form": form,
        "report": report,
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)


def preview_link(modeladmin, request, pk: int):
    """Create a preview link (POST, Editors) and show it."""
    if request.method != "POST" or not request.user.has_perm(
        "articles.add_previewlink"
    ):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=pk)
    link = preview_link_create(article=article, by=request.user)
    modeladmin.message_user(
        request,
        format_html(
            _("Preview link, valid until {}: {}"),
            date_format(localtime(link.expires_at), "DATETIME_FORMAT"),
            request.build_absolute_uri(link.get_absolute_url()),
        ),
        messages.SUCCESS,
    )
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))

"""Preview links in the admin: the ones given out, and revoking them (they
are created from the article's page, see ArticleAdmin.preview_link_view)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import PreviewLink
from articles.services import preview_links_revoke


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Preview links given out: who, for what, until when; revoke them."""

    list_display = ["article", "created_by", "created_at", "expires_at", "revoked_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title"]
    readonly_fields = ["article", "token", "created_by", "expires_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # from the article's page

    @admin.action(
        description=_("Revoke selected preview links"), permissions=["change"]
    )
    def revoke(self, request, queryset):
        count = preview_links_revoke(links=queryset)
        self.message_user(
            request,
            ngettext("%d link revoked.", "%d links revoked.", count) % count,
            messages.SUCCESS,
        )

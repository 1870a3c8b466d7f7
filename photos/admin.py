"""The image library: upload (alt text required), search, reuse. Articles
pick their lead photo and people their portrait from here."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from photos import images, services
from photos.models import Photo
from photos.templatetags.photos import by_format


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "source_url"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if self.instance.pk or upload is None:
            return upload
        data = upload.read()
        upload.seek(0)
        images.inspect(data)  # a ValidationError on this field
        found = services.existing(data)
        if found is not None:
            raise ValidationError(
                _("This image is already in the library: “%(photo)s” (#%(pk)s)."),
                params={"photo": found, "pk": found.pk},
            )
        self.image_bytes = data
        return upload

    def texts(self) -> dict:
        names = ["alt_text", "caption", "credit", "source_url"]
        return {name: self.cleaned_data.get(name, "") for name in names}


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "alt_text", "credit", "size", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    list_filter = ["created_at"]
    readonly_fields = ["preview", "size"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def get_readonly_fields(self, request, obj=None):
        # The file of a photo in use is not swapped under its articles:
        # upload another photo instead.
        return [*self.readonly_fields, "image"] if obj else self.readonly_fields

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: Photo) -> str:
        smallest = min(by_format(obj, "jpeg"), key=lambda r: r.width, default=None)
        if smallest is None:
            return "—"
        height = round(80 * smallest.height / smallest.width)
        return format_html(
            '<img src="{}" width="80" height="{}" alt="" loading="lazy">',
            smallest.url,
            height,
        )

    @admin.display(description=_("preview"))
    def preview(self, obj: Photo) -> str:
        return self.thumbnail(obj) if obj.pk else "—"

    @admin.display(description=_("size"))
    def size(self, obj: Photo) -> str:
        return f"{obj.width} × {obj.height}" if obj.pk else "—"

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        photo, _created = services.photo_create(
            form.image_bytes,
            name=form.cleaned_data["image"].name,
            fields=form.texts(),
            user=request.user,
        )
        # The admin goes on with `obj` (its log entry, the popup's answer):
        # make it the row the service stored.
        obj.__dict__.update(photo.__dict__)

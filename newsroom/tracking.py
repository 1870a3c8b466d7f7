"""One idiom for "did this save change what matters": compare with the row
as it was loaded, rather than read the database again before the save."""

from typing import ClassVar


class TrackedFields:
    """A model mixin that remembers, when a row is loaded, the fields named
    in `TRACKED_FIELDS` (attribute names), so that a save can tell whether
    they changed without another query.

    A new row, or one loaded without all of those fields, has no snapshot:
    it always counts as changed, which errs on the side of doing the work.
    Override `tracked_key()` to compare derived values rather than raw ones.
    """

    TRACKED_FIELDS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if set(cls.TRACKED_FIELDS) <= set(field_names):
            instance.remember_tracked()
        return instance

    def tracked_values(self) -> dict:
        return {name: getattr(self, name) for name in self.TRACKED_FIELDS}

    def tracked_key(self, values: dict) -> tuple:
        """What counts as a change of `values`; by default every value."""
        return tuple(values.values())

    def remember_tracked(self) -> None:
        """Take the current values as the stored ones (after a save)."""
        self._tracked_loaded = self.tracked_values()

    def tracked_as_loaded(self) -> dict | None:
        """The tracked fields as loaded, by name; None for a new row."""
        return getattr(self, "_tracked_loaded", None)

    def tracked_changed(self) -> bool:
        """Whether the tracked fields differ from the row as loaded (always
        true for a new row, or one loaded in part)."""
        loaded = self.tracked_as_loaded()
        return loaded is None or (
            self.tracked_key(loaded) != self.tracked_key(self.tracked_values())
        )

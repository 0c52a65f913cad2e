"""The model of `edition.yaml`, the framework's edition, and of `ldcf export json`, which names each data
folder's edition beside the framework's content (`ldcf.reading.models.FrameworkExportFile`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldcf.reading import models
from ldcf.reading.models import Line, Model, PublicationDate

if TYPE_CHECKING:
    from ldcf.framework.edition import Edition


class RevisionEntry(Model):
    """A later document the data also follows (such as a revised role template): title, edition, date."""

    document: Line
    edition: Line | None = None
    date: PublicationDate | None = None


class EditionFile(Model):
    """`edition.yaml`: the framework's name, its edition and date as its document prints them, its publisher,
    and later documents it follows. A base states one (missing-edition); an overlay may state its own."""

    name: Line
    edition: Line
    date: PublicationDate
    publisher: Line
    revisions: tuple[RevisionEntry, ...] = ()

    def entity(self) -> Edition:
        from ldcf.framework.edition import Edition, Revision

        revisions = tuple(Revision(r.document, r.edition, r.date) for r in self.revisions)
        return Edition(self.name, self.edition, self.date, self.publisher, revisions)


class ExportEditionEntry(EditionFile):
    folder: str


class FrameworkExportFile(models.FrameworkExportFile):
    """`ldcf export json`: the whole framework, resolved, for systems that read it without ldcf."""

    editions: tuple[ExportEditionEntry, ...] = ()

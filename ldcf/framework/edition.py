"""The edition of a framework: which document, in which edition, of which date, by whom; and the later documents
it also follows. A data folder states its edition in `edition.yaml`: the national base the framework's own, an
overlay (when it has one) the local framework's. Every export and credential names it, so that what a
competence meant can be told apart from what a later edition means by it."""

# No `from __future__ import annotations`: typing compiles each string annotation of a named tuple's fields
# as the class is made, which costs more at start-up than the annotations as objects do.

from collections.abc import Iterable
from typing import NamedTuple


class Revision(NamedTuple):
    """A later document that the data also follows, such as a revised role template."""

    document: str
    edition: str | None
    date: str | None


class Edition(NamedTuple):
    """A framework's name, its edition as the document prints it, the date of that edition and its publisher."""

    name: str
    edition: str
    date: str
    publisher: str
    revisions: tuple[Revision, ...] = ()

    @property
    def label(self) -> str:
        """The edition in one line: `Name, edition (date), publisher`."""
        return f"{self.name}, {self.edition} ({self.date}), {self.publisher}"

    def revision_labels(self) -> list[str]:
        return [
            ", ".join(part for part in (revision.document, revision.edition) if part)
            + (f" ({revision.date})" if revision.date else "")
            for revision in self.revisions
        ]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "edition": self.edition,
            "date": self.date,
            "publisher": self.publisher,
            "revisions": [revision._asdict() for revision in self.revisions],
        }


def editions_label(editions: Iterable[Edition]) -> str:
    """Every edition a framework is built from, base first, as one line; `no edition stated` for none."""
    labels = [edition.label for edition in editions]
    return "; on it: ".join(labels) if labels else "no edition stated"

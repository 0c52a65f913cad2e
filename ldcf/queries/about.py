"""What a framework is: the edition each data folder states, the folders it is built from, and what built it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ldcf.framework.edition import Edition
    from ldcf.framework.lookups import Framework


class About(NamedTuple):
    """The framework's editions (each data folder's, by folder label, the base's first; an overlay need not
    state one), its data folders, the digest of its content and the version of ldcf that read it."""

    editions: tuple[tuple[str, Edition], ...]
    data_folders: tuple[str, ...]
    data_digest: str
    ldcf_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "editions": [{"folder": folder, **edition.to_dict()} for folder, edition in self.editions],
            "data_folders": list(self.data_folders),
            "data_digest": self.data_digest,
            "ldcf_version": self.ldcf_version,
        }


def about(framework: Framework, data_digest: str, version: str) -> About:
    return About(tuple(framework.editions.items()), tuple(framework.origins.layers), data_digest, version)

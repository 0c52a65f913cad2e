"""Rules about data files as files, found while they are read: before any YAML is parsed."""

from ldcf.rules import error

MISSING_FILE = error(
    "missing-file",
    "A base data folder needs levels.yaml, competences (competences.yaml or competences/*.yaml) and a roles folder.",
)
UNREADABLE_FILE = error("unreadable-file", "A data file must be a regular file that ldcf may read.")
FILE_TOO_LARGE = error("file-too-large", "A file over the size limit is refused unread, so no file can exhaust memory.")
NOT_UTF8 = error("not-utf8", "Data files are UTF-8 text; other encodings would be misread.")
LINK_OUTSIDE_FOLDER = error(
    "link-outside-folder", "A symbolic link that leads out of the data folder could make ldcf read any file."
)
LINK_LOOP = error("link-loop", "A loop of symbolic links names no file.")

import os
from pathlib import Path

from ldcf.reading.locations import locate_data, shipped_data_directory


def make_data_folder(root: Path, name: str = "data") -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "levels.yaml").write_text("levels: []\n")
    return folder


def make_overlay(root: Path, name: str) -> Path:
    folder = root / name
    (folder / "roles").mkdir(parents=True)
    return folder


def test_options_win_over_environment_and_working_copy(tmp_path):
    make_data_folder(tmp_path)
    base = make_data_folder(tmp_path, "base")
    location = locate_data((base,), {"LDCF_DATA": "/from-env"}, tmp_path)
    assert (location.directories, location.reason) == ((base,), "given on the command line")


def test_environment_wins_over_working_copy_and_may_name_several_folders(tmp_path):
    make_data_folder(tmp_path)
    base = make_data_folder(tmp_path, "base")
    local = make_overlay(tmp_path, "local")
    location = locate_data((), {"LDCF_DATA": f"{base}{os.pathsep}{local}"}, tmp_path)
    assert location.directories == (base, local)


def test_working_copy_is_used_when_it_holds_a_data_set(tmp_path):
    folder = make_data_folder(tmp_path)
    assert locate_data((), {}, tmp_path).directories == (folder,)


def test_a_data_folder_without_ldcf_files_is_not_mistaken_for_one(tmp_path):
    (tmp_path / "data").mkdir()
    location = locate_data((), {}, tmp_path)
    assert location.directories == (shipped_data_directory(),)
    assert (location.directories[0] / "levels.yaml").is_file()


def test_an_overlay_alone_is_laid_on_the_shipped_data(tmp_path):
    local = make_overlay(tmp_path, "local")
    location = locate_data((local,), {}, tmp_path)
    assert location.directories == (shipped_data_directory(), local)
    assert "on the data shipped with ldcf" in location.reason


def test_later_folders_are_overlays_in_the_order_given(tmp_path):
    base = make_data_folder(tmp_path, "base")
    first, second = make_overlay(tmp_path, "first"), make_overlay(tmp_path, "second")
    assert locate_data((base, first, second), {}, tmp_path).directories == (base, first, second)

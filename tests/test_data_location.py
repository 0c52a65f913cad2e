from pathlib import Path

from ldcf.loader import locate_data, shipped_data_directory


def make_data_folder(root: Path) -> Path:
    folder = root / "data"
    folder.mkdir()
    (folder / "levels.yaml").write_text("levels: []\n")
    return folder


def test_option_wins_over_environment_and_working_copy(tmp_path):
    make_data_folder(tmp_path)
    location = locate_data(Path("/chosen"), {"LDCF_DATA": "/from-env"}, tmp_path)
    assert (location.directory, location.reason) == (Path("/chosen"), "given on the command line")


def test_environment_wins_over_working_copy(tmp_path):
    make_data_folder(tmp_path)
    assert locate_data(None, {"LDCF_DATA": "/from-env"}, tmp_path).directory == Path("/from-env")


def test_working_copy_is_used_when_it_holds_a_data_set(tmp_path):
    folder = make_data_folder(tmp_path)
    assert locate_data(None, {}, tmp_path).directory == folder


def test_a_data_folder_without_ldcf_files_is_not_mistaken_for_one(tmp_path):
    (tmp_path / "data").mkdir()
    location = locate_data(None, {}, tmp_path)
    assert location.directory == shipped_data_directory()
    assert (location.directory / "levels.yaml").is_file()

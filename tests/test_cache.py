"""The framework cache: used when the data is unchanged, never stale, bypassable, and never an error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, edit
from ldcf import cache
from ldcf.dataset import open_data_set
from ldcf.framework import Framework
from ldcf.loader import fingerprint


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LDCF_CACHE_DIR", str(folder))
    monkeypatch.delenv("LDCF_NO_CACHE", raising=False)
    return folder


def title(run, data: Path, *options: str) -> str:
    result = run(
        "--data",
        str(data),
        *options,
        "role",
        "show",
        "practitioner",
        "--format",
        "json",
        env={"LDCF_CACHE_DIR": os.environ["LDCF_CACHE_DIR"]},
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["title"]


def entry_of(cache_folder: Path, data: Path) -> Path:
    return cache_folder / cache.entry_name([data])


def plant_fake_entry(data: Path) -> None:
    """A cache entry for the data as it is now, whose practitioner has another title, so that the title shows
    whether the cache was used. The framework comes from the shipped data, so `data` itself may be invalid."""
    real = open_data_set([SHIPPED_DATA]).framework
    roles = [
        role._replace(title="From the cache") if role.id == "practitioner" else role for role in real.roles.values()
    ]
    cache.store([data], fingerprint([data]), Framework(real.levels.values(), real.competences.values(), roles))


def test_a_run_fills_the_cache_and_the_next_run_uses_it(run, data_copy, cache_folder):
    assert title(run, data_copy) == "Practitioner"
    assert entry_of(cache_folder, data_copy).is_file()
    plant_fake_entry(data_copy)
    assert title(run, data_copy) == "From the cache"


def test_an_edit_is_seen_on_the_next_run(run, data_copy, cache_folder):
    assert title(run, data_copy) == "Practitioner"
    edit(data_copy / "roles/practitioner.yaml", "title: Practitioner", "title: Practitioner II")
    assert title(run, data_copy) == "Practitioner II"


def test_an_edit_that_keeps_size_and_modification_time_is_seen(run, data_copy, cache_folder):
    path = data_copy / "roles/practitioner.yaml"
    assert title(run, data_copy) == "Practitioner"
    before = path.stat()
    edit(path, "title: Practitioner", "title: Practitionex")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert title(run, data_copy) == "Practitionex"


def test_no_cache_option_and_variable_bypass_it(run, data_copy, cache_folder):
    plant_fake_entry(data_copy)
    assert title(run, data_copy) == "From the cache"
    assert title(run, data_copy, "--no-cache") == "Practitioner"
    result = run(
        "--data",
        str(data_copy),
        "role",
        "show",
        "practitioner",
        "--format",
        "json",
        env={"LDCF_CACHE_DIR": str(cache_folder), "LDCF_NO_CACHE": "1"},
    )
    assert json.loads(result.stdout)["title"] == "Practitioner"


def test_validate_always_checks_the_files(run, data_copy, cache_folder):
    edit(data_copy / "roles/practitioner.yaml", "      - FM12\n", "      - FM99\n")
    plant_fake_entry(data_copy)
    result = run("validate", str(data_copy), env={"LDCF_CACHE_DIR": str(cache_folder)})
    assert result.exit_code == 1
    assert "unknown competence 'FM99'" in result.stdout


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b'{"key": ["another"], "framework": {}}', b"\x80\x05garbage", b"[1, 2]", b'{"key": null}'],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(run, data_copy, cache_folder, content):
    title(run, data_copy)
    entry = entry_of(cache_folder, data_copy)
    entry.write_bytes(content)
    assert title(run, data_copy) == "Practitioner"
    assert cache.load([data_copy], fingerprint([data_copy])) is not None


def test_an_unwritable_cache_folder_is_not_an_error(run, data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LDCF_CACHE_DIR", str(blocker / "cache"))
    assert title(run, data_copy) == "Practitioner"


def test_invalid_data_is_never_cached(run, data_copy, cache_folder):
    edit(data_copy / "roles/practitioner.yaml", "      - FM12\n", "      - FM99\n")
    result = run("--data", str(data_copy), "role", "show", "practitioner", env={"LDCF_CACHE_DIR": str(cache_folder)})
    assert result.exit_code == 1
    assert not entry_of(cache_folder, data_copy).exists()


def test_the_cli_module_imports_no_heavy_library():
    """`--help` and shell completion stay quick: importing the CLI loads neither pydantic, PyYAML nor rich."""
    code = (
        "import sys\n"
        "import ldcf.cli\n"
        "try:\n"
        "    ldcf.cli.cli(['--help'], prog_name='ldcf')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & {'pydantic', 'pydantic_core', 'yaml', 'rich'}))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip().splitlines()[-1] == "[]"


def test_a_cached_framework_loads_without_pydantic_or_yaml(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    environment = {**os.environ, "LDCF_CACHE_DIR": str(tmp_path / "cache")}
    command = [
        sys.executable,
        "-c",
        (
            "import sys\n"
            "from ldcf.cli import cli\n"
            "try:\n"
            f"    cli(['--data', {str(folder)!r}, 'role', 'show', 'practitioner', '--format', 'json'],"
            " prog_name='ldcf')\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(sorted({name.split('.')[0] for name in sys.modules} & {'pydantic', 'yaml'}), file=sys.stderr)\n"
        ),
    ]
    first = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    assert first.stderr.strip() == "['pydantic', 'yaml']"
    second = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    assert second.stderr.strip() == "[]"


def test_an_edit_of_the_code_behind_the_cached_objects_makes_the_entry_stale(tmp_path):
    """A copy of ldcf fills the cache, then its Framework gains an attribute that role show needs: the warm
    entry, pickled before the attribute existed, must not be loaded."""
    package = tmp_path / "code" / "ldcf"
    ignored = shutil.ignore_patterns("__pycache__", "data", "schemas")  # an installed ldcf holds its data
    shutil.copytree(Path(cache.__file__).parent, package, ignore=ignored)
    shutil.copytree(SHIPPED_DATA, package / "data")
    environment = {**os.environ, "LDCF_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(package.parent)}
    command = [sys.executable, "-m", "ldcf", "role", "show", "practitioner", "--format", "json"]
    first = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert list((tmp_path / "cache").iterdir())
    framework_code = package / "framework.py"
    edit(framework_code, "        self.origins = origins or Origins()\n",
         "        self.origins = origins or Origins()\n        self.edition = 'second'\n")  # fmt: skip
    edit(framework_code, "        role = self._roles_by_name().get(name)\n",
         "        assert self.edition == 'second'\n        role = self._roles_by_name().get(name)\n")  # fmt: skip
    second = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_an_entry_is_json_that_no_reader_can_run(run, data_copy, cache_folder):
    title(run, data_copy)
    entry = json.loads(entry_of(cache_folder, data_copy).read_text(encoding="utf-8"))
    assert set(entry) == {"key", "framework"}
    assert entry["key"][-1] == fingerprint([data_copy])


@pytest.mark.parametrize(
    "planted",
    [
        pytest.param(lambda framework: {**framework, "roles": [[1, 2, 3]]}, id="wrong-shape"),
        pytest.param(lambda framework: {**framework, "levels": [["5", "x", "y", None, []]]}, id="wrong-type"),
        pytest.param(lambda framework: {**framework, "origins": None}, id="no-origins"),
        pytest.param(lambda framework: {"__reduce__": "os.system"}, id="object-hook-bait"),
    ],
)
def test_a_planted_entry_with_the_right_key_but_wrong_content_is_a_miss(run, data_copy, cache_folder, planted):
    title(run, data_copy)
    path = entry_of(cache_folder, data_copy)
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({"key": entry["key"], "framework": planted(entry["framework"])}), encoding="utf-8")
    assert title(run, data_copy) == "Practitioner"


def test_a_pickle_planted_where_an_entry_goes_is_never_unpickled(run, data_copy, cache_folder, tmp_path):
    import pickle

    title(run, data_copy)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entry_of(cache_folder, data_copy).write_bytes(pickle.dumps(Payload()))
    assert title(run, data_copy) == "Practitioner"
    assert not marker.exists()


def test_the_folder_is_created_private(run, data_copy, cache_folder):
    title(run, data_copy)
    assert cache_folder.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("unsafe", ["group-writable", "other-owner", "symbolic-link"])
def test_an_unsafe_cache_folder_is_refused_with_one_notice(run, data_copy, cache_folder, tmp_path, monkeypatch, unsafe):
    title(run, data_copy)
    plant_fake_entry(data_copy)
    if unsafe == "group-writable":
        cache_folder.chmod(0o770)
    elif unsafe == "other-owner":  # the folder stays as it is; ldcf runs as someone else
        owner = cache_folder.stat().st_uid
        monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    else:
        cache_folder.rename(tmp_path / "real-cache")
        cache_folder.symlink_to(tmp_path / "real-cache")
    result = run("--data", str(data_copy), "role", "show", "practitioner", "--format", "json",
                 env={"LDCF_CACHE_DIR": str(cache_folder)})  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Practitioner"
    notices = [line for line in result.stderr.splitlines() if "not using the cache" in line]
    assert len(notices) == 1
    assert str(cache_folder) in notices[0]


def test_entries_are_pruned_and_stale_temporary_files_removed(cache_folder, data_copy):
    framework = open_data_set([data_copy]).framework
    cache.store([data_copy], "first", framework)
    stale = cache_folder / ".left-by-a-killed-run.tmp"
    stale.write_text("half")
    os.utime(stale, (0, 0))
    for index in range(cache.MAX_ENTRIES + 3):
        folder = data_copy.parent / f"data-{index}"
        folder.mkdir()
        cache.store([folder], "fingerprint", framework)
    entries = sorted(cache_folder.glob("*.json"))
    assert len(entries) == cache.MAX_ENTRIES
    assert not stale.exists()


def test_a_file_changed_while_it_is_read_is_not_cached_as_its_old_self(run, data_copy, cache_folder, monkeypatch):
    from ldcf import dataset

    real = dataset.open_data_set

    def read_then_change(*arguments, **options):
        data_set = real(*arguments, **options)
        edit(data_copy / "roles/practitioner.yaml", "title: Practitioner", "title: Practitioner II")
        return data_set

    monkeypatch.setattr(dataset, "open_data_set", read_then_change)
    assert title(run, data_copy) == "Practitioner"
    monkeypatch.setattr(dataset, "open_data_set", real)
    assert not entry_of(cache_folder, data_copy).exists()
    assert title(run, data_copy) == "Practitioner II"

"""The framework cache: used when the data is unchanged, never stale, bypassable, and never an error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, edit, raw_competences
from ldcf.building import cache, cache_entry
from ldcf.building.dataset import open_data_set
from ldcf.framework.lookups import Framework


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


PACKAGE = Path(cache.__file__).parent.parent


def copy_of_ldcf(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the ldcf package, installed the way a wheel installs it (with its data inside), and the
    environment that runs it with a cache folder of its own."""
    package = tmp_path / "code" / "ldcf"
    ignored = shutil.ignore_patterns("__pycache__", "data", "schemas")  # an installed ldcf holds its data
    shutil.copytree(PACKAGE, package, ignore=ignored)
    shutil.copytree(SHIPPED_DATA, package / "data")
    return package, {**os.environ, "LDCF_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(package.parent)}


def entry_of(cache_folder: Path, data: Path) -> Path:
    return cache_folder / cache.entry_name([data])


def plant_fake_entry(data: Path) -> None:
    """A cache entry for the data as it is now, whose practitioner has another title, so that the title shows
    whether the cache was used. The framework comes from the shipped data, so `data` itself may be invalid."""
    real = open_data_set([SHIPPED_DATA]).framework
    roles = [
        role._replace(title="From the cache") if role.id == "practitioner" else role for role in real.roles.values()
    ]
    framework = Framework(real.levels.values(), real.competences.values(), roles, real.origins)
    cache.store([data], cache.snapshot([data]), framework)


def no_fallback() -> Framework:
    raise AssertionError("the entry was read whole, without reading the data files")


def index_and_body(entry: Path) -> tuple[dict, bytes]:
    index, body = entry.read_bytes().split(b"\n", 1)
    return json.loads(index), body


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
    assert cache.load([data_copy], no_fallback) is not None


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
        "import ldcf.cli.app\n"
        "try:\n"
        "    ldcf.cli.app.cli(['--help'], prog_name='ldcf')\n"
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
            "from ldcf.cli.app import cli\n"
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
    entry, written before the attribute existed, must not be loaded."""
    package, environment = copy_of_ldcf(tmp_path)
    command = [sys.executable, "-m", "ldcf", "role", "show", "practitioner", "--format", "json"]
    first = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert list((tmp_path / "cache").iterdir())
    framework_code = package / "framework" / "lookups.py"
    edit(framework_code, "        self._origins = origins\n",
         "        self._origins = origins\n        self.edition = 'second'\n")  # fmt: skip
    edit(framework_code, '        """A role by id, title or alias, in any case and spacing."""\n',
         '        """A role by id, title or alias."""\n        assert self.edition == "second"\n')  # fmt: skip
    second = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_an_edit_of_any_module_of_ldcf_makes_the_entry_stale(tmp_path):
    """Not only the modules that define the cached objects count: a copy of ldcf fills the cache, then its
    `building/layers.py` merges the roles differently. The next run must show what the edited code builds,
    as a run that reads the files shows it, not the framework of the entry."""
    package, environment = copy_of_ldcf(tmp_path)

    def shown(*options: str) -> dict:
        command = [sys.executable, "-m", "ldcf", *options, "role", "show", "practitioner", "--format", "json"]
        completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
        assert completed.returncode == 0, completed.stderr
        return json.loads(completed.stdout)

    before = shown()
    assert before["title"] == "Practitioner"
    assert list((tmp_path / "cache").iterdir())
    assert shown() == before  # served from the entry
    merged = "    resolved_roles = [resolved.role for resolved in draft.resolved.values()]\n"
    merged_anew = (
        "    resolved_roles = [resolved.role._replace(title=resolved.role.title + ' (merged anew)')\n"
        "                      for resolved in draft.resolved.values()]\n"
    )
    edit(package / "building" / "layers.py", merged, merged_anew)
    from_the_files = shown("--no-cache")
    assert from_the_files["title"] == "Practitioner (merged anew)"
    assert from_the_files != before
    assert shown() == from_the_files  # the entry is rebuilt by the edited code...
    assert shown() == from_the_files  # ...and the rebuilt entry is used


def test_the_code_fingerprint_covers_every_file_of_the_package_but_data_and_bytecode(tmp_path):
    package = tmp_path / "ldcf"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    # An installed ldcf (not an editable one) carries the shipped data and schemas inside the package.
    data = {package / "data", package / "schemas"}
    code_files = sorted(path for path in package.rglob("*") if path.is_file() and not data & set(path.parents))
    for folder in ("data", "schemas", "__pycache__", "building/__pycache__"):
        (package / folder).mkdir(exist_ok=True)
        (package / folder / "file").write_text("first")
    later = time.time_ns() + 10**12  # long after every change: the files' stat alone decides

    def fingerprint() -> str:
        files = cache.package_files(str(package))
        assert files is not None
        return cache.package_digest(str(package), files, later)

    original = fingerprint()
    assert fingerprint() == original  # nothing changed
    for folder in ("data", "schemas", "__pycache__", "building/__pycache__"):
        (package / folder / "file").write_text("second, longer")
        (package / folder / "added").write_text("")
    assert fingerprint() == original  # the shipped data is keyed as data; bytecode is Python's
    seen = {original}
    assert {"layers.py", "cache_entry.py", "document.html.jinja", "site.css"} <= {path.name for path in code_files}
    assert len(code_files) > 50
    for path in code_files:
        status = path.stat()
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1))  # the modification time alone
        assert fingerprint() not in seen, path
        seen.add(fingerprint())
    for path in code_files[::10]:
        with path.open("ab") as file:  # the size
            file.write(b"\n")
        assert fingerprint() not in seen, path
        seen.add(fingerprint())
    (package / "building" / "new.py").write_text("")
    assert fingerprint() not in seen
    seen.add(fingerprint())
    (package / "building" / "layers.py").unlink()
    assert fingerprint() not in seen


def test_the_code_fingerprint_keys_each_files_stat_and_the_content_of_files_changed_just_before(tmp_path):
    package = tmp_path / "ldcf"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    files = cache.package_files(str(package))
    assert files is not None
    later = max(max(file[2], file[3]) for file in files) + (cache.RACY_SECONDS + 1) * 10**9
    digests = {cache.package_digest(str(package), files, later)}
    for index in range(len(files)):  # every field of every file: its size, times and inode
        for field in range(1, 5):
            changed = list(files)
            changed[index] = (*files[index][:field], files[index][field] + 1, *files[index][field + 1 :])
            digests.add(cache.package_digest(str(package), changed, later))
    assert len(digests) == 1 + 4 * len(files)
    # An edit that keeps the size and, within one tick of a coarse clock, the times: seen by content while
    # the file counts as just changed, as every file of a fresh copy does.
    just_after = max(max(file[2], file[3]) for file in files)
    before = cache.package_digest(str(package), files, just_after)
    edit(package / "building" / "layers.py", "Merge the layers", "Mix up the layers")
    assert cache.package_digest(str(package), files, just_after) != before
    assert cache.package_digest(str(package), files, later) in digests


def test_an_entry_is_json_that_no_reader_can_run(run, data_copy, cache_folder):
    title(run, data_copy)
    index, body = index_and_body(entry_of(cache_folder, data_copy))
    assert {"key", "folders", "files", "digests", "taken_ns", "levels", "core", "roles", "catalogue"} <= set(index)
    files = [Path(file[0]) for file in index["files"]]
    assert sorted(files) == sorted(path for path in data_copy.rglob("*.yaml"))
    for _, _, _, (role_at, role_length, listed_at, listed_length), _ in index["roles"]:
        json.loads(body[role_at : role_at + role_length])
        json.loads(body[listed_at : listed_at + listed_length])
    start, length = index["catalogue"]
    assert len(json.loads(body[start : start + length])) == len(raw_competences())


def _with_role(index: dict, body: bytes, role_id: str, document: object) -> tuple[dict, bytes]:
    """The entry with the role's own document replaced by `document`."""
    planted = json.dumps(document).encode()
    for row in index["roles"]:
        if row[0] == role_id:
            row[3][:2] = [len(body), len(planted)]
    return index, body + planted


@pytest.mark.parametrize(
    "planted",
    [
        pytest.param(lambda index, body: ({**index, "roles": [[1, 2, 3]]}, body), id="wrong-shape"),
        pytest.param(lambda index, body: ({**index, "levels": [["5", "x", "y", None, []]]}, body), id="wrong-type"),
        pytest.param(lambda index, body: ({**index, "core": None}, body), id="no-core"),
        pytest.param(lambda index, body: ({"__reduce__": "os.system"}, body), id="object-hook-bait"),
        pytest.param(lambda index, body: (index, body[: len(body) // 2]), id="truncated-body"),
        pytest.param(lambda index, body: _with_role(index, body, "practitioner", [[1, 2], 3]), id="role-wrong-shape"),
        pytest.param(lambda index, body: _with_role(index, body, "practitioner", "not json"[:3]), id="role-not-json"),
    ],
)
def test_a_planted_entry_with_the_right_key_but_wrong_content_is_a_miss(run, data_copy, cache_folder, planted):
    title(run, data_copy)
    path = entry_of(cache_folder, data_copy)
    index, body = planted(*index_and_body(path))
    path.write_bytes(json.dumps(index).encode() + b"\n" + body)
    assert title(run, data_copy) == "Practitioner"


def test_a_role_planted_under_another_id_is_not_shown(run, data_copy, cache_folder):
    title(run, data_copy)
    path = entry_of(cache_folder, data_copy)
    index, body = index_and_body(path)
    rows = {row[0]: row for row in index["roles"]}
    rows["practitioner"][3][:2] = rows["volunteer"][3][:2]
    path.write_bytes(json.dumps(index).encode() + b"\n" + body)
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
    cache.store([data_copy], cache.snapshot([data_copy]), framework)
    stale = cache_folder / ".left-by-a-killed-run.tmp"
    stale.write_text("half")
    os.utime(stale, (0, 0))
    earlier_format = cache_folder / "0123456789abcdef01234567.json"
    earlier_format.write_text('{"key": [3], "framework": {}}')
    for index in range(cache.MAX_ENTRIES + 3):
        folder = data_copy.parent / f"data-{index}"
        folder.mkdir()
        cache.store([folder], cache.snapshot([folder]), framework)
    entries = sorted(cache_folder.iterdir())
    assert len(entries) == cache.MAX_ENTRIES
    assert not stale.exists()
    assert not earlier_format.exists()


def test_a_file_changed_while_it_is_read_is_not_cached_as_its_old_self(run, data_copy, cache_folder, monkeypatch):
    from ldcf.building import dataset

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


LOCAL = Path(__file__).parent.parent / "examples" / "local"
VIEWS = [
    *(("role", "show", role) for role in ("volunteer", "peer-support-worker", "practitioner", "strategic-manager")),
    ("gap", "support-worker", "practitioner"),
    ("gap", "practitioner", "volunteer"),
    ("path", "volunteer", "specialist-practitioner"),
    ("level", "show", "4"),
    ("competence", "show", "HT4"),
    ("roles",),
]


@pytest.mark.parametrize("output_format", ["json", "table"])
@pytest.mark.parametrize("overlay", [False, True], ids=["national", "with-overlay"])
def test_views_from_a_warm_cache_equal_views_from_the_files(run, cache_folder, overlay, output_format):
    data = ("--data", str(LOCAL)) if overlay else ("--data", str(SHIPPED_DATA))
    environment = {"LDCF_CACHE_DIR": str(cache_folder)}
    views = [*VIEWS, ("role", "show", "registered-worker-band-6")] if overlay else VIEWS
    for view in views:
        arguments = (*data, *view, "--format", output_format)
        from_files = run("--no-cache", *arguments, env=environment)
        assert from_files.exit_code == 0, from_files.output
        run(*arguments, env=environment)  # fills the cache, if it is not full yet
        assert list(cache_folder.iterdir())
        from_cache = run(*arguments, env=environment)
        assert (from_cache.exit_code, from_cache.stdout, from_cache.stderr) == (0, from_files.stdout, "")


def test_role_show_and_gap_read_only_the_roles_they_show(data_copy, cache_folder, monkeypatch):
    from ldcf.queries.gaps import role_gap
    from ldcf.queries.profiles import role_profile

    cache.store([data_copy], cache.snapshot([data_copy]), open_data_set([data_copy]).framework)
    monkeypatch.setattr(cache_entry.Shelf, "everything", lambda shelf: pytest.fail("read every role"))
    framework = cache.load([data_copy], no_fallback)
    whole = open_data_set([data_copy]).framework
    assert role_profile(framework, "Practitioner") == role_profile(whole, "Practitioner")
    assert role_gap(framework, "volunteer", "specialist-practitioner") == role_gap(
        whole, "volunteer", "specialist-practitioner"
    )


def _planted_digests(data: Path, cache_folder: Path, taken_ns) -> None:
    """The entry, as if written at `taken_ns`, with every file's content digest wrong."""
    path = entry_of(cache_folder, data)
    index, body = index_and_body(path)
    index["digests"] = ["0" * 32 for _ in index["digests"]]
    index["taken_ns"] = taken_ns(index["files"])
    path.write_bytes(json.dumps(index).encode() + b"\n" + body)


def test_content_is_compared_only_for_files_changed_close_to_the_snapshot(data_copy, cache_folder):
    cache.store([data_copy], cache.snapshot([data_copy]), open_data_set([data_copy]).framework)
    assert cache.load([data_copy], no_fallback) is not None
    latest = lambda files: max(max(file[2], file[3]) for file in files)  # noqa: E731
    _planted_digests(data_copy, cache_folder, lambda files: latest(files) + (cache.RACY_SECONDS + 1) * 10**9)
    assert cache.load([data_copy], no_fallback) is not None  # every file older than the window: stat decides
    _planted_digests(data_copy, cache_folder, latest)
    assert cache.load([data_copy], no_fallback) is None  # a file inside the window: its content decides


def test_an_added_or_removed_role_file_is_seen(run, data_copy, cache_folder):
    assert title(run, data_copy) == "Practitioner"
    (data_copy / "roles" / "practitioner.yaml").rename(data_copy / "practitioner.yaml.moved")
    result = run("--data", str(data_copy), "role", "show", "practitioner", env={"LDCF_CACHE_DIR": str(cache_folder)})
    assert result.exit_code != 0
    (data_copy / "practitioner.yaml.moved").rename(data_copy / "roles" / "practitioner.yaml")
    assert title(run, data_copy) == "Practitioner"


@pytest.mark.parametrize(
    "planted",
    [{}, {"practitioner": [5, "GEN97"]}, {"practitioner": ["5", []]}, {"practitioner": [5, [1]]}, [1, 2]],
    ids=["no-roles", "keys-not-a-list", "level-not-a-number", "key-not-a-string", "not-a-mapping"],
)
def test_damaged_requirements_make_the_route_search_read_the_files(run, data_copy, cache_folder, planted):
    arguments = ("--data", str(data_copy), "path", "volunteer", "specialist-practitioner", "--format", "json")
    expected = run(*arguments, env={"LDCF_CACHE_DIR": str(cache_folder)}).stdout
    path = entry_of(cache_folder, data_copy)
    index, body = index_and_body(path)
    if isinstance(planted, dict) and planted:
        whole = json.loads(body[index["requirements"][0] : sum(index["requirements"])])
        planted = {**whole, **planted}
    document = json.dumps(planted).encode()
    index["requirements"] = [len(body), len(document)]
    path.write_bytes(json.dumps(index).encode() + b"\n" + body + document)
    result = run(*arguments, env={"LDCF_CACHE_DIR": str(cache_folder)})
    assert (result.exit_code, result.stdout) == (0, expected)


@pytest.mark.parametrize("xdg", [None, "xdg-cache"])
def test_the_default_cache_folder_is_the_platforms_without_platformdirs(tmp_path, monkeypatch, xdg):
    from platformdirs import user_cache_path

    monkeypatch.delenv("LDCF_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / xdg))
    assert cache.cache_directory() == user_cache_path("ldcf", appauthor=False)


def test_one_folder_named_two_ways_is_one_entry(run, data_copy, cache_folder, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    environment = {"LDCF_CACHE_DIR": str(cache_folder)}
    for name in ("data", "./data", str(data_copy)):
        assert run("--data", name, "role", "show", "practitioner", env=environment).exit_code == 0
    entries = list(cache_folder.iterdir())
    assert len(entries) == 1
    plant_fake_entry(data_copy)
    for name in ("data", "./data"):
        shown = run("--data", name, "role", "show", "practitioner", "--format", "json", env=environment)
        assert json.loads(shown.stdout)["title"] == "From the cache"

"""What ldcf writes and serves, in hostile or careless surroundings: personal data is never made readable by
others, a website folder keeps the files ldcf did not write, a compared git tree decides nothing about what is
read, and the preview server ends cleanly and answers bad requests without a traceback."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPOSITORY, SHIPPED_DATA, edit

LOCAL = REPOSITORY / "examples" / "local"
LOCAL_ROLE_PAGE = "roles/registered-worker-band-6.html"


def _ldcf(*arguments: str, umask: int | None = None, cwd: Path | None = None, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """ldcf in a child process (under `umask`, when given)."""
    environment = {**os.environ, "LDCF_NO_CACHE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ldcf", *arguments], capture_output=True, text=True, cwd=cwd,
                          env=environment, timeout=timeout, check=False,
                          preexec_fn=None if umask is None else lambda: os.umask(umask))  # fmt: skip


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# Permissions ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", [".docx", ".html", ".md"])
@pytest.mark.parametrize(
    ("umask", "expected"),
    [(0o077, 0o600), (0o022, 0o600), (0o027, 0o600), (0o277, 0o400)],
    ids=["umask-077", "umask-022", "umask-027", "umask-277"],
)
def test_a_development_plan_is_readable_by_its_owner_only(tmp_path, extension, umask, expected):
    plan = tmp_path / f"plan{extension}"
    result = _ldcf("doc", "development-plan", "support-worker", "practitioner", "-o", str(plan), umask=umask)
    assert result.returncode == 0, result.stderr
    assert _mode(plan) == expected


@pytest.mark.parametrize(
    ("umask", "expected"),
    [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)],
    ids=["umask-022", "umask-027", "umask-002", "umask-077"],
)
def test_a_new_file_gets_what_the_umask_gives(tmp_path, umask, expected):
    output = tmp_path / "jd.md"
    result = _ldcf("doc", "job-description", "practitioner", "-o", str(output), umask=umask)
    assert result.returncode == 0, result.stderr
    assert _mode(output) == expected


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664], ids=["0640", "0600", "0664"])
def test_a_replaced_file_keeps_its_mode(run, tmp_path, mode):
    for words in (("job-description", "practitioner"), ("development-plan", "support-worker", "practitioner")):
        output = tmp_path / f"{words[0]}.md"
        output.write_text("old", encoding="utf-8")
        output.chmod(mode)
        result = run("doc", *words, "-o", str(output), "--force")
        assert result.exit_code == 0, result.output
        assert _mode(output) == mode
        assert output.read_text(encoding="utf-8") != "old"


def test_a_private_file_is_never_wider_while_it_is_written(tmp_path, monkeypatch):
    from ldcf.outputs import writing

    seen = []
    real_fdopen = os.fdopen

    def watching(descriptor, *arguments, **options):
        seen.append(stat.S_IMODE(os.fstat(descriptor).st_mode))
        return real_fdopen(descriptor, *arguments, **options)

    monkeypatch.setattr(writing.os, "fdopen", watching)
    writing.replace_file(tmp_path / "plan.docx", b"content", private=True)
    assert seen == [0o600 & ~_current_umask()]
    assert _mode(tmp_path / "plan.docx") == 0o600 & ~_current_umask()


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# The website's folder ---------------------------------------------------------------------------------------------


def _build(run, out: Path, *data: Path):
    options = [item for folder in data for item in ("--data", str(folder))]
    return run(*options, "site", "build", str(out))


def test_a_rebuild_keeps_the_files_ldcf_did_not_write(run, tmp_path):
    out = tmp_path / "site"
    assert _build(run, out, SHIPPED_DATA, LOCAL).exit_code == 0
    assert (out / LOCAL_ROLE_PAGE).is_file()
    (out / ".git").mkdir()
    (out / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (out / "CNAME").write_text("framework.example.org\n", encoding="utf-8")
    (out / "roles" / "notes.txt").write_text("ours", encoding="utf-8")
    result = _build(run, out)
    assert result.exit_code == 0, result.output
    assert (out / ".git" / "config").read_text(encoding="utf-8") == "[core]\n"
    assert (out / "CNAME").read_text(encoding="utf-8") == "framework.example.org\n"
    assert (out / "roles" / "notes.txt").read_text(encoding="utf-8") == "ours"
    assert not (out / LOCAL_ROLE_PAGE).exists()  # ldcf wrote it, and no longer does
    assert (out / "roles" / "practitioner.html").is_file()
    listed = (out / ".ldcf-site").read_text(encoding="utf-8").splitlines()
    assert listed[0] == "ldcf-files 1"
    assert "index.html" in listed
    assert "CNAME" not in listed
    assert LOCAL_ROLE_PAGE not in listed
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_a_file_ldcf_would_write_over_is_refused_and_nothing_changes(run, tmp_path):
    out = tmp_path / "site"
    assert _build(run, out).exit_code == 0
    (out / LOCAL_ROLE_PAGE).write_text("someone's page", encoding="utf-8")
    index = (out / "index.html").read_bytes()
    result = _build(run, out, SHIPPED_DATA, LOCAL)
    assert result.exit_code == 1
    assert f"{out / LOCAL_ROLE_PAGE} is not a file ldcf wrote; nothing was written" in result.stderr
    assert (out / LOCAL_ROLE_PAGE).read_text(encoding="utf-8") == "someone's page"
    assert (out / "index.html").read_bytes() == index
    assert sorted(path.name for path in out.iterdir() if path.name.startswith(".")) == [".ldcf-site"]


def test_a_rebuild_changes_only_the_files_whose_content_changed(run, tmp_path):
    out = tmp_path / "site"
    assert _build(run, out, SHIPPED_DATA, LOCAL).exit_code == 0
    fresh = tmp_path / "fresh"
    assert _build(run, fresh).exit_code == 0
    old = 1_000_000_000  # 2001: any file the rebuild writes gets a later date
    for path in out.rglob("*"):
        os.utime(path, (old, old), follow_symlinks=False)
    page = out / "roles" / "practitioner.html"
    page.write_bytes(page.read_bytes().replace(b"<h1>", b"<h2>", 1))  # other bytes, the same length
    (out / "help.html").write_text("edited", encoding="utf-8")
    built = {str(path.relative_to(fresh)): path.read_bytes() for path in fresh.rglob("*") if path.is_file()}
    differing = {name for name, content in built.items() if (out / name).read_bytes() != content}
    assert {"roles/practitioner.html", "help.html", "about.html", ".ldcf-site"} <= differing
    assert len(differing) < len(built) / 2
    assert _build(run, out).exit_code == 0
    assert {name: (out / name).read_bytes() for name in built} == built
    assert {name for name in built if (out / name).stat().st_mtime != old} == differing
    inodes = {name: (out / name).stat().st_ino for name in built}
    assert _build(run, out).exit_code == 0
    assert {name: (out / name).stat().st_ino for name in built} == inodes


def test_a_page_replaced_by_a_link_to_the_same_bytes_is_refused(run, tmp_path):
    out = tmp_path / "site"
    assert _build(run, out).exit_code == 0
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes((out / "index.html").read_bytes())
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(elsewhere)
    result = _build(run, out)
    assert result.exit_code == 1
    assert f"{out / 'index.html'} is not a file ldcf wrote; nothing was written" in result.stderr
    assert (out / "index.html").is_symlink()


@pytest.mark.parametrize(
    "marker",
    ["", "This folder is a website built by `ldcf site build`, which replaces it whole when run again.\n"],
    ids=["empty", "older-ldcf"],
)
def test_a_marker_that_lists_nothing_does_not_make_a_folder_a_site(run, tmp_path, marker):
    out = tmp_path / "documents"
    out.mkdir()
    (out / ".ldcf-site").write_text(marker, encoding="utf-8")
    (out / "report.docx").write_bytes(b"someone's work")
    result = _build(run, out)
    assert result.exit_code == 1
    assert "does not list the files ldcf wrote" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == [".ldcf-site", "report.docx"]


@pytest.mark.parametrize("listed", [".git/config", "../outside.html", "/etc/passwd", "roles/../../x"])
def test_a_marker_that_lists_what_ldcf_never_writes_is_refused(run, tmp_path, listed):
    out = tmp_path / "site"
    assert _build(run, out).exit_code == 0
    (out / ".git").mkdir()
    (out / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    with open(out / ".ldcf-site", "a", encoding="utf-8") as marker:
        marker.write(f"{listed}\n")
    result = _build(run, out)
    assert result.exit_code == 1
    assert "which is not a file ldcf writes; nothing was written" in result.stderr
    assert (out / ".git" / "config").is_file()


def test_site_build_into_the_working_folder(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    result = _ldcf("site", "build", ".", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "index.html").is_file()
    assert [path.name for path in tmp_path.iterdir()] == ["empty"]
    assert not [path for path in folder.iterdir() if path.name.startswith(".") and path.name != ".ldcf-site"]
    again = _ldcf("site", "build", ".", cwd=folder)
    assert again.returncode == 0, again.stderr
    (folder / "mine.txt").write_text("x", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "mine.txt").write_text("x", encoding="utf-8")
    refused = _ldcf("site", "build", ".", cwd=other)
    assert refused.returncode == 1
    assert "holds files that ldcf did not write" in refused.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty", "other"]
    assert [path.name for path in other.iterdir()] == ["mine.txt"]


# git revisions -----------------------------------------------------------------------------------------------------


def _git(repository: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", *arguments], check=True, capture_output=True)  # fmt: skip


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repository = tmp_path / "repository"
    shutil.copytree(SHIPPED_DATA, repository / "data")
    (repository / ".gitattributes").write_text(
        "data/roles/support-worker.yaml export-ignore\ndata/competences.yaml export-subst\n", encoding="utf-8"
    )
    _git(repository, "init", "-q")
    return repository


def test_a_compared_trees_attributes_hide_no_role(run, repository, monkeypatch):
    _git(repository, "add", ".")
    _git(repository, "commit", "-qm", "first")
    edit(repository / "data" / "roles" / "support-worker.yaml", "level: 4\n", "level: 5\n")
    _git(repository, "commit", "-qam", "second")
    monkeypatch.chdir(repository)
    result = run("diff", "--git", "HEAD~1..HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    changes = json.loads(result.stdout)
    assert [change["id"] for change in changes["roles"]["changed"]] == ["support-worker"]
    assert changes["roles"]["removed"] == changes["roles"]["added"] == []


def test_a_compared_trees_attributes_rewrite_no_file(run, repository, monkeypatch):
    edit(repository / "data" / "competences.yaml", "title: Use digital communications\n",
         "title: Use digital communications $Format:%H$\n")  # fmt: skip
    _git(repository, "add", ".")
    _git(repository, "commit", "-qm", "first")
    monkeypatch.chdir(repository)
    result = run("diff", "--git", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    assert json.loads(result.stdout)["competences"]["retitled"] == []


def test_a_link_in_a_compared_tree_is_refused(run, repository, monkeypatch):
    (repository / "data" / "roles" / "linked.yaml").symlink_to("/etc/passwd")
    _git(repository, "add", ".")
    _git(repository, "commit", "-qm", "first")
    monkeypatch.chdir(repository)
    result = run("diff", "--git", "HEAD")
    assert result.exit_code == 1
    assert "holds 'roles/linked.yaml', which is not a plain file in it" in result.stderr


# The preview server ------------------------------------------------------------------------------------------------


def test_site_serve_answers_a_bad_request_and_cleans_up_when_terminated(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = {**os.environ, "LDCF_NO_CACHE": "1", "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "ldcf", "site", "serve", "--port", "0"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                          env=environment) as server:  # fmt: skip
        try:
            line = server.stderr.readline()
            address = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            assert address, line
            assert [path.name for path in scratch.iterdir() if path.name.startswith("ldcf-site-")]
            statuses = {}
            for path in ("/%00", "/roles/%00.html", "/index.html"):
                connection = http.client.HTTPConnection("127.0.0.1", int(address.group(1)), timeout=10)
                connection.request("GET", path)
                statuses[path] = connection.getresponse().status
                connection.close()
            assert statuses == {"/%00": 400, "/roles/%00.html": 400, "/index.html": 200}
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        errors = server.stderr.read()
    assert "Traceback" not in errors
    assert server.returncode == 0
    assert list(scratch.iterdir()) == []  # the temporary folder went with the server


def test_a_page_that_cannot_be_read_is_replaced(run, tmp_path, monkeypatch):
    from ldcf.outputs import writing

    out = tmp_path / "site"
    assert _build(run, out).exit_code == 0
    page = out / "index.html"
    built = page.read_bytes()
    page.write_bytes(b"x" * len(built))  # the same size: only reading it tells
    opened = writing.os.open

    def unreadable(path, flags, *rest):  # as if its permissions let no one read it
        if Path(path) == page and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, flags, *rest)

    monkeypatch.setattr(writing.os, "open", unreadable)
    result = _build(run, out)
    assert result.exit_code == 0, result.output
    assert page.read_bytes() == built


def test_a_site_page_keeps_its_permissions_whether_replaced_or_not(run, tmp_path):
    out = tmp_path / "site"
    assert _build(run, out).exit_code == 0
    edited, untouched = out / "help.html", out / "index.html"
    built = edited.read_bytes()
    edited.write_text("edited", encoding="utf-8")
    edited.chmod(0o640)
    untouched.chmod(0o600)
    assert _build(run, out).exit_code == 0
    assert edited.read_bytes() == built
    assert (_mode(edited), _mode(untouched)) == (0o640, 0o600)

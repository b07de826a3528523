"""Output files: special files, the input as output, interrupted writes, I/O errors.

Devices are stood in for by copies of their nodes (``mknod``, for root) and
symbolic links made in the test's folder, so that a regression cannot replace
the machine's own ``/dev/null`` or ``/dev/stdout``.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Final

import pytest

import orgstrategy
from conftest import EXAMPLES, MINIMAL
from orgstrategy import FileError
from orgstrategy._cli import main
from orgstrategy._cli._output import exit_on_signals, write_output
from orgstrategy._errors import Error
from orgstrategy._files import is_same_file, write_atomic

HERE = EXAMPLES / "here.yaml"
VERSIONS = ("as-published", "tidied")
ROOT: Final = os.geteuid() == 0
NOBODY: Final = 65534


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def orgstrategy_command(
    *args: object, prefix: Sequence[str] = (), stdout: int | IO[str] = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "orgstrategy", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def device(folder: Path, name: str, minor: int) -> Path:
    """Return a character device like ``/dev/NAME`` (major 1), or the real one if not root."""
    if not ROOT:
        return Path("/dev", name)  # which no other user can replace
    path = folder / name
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return path


class TestSpecialFiles:
    """Only a regular file is replaced; other files are written in place (issue 14, item 6)."""

    def test_a_device_stays_a_device(self, capsys, tmp_path):
        null = device(tmp_path, "null", 3)
        assert run(capsys, "convert", HERE, "--to", "html", "-o", null) == (0, "", "")
        assert stat.S_ISCHR(null.stat().st_mode)
        assert leftovers(null.parent) == []

    def test_a_link_to_standard_output_prints(self, tmp_path):
        link = tmp_path / "stdout"
        link.symlink_to("/proc/self/fd/1")
        if not Path("/proc/self/fd/1").exists():
            pytest.skip("no /proc/self/fd")
        done = orgstrategy_command("convert", HERE, "--to", "json", "-o", link)
        assert (done.returncode, done.stderr) == (0, "")
        assert orgstrategy.loads(done.stdout, "json") == orgstrategy.load(HERE)
        assert link.is_symlink()
        assert os.readlink(link) == "/proc/self/fd/1"

    @pytest.mark.skipif(ROOT, reason="as root, a regression would replace the machine's own")
    def test_the_real_dev_stdout_prints(self):
        if not Path("/dev/stdout").is_symlink():
            pytest.skip("no /dev/stdout link")
        done = orgstrategy_command("convert", HERE, "--to", "json", "-o", "/dev/stdout")
        assert (done.returncode, done.stderr) == (0, "")
        assert orgstrategy.loads(done.stdout, "json") == orgstrategy.load(HERE)
        assert Path("/dev/stdout").is_symlink()

    def test_a_fifo_is_written_in_place(self, capsys, tmp_path):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
        reader.start()
        try:
            assert run(capsys, "convert", HERE, "--to", "json", "-o", fifo) == (0, "", "")
            reader.join(timeout=10)
        finally:
            if reader.is_alive():  # never opened for writing: let the reader go
                with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
                    pass
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert orgstrategy.loads(received[0], "json") == orgstrategy.load(HERE)
        assert leftovers(tmp_path) == []

    def test_a_link_to_a_file_replaces_the_file(self, capsys, tmp_path):
        (tmp_path / "real").mkdir()
        target = tmp_path / "real" / "out.json"
        target.write_text("old")
        os.chmod(target, 0o640)
        before = target.stat().st_ino
        link = tmp_path / "out.json"
        link.symlink_to(target)
        assert run(capsys, "convert", HERE, "-o", link) == (0, "", "")
        assert link.is_symlink()
        assert os.readlink(link) == str(target)
        assert target.stat().st_ino != before  # replaced whole, not rewritten
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert orgstrategy.load(target) == orgstrategy.load(HERE)
        assert leftovers(tmp_path) == leftovers(target.parent) == []

    def test_a_dangling_link_makes_the_file_it_names(self, capsys, tmp_path):
        link = tmp_path / "out.json"
        link.symlink_to("made.json")
        assert run(capsys, "convert", HERE, "-o", link) == (0, "", "")
        assert link.is_symlink()
        assert orgstrategy.load(tmp_path / "made.json") == orgstrategy.load(HERE)

    def test_a_read_only_file_is_refused(self, capsys, tmp_path):
        out = tmp_path / "out.html"
        out.write_text("keep me")
        os.chmod(out, 0o444)
        code, stdout, err = run(capsys, "convert", HERE, "--to", "html", "-o", out)
        assert (code, stdout) == (2, "")
        assert err == f"orgstrategy: error: cannot write {out}: it is read-only\n"
        assert out.read_text() == "keep me"
        assert stat.S_IMODE(out.stat().st_mode) == 0o444

    @pytest.mark.skipif(not ROOT, reason="only root can give a file to another owner")
    def test_the_owner_is_kept(self, tmp_path):
        out = tmp_path / "out.yaml"
        out.write_text("old")
        os.chown(out, NOBODY, NOBODY)
        write_atomic(out, b"new")
        assert (out.stat().st_uid, out.stat().st_gid) == (NOBODY, NOBODY)
        assert out.read_text() == "new"

    def test_a_file_not_writable_by_this_user_is_refused(self, tmp_path, monkeypatch):
        out = tmp_path / "out.yaml"
        out.write_text("keep me")
        monkeypatch.setattr(os, "access", lambda path, mode: False)
        with pytest.raises(FileError, match=r"out\.yaml: Permission denied$"):
            write_atomic(out, b"new")
        assert out.read_text() == "keep me"

    def test_an_owner_that_cannot_be_kept(self, tmp_path, monkeypatch):
        """Only root may give a file away: the new file is then this user's."""
        out = tmp_path / "out.yaml"
        out.write_text("old")
        real = os.stat(out)
        other = os.stat_result((*real[:4], real.st_uid + 1, real.st_gid + 1, *real[6:]))
        stat_of = os.stat
        monkeypatch.setattr(os, "stat", lambda path: other if Path(path) == out else stat_of(path))
        calls: list[tuple[int, int]] = []

        def chown(path: object, uid: int, gid: int) -> None:
            calls.append((uid, gid))
            raise PermissionError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "chown", chown)
        write_atomic(out, b"new")
        assert calls == [(other.st_uid, other.st_gid), (-1, other.st_gid)]
        assert out.read_text() == "new"

    def test_a_link_that_its_name_cannot_be_followed_by(self, tmp_path):
        """/proc/self/fd/N of a deleted file: written in place, through the descriptor."""
        with tempfile.TemporaryFile(dir=tmp_path) as held:
            name = f"/proc/self/fd/{held.fileno()}"
            if not os.path.exists(name):
                pytest.skip("no /proc/self/fd")
            write_atomic(name, b"new")
            held.seek(0)
            assert held.read() == b"new"
        assert os.listdir(tmp_path) == []

    def test_a_folder_is_refused(self, capsys, tmp_path):
        code, _, err = run(capsys, "convert", HERE, "--to", "json", "-o", tmp_path)
        assert code == 2
        assert err == f"orgstrategy: error: cannot write {tmp_path}: Is a directory\n"


class TestOutputIsInput:
    """The input is never changed: an output that is the input is refused (item 7)."""

    def test_convert_onto_itself(self, capsys, tmp_path):
        same = tmp_path / "same.yaml"
        shutil.copy(HERE, same)
        original = same.read_bytes()
        code, out, err = run(capsys, "convert", same, "--to", "html", "-o", same)
        assert (code, out) == (2, "")
        assert (
            err == f"orgstrategy: error: cannot write {same}: it is the input; name another file\n"
        )
        assert same.read_bytes() == original

    @pytest.mark.parametrize("kind", ["hard link", "symbolic link"])
    def test_the_input_under_another_name(self, capsys, tmp_path, kind):
        same = tmp_path / "same.yaml"
        shutil.copy(HERE, same)
        other = tmp_path / "other.yaml"
        if kind == "hard link":
            os.link(same, other)
        else:
            other.symlink_to(same)
        code, _, err = run(capsys, "convert", same, "--to", "yaml", "-o", other)
        assert code == 2
        assert err == (
            f"orgstrategy: error: cannot write {other}: it is the input {same}; name another file\n"
        )
        assert same.read_bytes() == HERE.read_bytes()

    def test_another_file_is_written(self, capsys, tmp_path):
        out = tmp_path / "here.yaml"
        assert run(capsys, "convert", HERE, "--to", "yaml", "-o", out) == (0, "", "")
        assert orgstrategy.load(out) == orgstrategy.load(HERE)

    def test_a_report_over_an_input(self, tmp_path):
        report = tmp_path / "report.txt"
        report.write_text("x")
        with pytest.raises(Error, match="it is the input"):
            write_output("report", str(report), inputs=[tmp_path / "a.yaml", report])
        write_output("report", str(report), inputs=[tmp_path / "a.yaml"])
        assert report.read_text() == "report"

    def test_same_file(self, tmp_path):
        path = tmp_path / "a"
        path.write_text("x")
        assert is_same_file(path, tmp_path / "." / "a")
        assert not is_same_file(path, tmp_path / "missing")
        assert not is_same_file(tmp_path, tmp_path)  # a folder is not a file to write
        assert not is_same_file("/dev/null", "/dev/null")  # nor is a device


SLOW_FSYNC = """\
import os, signal, sys, time
for number in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(number, signal.SIG_DFL)  # as a shell would leave them
signal.signal(signal.SIGINT, signal.default_int_handler)

def fsync(descriptor):
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    time.sleep(60)

os.fsync = fsync
from orgstrategy._cli import main
sys.exit(main(sys.argv[1:]))
"""


class TestInterruptedWrites:
    """No temporary file survives an interrupt or a signal short of SIGKILL (item 8)."""

    def test_keyboard_interrupt_in_write_atomic(self, tmp_path, monkeypatch):
        out = tmp_path / "out.yaml"
        out.write_text("old")

        def interrupt(descriptor: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)
        with pytest.raises(KeyboardInterrupt):
            write_atomic(out, b"new")
        assert os.listdir(tmp_path) == ["out.yaml"]
        assert out.read_text() == "old"

    def test_keyboard_interrupt_in_the_command(self, capsys, tmp_path, monkeypatch):
        def interrupt(descriptor: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)
        assert run(capsys, "convert", HERE, "--to", "html", "-o", tmp_path / "out.html")[0] == 130
        assert os.listdir(tmp_path) == []

    @pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
    def test_a_signal_during_the_write(self, tmp_path, number):
        out = tmp_path / "out.html"
        out.write_text("old")
        command = [sys.executable, "-c", SLOW_FSYNC, "convert", str(HERE), "--to", "html"]
        with subprocess.Popen(
            [*command, "-o", str(out)], stderr=subprocess.PIPE, text=True
        ) as child:
            try:
                assert child.stderr is not None
                assert child.stderr.readline() == "writing\n"
                assert len(leftovers(tmp_path)) == 1  # the temporary file, being written
                child.send_signal(number)
                code = child.wait(timeout=30)
                rest = child.stderr.read()
            finally:
                child.kill()
        assert code == 128 + number
        assert "Traceback" not in rest
        assert os.listdir(tmp_path) == ["out.html"]
        assert out.read_text() == "old"

    def test_sigterm_in_process(self, capsys, tmp_path, monkeypatch):
        previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)

        def terminated(descriptor: int) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(10)  # the handler raises before this ends

        monkeypatch.setattr(os, "fsync", terminated)
        try:
            code, out, _ = run(capsys, "convert", HERE, "--to", "html", "-o", tmp_path / "o.html")
        finally:
            signal.signal(signal.SIGTERM, previous)
        assert (code, out) == (128 + signal.SIGTERM, "")
        assert os.listdir(tmp_path) == []

    def test_handlers_are_put_back(self):
        previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            with exit_on_signals():
                assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, previous)
            assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        finally:
            signal.signal(signal.SIGTERM, previous)

    def test_handlers_set_elsewhere_are_left_alone(self):
        previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            with exit_on_signals():
                assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
        finally:
            signal.signal(signal.SIGTERM, previous)

    def test_outside_the_main_thread(self, tmp_path):
        codes: list[int] = []
        out = tmp_path / "out.json"
        thread = threading.Thread(
            target=lambda: codes.append(main(["convert", str(HERE), "-o", str(out)]))
        )
        thread.start()
        thread.join()
        assert codes == [0]


@pytest.fixture
def full_device(tmp_path: Path) -> Path:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    return device(tmp_path, "full", 7)


#: Root reads everything: as root, commands run without the capabilities that allow it.
NO_OVERRIDE: Final = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[tuple[Path, Sequence[str]]]:
    """Return a folder that the test's commands cannot read, and the prefix to run them with."""
    prefix: Sequence[str] = ()
    if ROOT:
        if shutil.which("setpriv") is None:
            pytest.skip("root, and no setpriv to drop the right to read everything")
        if subprocess.run([*NO_OVERRIDE, "true"], check=False).returncode != 0:
            pytest.skip("root, and not allowed to drop the right to read everything")
        prefix = NO_OVERRIDE
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copy(HERE, folder / "here.yaml")
    os.chmod(folder, 0)
    try:
        yield folder, prefix
    finally:
        os.chmod(folder, 0o700)


class TestIOErrors:
    """A full disk or a refused file is "cannot write/read PATH: reason", exit 2 (item 9)."""

    @pytest.mark.parametrize(
        "args",
        [
            ["convert", HERE, "--to", "json"],
            ["validate", EXAMPLES],
            ["diff", *(EXAMPLES / "versions" / f"staffordshire-{v}.yaml" for v in VERSIONS)],
            ["rules"],
        ],
        ids=["convert", "validate", "diff", "rules"],
    )
    def test_standard_output_on_a_full_disk(self, args):
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full")
        with open("/dev/full", "w") as full:
            done = orgstrategy_command(*args, stdout=full)
        assert done.returncode == 2
        assert done.stderr == (
            "orgstrategy: error: cannot write standard output: No space left on device\n"
        )

    @pytest.mark.parametrize(
        ("error", "code", "message"),
        [
            (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), 2, "No space left on device"),
            (OSError(errno.EIO, os.strerror(errno.EIO)), 2, "Input/output error"),
            (BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)), 0, None),
        ],
        ids=["ENOSPC", "EIO", "EPIPE"],
    )
    def test_standard_output_failing(self, capsys, monkeypatch, error, code, message):
        class Failing:
            def write(self, text: str) -> int:
                raise error

            def flush(self) -> None:
                pass

            def fileno(self) -> int:
                raise OSError(errno.EBADF, "no descriptor")

        monkeypatch.setattr(sys, "stdout", Failing())
        assert main(["convert", str(HERE), "--to", "json"]) == code
        expected = (
            ""
            if message is None
            else f"orgstrategy: error: cannot write standard output: {message}\n"
        )
        assert capsys.readouterr().err == expected

    def test_standard_output_full_at_the_last_flush(self, capsys, monkeypatch):
        class Full:
            def write(self, text: str) -> int:
                return len(text)

            def flush(self) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def fileno(self) -> int:
                raise OSError(errno.EBADF, "no descriptor")

        monkeypatch.setattr(sys, "stdout", Full())
        assert main(["rules"]) == 2
        assert capsys.readouterr().err == (
            "orgstrategy: error: cannot write standard output: No space left on device\n"
        )

    def test_an_output_file_on_a_full_disk(self, capsys, full_device):
        code, _, err = run(capsys, "convert", HERE, "--to", "json", "-o", full_device)
        assert code == 2
        assert err == f"orgstrategy: error: cannot write {full_device}: No space left on device\n"
        assert stat.S_ISCHR(full_device.stat().st_mode)

    def test_no_space_for_the_temporary_file(self, capsys, tmp_path, monkeypatch):
        def full(descriptor: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        out = tmp_path / "out.json"
        code, _, err = run(capsys, "convert", HERE, "-o", out)
        assert code == 2
        assert err == f"orgstrategy: error: cannot write {out}: No space left on device\n"
        assert os.listdir(tmp_path) == []

    @pytest.mark.parametrize(
        "command",
        [
            ["convert", "{folder}/here.yaml", "--to", "json"],
            ["diff", "{folder}/here.yaml", str(HERE)],
            ["validate", "{folder}/here.yaml"],
            ["lint", "{folder}/here.yaml"],
        ],
        ids=["convert", "diff", "validate", "lint"],
    )
    def test_a_file_in_an_unreadable_folder(self, locked, command):
        folder, prefix = locked
        done = orgstrategy_command(*(part.format(folder=folder) for part in command), prefix=prefix)
        assert done.returncode == 2
        assert f"cannot read {folder}/here.yaml: Permission denied" in done.stderr
        assert "internal error" not in done.stderr

    def test_an_output_in_an_unreadable_folder(self, locked):
        folder, prefix = locked
        done = orgstrategy_command("convert", HERE, "-o", folder / "out.json", prefix=prefix)
        assert (done.returncode, done.stderr) == (
            2,
            f"orgstrategy: error: cannot write {folder}/out.json: Permission denied\n",
        )


def test_dump_refuses_a_read_only_file_too(tmp_path):
    """The library writes the same way: `orgstrategy.dump`."""
    out = tmp_path / "out.yaml"
    out.write_text("keep me")
    os.chmod(out, 0o400)
    with pytest.raises(FileError, match="it is read-only"):
        orgstrategy.dump(orgstrategy.loads(MINIMAL), out)
    assert out.read_text() == "keep me"

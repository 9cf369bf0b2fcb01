"""Warm kernels: each report's kernel forked from a parent that has already imported the libraries.

A report's kernel used to pay for a Python start and the import of pandas,
numpy, matplotlib and smanalytics before running a cell. Here each process
that runs reports (a batch worker, a Dask worker, the command line) starts
one warm parent (:mod:`smanalytics.report.forkserver`) the first time it
needs a kernel, and every kernel after that is a fork of it:

* each report still gets its own fresh kernel process, started by
  jupyter_client and run by papermill as before (executed notebook, error
  cells, timeouts, kernel deaths, the retries of a failed start);
* :class:`WarmProvisioner`, a jupyter_client kernel provisioner, asks the
  warm parent for the fork instead of starting ``python -m ipykernel_launcher``;
  the process it gets back is managed through a pidfd (:class:`ForkedKernel`),
  like a :class:`subprocess.Popen`;
* nothing leaks between reports: every kernel forks the same parent, which
  never runs a report's code, and numpy's random generator and matplotlib's
  backend are reset in each kernel to what a fresh process has.

What a forked kernel shares with the parent, and an ordinary one would not:
``str`` hash randomisation (one seed per parent, so sets of text iterate in
one order in every report of a worker), the environment variables the
libraries read when imported (the parent's, which is the owner's environment
when it started), and a single thread in numpy's BLAS, numexpr's and OpenMP
pools (as Dask does in its workers; one report per core is the batch's
parallelism) and no background thread in pyarrow's jemalloc: the parent must
have one thread when it forks.

Where fork or pidfds are missing (not Linux, Linux before 5.3), or the
parent cannot be started as it must be (an import fails, a library started
a thread), kernels start the ordinary way, with one warning.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import pathlib
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import typing as t
import uuid
import warnings

from jupyter_client.provisioning import LocalProvisioner

from smanalytics.report.kernel import IPCKernelManager

__all__ = [
    "ForkServer",
    "ForkedKernel",
    "WarmKernelManager",
    "WarmProvisioner",
    "WarmKernelsUnavailable",
    "shared_server",
    "warm_kernels_unsupported",
]

#: Environment of the warm parent: its libraries' thread pools kept at one thread (set unless given).
SINGLE_THREADED = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "JE_ARROW_MALLOC_CONF": "background_thread:false",
}

#: Seconds the warm parent may take to import its modules (a loaded machine takes several).
START_TIMEOUT = 120.0

#: Seconds a request to the warm parent may take (a fork takes milliseconds).
REQUEST_TIMEOUT = 30.0

#: Seconds a killed kernel is waited for here before jupyter_client's own waiting takes over.
KILL_TIMEOUT = 5.0

_MAX_MESSAGE = 1 << 20


class WarmKernelsUnavailable(RuntimeError):
    """Warm kernels cannot be used in this process (the reason is the message); ordinary ones can."""


def warm_kernels_unsupported() -> str | None:
    """Why this system cannot fork warm kernels, or None when it can."""
    for module, name in (
        (os, "fork"),
        (os, "pidfd_open"),
        (signal, "pidfd_send_signal"),
        (socket, "send_fds"),
    ):
        if not hasattr(module, name):
            return f"{module.__name__}.{name} is not available on this system"
    if not hasattr(socket, "SOCK_SEQPACKET") or not hasattr(socket, "AF_UNIX"):
        return "Unix SOCK_SEQPACKET sockets are not available on this system"
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError as exc:
        return f"pidfd_open is not supported by this kernel ({exc.strerror or exc})"
    return None


class ForkServer:
    """A warm parent process of this process's kernels (see :mod:`smanalytics.report.forkserver`).

    Starting one imports its modules (1-2 s); each :meth:`spawn` then forks a
    kernel in milliseconds. It exits when :meth:`close` is called or this
    process dies, and its kernels die with it.

    Raises
    ------
    WarmKernelsUnavailable
        When the system cannot fork warm kernels, or the parent could not
        import its modules, or has more than one thread after importing them.
    RuntimeError
        When the parent did not start within ``start_timeout`` seconds.
    """

    def __init__(self, *, modules: t.Sequence[str] = (), start_timeout: float = START_TIMEOUT) -> None:
        reason = warm_kernels_unsupported()
        if reason:
            raise WarmKernelsUnavailable(reason)
        self.owner = os.getpid()
        self._lock = threading.Lock()
        self._channel, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = os.environ.copy()
        for name, value in SINGLE_THREADED.items():
            env.setdefault(name, value)
        # what every kernel's environment has on top of this process's, for modules that read it on import
        env["JPY_PARENT_PID"] = str(self.owner)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "smanalytics.report.forkserver", str(theirs.fileno()), *modules],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # what its imports print (debugpy's notes), as a kernel's stderr
                env=env,
                start_new_session=True,  # a Ctrl-C in the terminal reaches the batch, which ends it
            )
        finally:
            theirs.close()
        try:
            hello, _ = self._receive(start_timeout)
        except (OSError, RuntimeError) as exc:
            self.close()
            if self.process.returncode is not None and not isinstance(exc, TimeoutError):
                raise WarmKernelsUnavailable(
                    f"the warm kernel parent exited on start (exit code {self.process.returncode})"
                ) from None
            raise RuntimeError(f"the warm kernel parent did not start ({exc})") from None
        if "error" in hello:
            self.close()
            raise WarmKernelsUnavailable(hello["error"])
        if hello["threads"] != 1:
            self.close()
            raise WarmKernelsUnavailable(
                f"the warm kernel parent has {hello['threads']} threads after its imports; "
                "forking it would not be safe"
            )
        self.pid: int = hello["pid"]
        self.modules: list[str] = hello["modules"]

    def alive(self) -> bool:
        """Whether the parent is still running."""
        return self.process.poll() is None

    def spawn(
        self,
        argv: list[str],
        *,
        cwd: str | os.PathLike | None,
        env: dict[str, str],
        stdin: int,
        stdout: int,
        stderr: int,
    ) -> ForkedKernel:
        """Fork ``python -m ipykernel_launcher ARGV...`` in ``cwd`` with ``env`` and these descriptors.

        Raises
        ------
        ValueError
            When the request is too large to send (an enormous environment).
        RuntimeError
            When the parent refused or could not fork the kernel, or has exited.
        """
        request = {"op": "spawn", "argv": list(argv), "cwd": os.fspath(cwd) if cwd else None, "env": env}
        data = json.dumps(request).encode()
        if len(data) > _MAX_MESSAGE:
            raise ValueError(f"a kernel request of {len(data)} bytes is larger than {_MAX_MESSAGE}")
        with self._lock:
            try:
                socket.send_fds(self._channel, [data], [stdin, stdout, stderr])
                reply, fds = self._receive(REQUEST_TIMEOUT)
            except OSError as exc:
                raise RuntimeError(f"the warm kernel parent is gone ({type(exc).__name__}: {exc})") from None
        if "error" in reply:
            for fd in fds:
                os.close(fd)
            raise RuntimeError(reply["error"])
        if len(fds) != 1:
            raise RuntimeError(f"the warm kernel parent sent {len(fds)} descriptors for a kernel, not one")
        return ForkedKernel(reply["pid"], fds[0], self)

    def returncode(self, pid: int) -> int | None:
        """The exit code of a kernel that has exited (None while it runs or when it is unknown)."""
        with self._lock:
            try:
                self._channel.sendall(json.dumps({"op": "status", "pid": pid}).encode())
                reply, _ = self._receive(REQUEST_TIMEOUT)
            except (OSError, RuntimeError):
                return None
        return reply.get("returncode")

    def close(self) -> None:
        """End the parent (its kernels die with it) and wait for it."""
        self._channel.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - it exits when its socket closes
            self.process.kill()
            self.process.wait()

    def _receive(self, timeout: float) -> tuple[dict, list[int]]:
        ready, _, _ = select.select([self._channel], [], [], timeout)
        if not ready:
            raise TimeoutError(f"no answer from the warm kernel parent within {timeout:g} s")
        data, fds, _, _ = socket.recv_fds(self._channel, _MAX_MESSAGE, 4)
        if not data:
            for fd in fds:
                os.close(fd)
            raise ConnectionError("the warm kernel parent has exited")
        return json.loads(data), fds


class ForkedKernel:
    """A kernel forked by a :class:`ForkServer`: the part of :class:`~subprocess.Popen` a provisioner uses.

    The process is not a child of this one (it is the warm parent's), so it
    is watched and signalled through a pidfd, which always names this
    process even after its pid is reused; its exit code comes from the warm
    parent, which reaps it.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, pidfd: int, server: ForkServer) -> None:
        self.pid = pid
        self.args = ["ipykernel_launcher", f"(forked by {server.pid})"]
        self.returncode: int | None = None
        self._pidfd: int | None = pidfd
        self._server = server

    def poll(self) -> int | None:
        """The exit code once the kernel has exited, else None."""
        if self.returncode is None and self._pidfd is not None:
            if select.select([self._pidfd], [], [], 0)[0]:
                code = self._server.returncode(self.pid) if self._server.alive() else None
                # unknown: the warm parent is gone, and then its kernels were killed with it
                self.returncode = code if code is not None else -signal.SIGKILL
                self._close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the kernel to exit and return its exit code."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(self.args, timeout)
            select.select([self._pidfd], [], [], 0.1)
        return self.returncode

    async def exited(self, timeout: float) -> None:
        """Return once the kernel has exited, or after ``timeout`` seconds; the event loop runs meanwhile."""
        pidfd = self._pidfd
        if pidfd is None:
            return
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        loop.add_reader(pidfd, lambda: done.done() or done.set_result(None))  # readable: it has exited
        try:
            await asyncio.wait_for(done, timeout)
        except TimeoutError:
            pass
        finally:
            loop.remove_reader(pidfd)

    def send_signal(self, signum: int) -> None:
        """Send ``signum`` to the kernel; nothing when it has exited."""
        if self.poll() is not None:
            return
        try:
            signal.pidfd_send_signal(self._pidfd, signum)
        except ProcessLookupError:
            pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def _close(self) -> None:
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None

    def __del__(self) -> None:
        self._close()


_shared: ForkServer | None = None
_unavailable: str | None = None
_shared_lock = threading.Lock()


def shared_server() -> ForkServer | None:
    """This process's warm parent, started on first use and restarted if it died; None without warm kernels.

    Raises
    ------
    RuntimeError
        When the warm parent did not start in time (a kernel start failure: retried).
    """
    global _shared, _unavailable
    with _shared_lock:
        if _unavailable is not None:
            return None
        if _shared is not None and _shared.owner == os.getpid():
            if _shared.alive():
                return _shared
            _shared.close()
        try:
            _shared = ForkServer()
        except WarmKernelsUnavailable as exc:
            _unavailable = str(exc)
            _shared = None
            warnings.warn(f"reports run in ordinary kernels: {exc}", RuntimeWarning, stacklevel=2)
            return None
        return _shared


@atexit.register
def _close_shared() -> None:
    if _shared is not None and _shared.owner == os.getpid():
        _shared.close()


def _is_ipykernel(cmd: list[str]) -> bool:
    """Whether ``cmd`` is ``<this python> -m ipykernel_launcher ...``, the kernel the warm parent forks."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return False
    # the same path, not merely the same binary: another virtual environment has other packages
    return os.path.abspath(cmd[0]) == os.path.abspath(sys.executable)


class WarmProvisioner(LocalProvisioner):
    """A kernel provisioner that forks the kernel from :func:`shared_server` when it can.

    Anything else (another kernel, another interpreter, standard streams as
    pipes, a system without warm kernels) is launched as
    :class:`~jupyter_client.provisioning.LocalProvisioner` launches it.
    """

    async def launch_kernel(self, cmd: list[str], **kwargs: t.Any):
        streams = [kwargs.get(name) for name in ("stdin", "stdout", "stderr")]
        if not _is_ipykernel(cmd) or subprocess.PIPE in streams:
            return await super().launch_kernel(cmd, **kwargs)
        server = shared_server()
        if server is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
        cwd = kwargs.get("cwd")
        with open(os.devnull, "r+b") as devnull:
            fds = [
                _descriptor(stream, default, devnull.fileno())
                for stream, default in zip(streams, (devnull.fileno(), 1, 2), strict=True)
            ]
            try:
                self.process = server.spawn(
                    cmd[3:], cwd=cwd, env=env, stdin=fds[0], stdout=fds[1], stderr=fds[2]
                )
            except ValueError:
                return await super().launch_kernel(cmd, **kwargs)
        self.pid = self.pgid = self.process.pid  # the kernel leads its own session and process group
        self.cwd = cwd or pathlib.Path.cwd()
        return self.connection_info

    async def kill(self, restart: bool = False) -> None:
        """Kill the kernel and wait for it to exit (milliseconds), which the pidfd tells at once.

        jupyter_client, left to itself, would look every 0.1 s whether it has exited.
        """
        await super().kill(restart=restart)
        if isinstance(self.process, ForkedKernel):
            await self.process.exited(KILL_TIMEOUT)


def _descriptor(stream, default: int, devnull: int) -> int:
    """The file descriptor a Popen ``stdin``/``stdout``/``stderr`` argument stands for."""
    if stream is None:
        return default
    if stream == subprocess.DEVNULL:
        return devnull
    if isinstance(stream, int):
        return stream
    return stream.fileno()


class WarmKernelManager(IPCKernelManager):
    """The reports' kernel manager (IPC) with its kernels forked by :class:`WarmProvisioner`."""

    async def _async_pre_start_kernel(self, **kw: t.Any):
        self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
        if self.provisioner is None:
            self.provisioner = WarmProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)

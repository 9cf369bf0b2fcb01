"""The warm parent of a batch's kernels: import the report's libraries once, fork a kernel per report.

A cold kernel spends most of its start importing pandas, numpy, matplotlib
and smanalytics (1-2 s). This process imports them once, then, for each
request, forks a child that becomes an ordinary ipykernel: the child runs
``ipykernel_launcher`` as ``python -m ipykernel_launcher`` would, with the
request's arguments, working folder, environment and standard streams, so
papermill and nbclient talk to it as to any kernel.

Nothing leaks from one report to the next: every kernel is a fresh fork of
this process, which never runs a report's code itself, so what a report
changes (rcParams, a module's attribute, a global) dies with its kernel.

Forking is only safe from a process with one thread, so this process starts
no thread and no ZMQ context before it forks (the libraries' own thread
pools are kept at one thread, see :mod:`smanalytics.report.warm`); it says
how many threads it has once its imports are done, and its owner uses it
only when that is one. The protocol, over a Unix ``SOCK_SEQPACKET`` socket
inherited from the owner, is one JSON message per request and reply:

* ``{"op": "spawn", "argv": [...], "cwd": ..., "env": {...}}`` with the
  kernel's stdin, stdout and stderr attached (``SCM_RIGHTS``); the reply is
  ``{"pid": N}`` with a pidfd of the kernel attached, or ``{"error": ...}``;
* ``{"op": "status", "pid": N}``: the kernel's exit code once it has exited
  (this process reaps its children), else ``null``.

When the owner's end of the socket closes (the owner exited or was killed),
this process exits, and each kernel, which asked Linux for SIGKILL on its
parent's death, follows it.

Run as ``python -m smanalytics.report.forkserver FD [MODULE ...]``: ``FD`` is
the socket, the modules are imported before serving (default:
:data:`PRELOAD`). Linux only (pidfds); :mod:`smanalytics.report.warm` falls
back to ordinary kernels elsewhere.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import select
import socket
import sys
import traceback
import typing as t

__all__ = ["PRELOAD", "main"]

#: Modules imported once in the warm parent: what the report template, a
#: plain notebook and a kernel's start import (matplotlib without choosing a
#: backend: each kernel chooses it as an ordinary kernel would). An entry
#: ``module:function`` is called, without arguments, for what it imports.
PRELOAD = (
    "numpy",
    "pandas",
    "pyarrow",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.pyplot",
    "smanalytics",
    "smanalytics.report.content",
    "smanalytics.report.drawings",  # the template's other imports, and what its cells import
    "smanalytics.report.figures",
    "smanalytics.report.sections",
    "smanalytics.report.tables",
    "matplotlib.backends.backend_svg",
    "pyarrow.parquet",
    "babel.dates",
    "babel.lists",
    "babel.numbers",
    "markdown_it",
    "smanalytics.io.registry:families",  # every importer
    "pyarrow.csv",
    "pandas.core.arrays.arrow._arrow_utils",
    "defusedxml.ElementTree",
    "PIL.Image:preinit",  # the image plugins that saving a PNG imports
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",  # debugpy: 0.2-0.4 s, imported by every kernel's start
    "IPython.core.debugger",
    "IPython.core.oinspect",
    "IPython.core.completerlib",
    "tornado.platform.asyncio",
)

#: The largest request accepted (a kernel's environment is the bulk of it).
MAX_MESSAGE = 1 << 20

#: Seconds between sweeps that reap exited kernels while no request comes.
REAP_INTERVAL = 0.5

_PR_SET_PDEATHSIG = 1
_LAUNCHER = "ipykernel_launcher"


def main(argv: list[str] | None = None) -> int | None:
    """Serve requests on the inherited socket; in a forked child, become the kernel."""
    argv = sys.argv[1:] if argv is None else argv
    channel = socket.socket(fileno=int(argv[0]))
    modules = argv[1:] or PRELOAD
    # the entry ``python -m`` put first on sys.path (this process's working folder); a kernel's is its own
    script_entry = sys.path[0] if sys.path and sys.path[0] in ("", os.getcwd()) else None
    environment = dict(os.environ)
    try:
        for entry in modules:
            module, _, function = entry.partition(":")
            imported = importlib.import_module(module)
            if function:
                getattr(imported, function)()
    except BaseException as exc:  # tell the owner why, then stop: it falls back to ordinary kernels
        _send(channel, {"error": f"cannot import {entry} ({type(exc).__name__}: {exc})"})
        return 1
    gc.freeze()  # the kernels' collections then leave the parent's objects, and their shared pages, alone
    # what the imports put into the environment (debugpy sets PYDEVD_USE_FRAME_EVAL), as a kernel's would
    set_on_import = {k: v for k, v in os.environ.items() if environment.get(k) != v}
    _send(channel, {"pid": os.getpid(), "threads": _threads(), "modules": list(modules)})
    try:
        become_kernel = _serve(channel, _Kernel(script_entry, set_on_import))
    except KeyboardInterrupt:
        return 0
    if become_kernel is None:
        return 0
    return become_kernel()  # only in a forked child: its end is this process's end


def _threads() -> int:
    """Threads of this process, native ones included (a library's thread pool)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # pragma: no cover - no /proc
        import threading

        return threading.active_count()


class _Kernel(t.NamedTuple):
    """What every kernel of this parent starts from."""

    script_entry: str | None  # the entry ``python -m`` put first on this process's sys.path
    set_on_import: dict[str, str]  # environment variables the preloaded modules set


def _serve(channel: socket.socket, kernel: _Kernel):
    """Answer requests until the owner closes its end; return, in a forked child, the kernel to run."""
    exited: dict[int, int] = {}
    while True:
        ready, _, _ = select.select([channel], [], [], REAP_INTERVAL)
        _reap(exited)
        if not ready:
            continue
        message, fds = _receive(channel)
        if message is None:
            return None
        op = message.get("op")
        if op == "spawn":
            become_kernel = _spawn(channel, message, fds, kernel)
            if become_kernel is not None:
                return become_kernel
        elif op == "status":
            _reap(exited)
            _send(channel, {"returncode": exited.pop(message["pid"], None)})
        else:
            for fd in fds:
                os.close(fd)
            _send(channel, {"error": f"unknown request {op!r}"})


def _reap(exited: dict[int, int]) -> None:
    """Collect every exited child's exit code (a negative signal number when killed)."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        exited[pid] = os.waitstatus_to_exitcode(status)


def _spawn(channel: socket.socket, message: dict, fds: list[int], kernel: _Kernel):
    """Fork a kernel; reply with its pid and a pidfd. In the child, return the function that runs it."""
    if len(fds) != 3:
        for fd in fds:
            os.close(fd)
        _send(channel, {"error": f"a kernel needs stdin, stdout and stderr; got {len(fds)} streams"})
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    setup_read, setup_write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(setup_read)
            channel.close()
            _set_up_child(parent, fds, message["cwd"])
        except BaseException as exc:
            os.write(setup_write, f"{type(exc).__name__}: {exc}".encode()[:4000])
            os._exit(70)
        os.close(setup_write)  # the server reads EOF: the child is set up
        return lambda: _run_kernel(message, kernel)
    os.close(setup_write)
    for fd in fds:
        os.close(fd)
    with os.fdopen(setup_read, "rb") as setup:
        failure = setup.read().decode(errors="replace")
    if failure:
        _send(channel, {"error": f"the kernel could not be set up: {failure}"})
        return None
    pidfd = os.pidfd_open(pid)  # the child is not reaped before the next sweep, so the pid is still its
    try:
        _send(channel, {"pid": pid}, [pidfd])
    finally:
        os.close(pidfd)
    return None


def _set_up_child(parent: int, fds: list[int], cwd: str | None) -> None:
    """A kernel's process, as a kernel launcher makes it: own session, streams, working folder."""
    os.setsid()
    _die_with_parent(parent)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in set(fds):
        if fd > 2:
            os.close(fd)
    if cwd:
        os.chdir(cwd)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when the warm parent dies (it dies with its owner)."""
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _run_kernel(message: dict, kernel: _Kernel):
    """Become ``python -m ipykernel_launcher ARGV...`` in this (forked) process."""
    import runpy

    os.environ.clear()
    os.environ.update(message["env"])
    for name, value in kernel.set_on_import.items():
        os.environ.setdefault(name, value)
    _fresh_state()
    if kernel.script_entry is not None and sys.path and sys.path[0] == kernel.script_entry:
        sys.path[0] = os.getcwd()  # what ``python -m`` puts first, in the kernel's folder
    sys.argv = [_LAUNCHER, *message["argv"]]
    runpy.run_module(_LAUNCHER, run_name="__main__", alter_sys=True)


def _fresh_state() -> None:
    """Undo what a fork shares that a fresh interpreter would not: random seeds, matplotlib's backend.

    Python's :mod:`random` reseeds itself in a forked child; numpy's global
    generator does not, so it is reseeded from the OS here, as a new process
    seeds it. matplotlib read ``MPLBACKEND`` when this parent imported it;
    an ordinary kernel sets ``MPLBACKEND`` to its inline backend (unless the
    environment names one) before the notebook imports matplotlib, so the
    forked kernel does the same and tells matplotlib.
    """
    if "numpy.random" in sys.modules:
        sys.modules["numpy.random"].seed()
    if "matplotlib" in sys.modules:
        if not os.environ.get("MPLBACKEND"):
            os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
        sys.modules["matplotlib"].rcParams["backend"] = os.environ["MPLBACKEND"]


def _send(channel: socket.socket, message: dict, fds: list[int] = ()) -> None:
    data = json.dumps(message).encode()
    if fds:
        socket.send_fds(channel, [data], list(fds))
    else:
        channel.sendall(data)


def _receive(channel: socket.socket) -> tuple[dict | None, list[int]]:
    """One request and the descriptors attached to it; ``(None, [])`` when the owner has gone."""
    try:
        data, fds, flags, _ = socket.recv_fds(channel, MAX_MESSAGE, 8)
    except ConnectionError:
        return None, []
    if not data:
        return None, []
    if flags & socket.MSG_TRUNC:
        for fd in fds:
            os.close(fd)
        return {"op": "too-large"}, []
    try:
        return json.loads(data), fds
    except ValueError:
        traceback.print_exc()
        return {"op": "unreadable"}, fds


if __name__ == "__main__":
    sys.exit(main())

"""The kernel manager reports run with: local IPC sockets instead of TCP ports.

Many kernels starting at once on TCP can collide on ports (a port picked free
is taken by another kernel before it binds); Unix domain sockets in Jupyter's
runtime folder have unique names, so there is nothing to collide on, and
nothing listens on the network. The runner still retries a failed start.

The socket files are named by an absolute, unique path in the runtime folder:
jupyter_client's default for IPC is ``kernel-ipc-<n>`` relative to the
kernel's working folder, which is the client's report folder, so a killed
batch used to leave sockets among a client's reports.

The kernel's own stderr (its log lines, such as the "KeyboardInterrupt caught
in kernel" it prints when interrupted on shutdown) is dropped, so a batch's
terminal shows only its progress bar and summary; what a notebook cell prints
is still captured in the notebook, and a failing cell is reported with its
error.

A report's kernel client (:class:`ReadyClient`) is ready as soon as the
kernel has answered and its IOPub channel is shown to be connected: it does
not then idle for 0.2 s of IOPub silence, as jupyter_client's client does
before every notebook. The messages it leaves unread belong to its own
readiness requests, and nbclient reads a cell's output by the cell's own
request, so they are never taken for a cell's. Its sockets, which connect
before the new kernel has bound its own, try again every 10 ms rather than
ZeroMQ's 100 ms, so the kernel hears the first request as soon as it listens.
"""

from __future__ import annotations

import os
import subprocess
import time
import typing as t
import uuid
from queue import Empty

import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type, Unicode, default

__all__ = ["IPCKernelManager", "ReadyClient"]

#: Seconds to wait for the kernel's answer to one readiness request before asking again.
ANSWER_TIMEOUT = 1.0

#: Seconds to wait, once the kernel has answered, for an IOPub message proving that channel connected.
IOPUB_TIMEOUT = 0.2

#: Milliseconds between a client socket's attempts to reach a kernel that is not listening yet.
RECONNECT_INTERVAL_MS = 10


class ReadyClient(AsyncKernelClient):
    """A kernel client whose :meth:`wait_for_ready` returns as soon as the kernel is usable."""

    @default("context")
    def _ready_context(self) -> zmq.asyncio.Context:
        self._created_context = True
        context = zmq.asyncio.Context()
        context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_INTERVAL_MS)  # for the sockets made from it
        return context

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Ask for ``kernel_info`` until the kernel answers and an IOPub message has arrived.

        Raises
        ------
        RuntimeError
            When the kernel dies first, or has not answered within ``timeout`` seconds.
        """
        deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
        while True:
            self.kernel_info()
            reply = await _message(self.shell_channel, ANSWER_TIMEOUT)
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                if await _message(self.iopub_channel, IOPUB_TIMEOUT) is not None:
                    self._handle_kernel_info_reply(reply)
                    break
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")
        while await self.iopub_channel.msg_ready():  # what is already there; nothing is waited for
            await self.iopub_channel.get_msg(timeout=0)


async def _message(channel, timeout: float) -> dict | None:
    """The next message on ``channel`` within ``timeout`` seconds, else None."""
    try:
        return await channel.get_msg(timeout=timeout)
    except Empty:
        return None


class IPCKernelManager(AsyncKernelManager):
    """An :class:`~jupyter_client.manager.AsyncKernelManager` that talks to its kernel over IPC."""

    transport = Unicode("ipc", config=True)  # type: ignore[assignment]
    client_factory = Type(klass=ReadyClient, config=True)

    @default("ip")
    def _ip_default(self) -> str:
        from jupyter_core.paths import jupyter_runtime_dir

        runtime = jupyter_runtime_dir()
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        return os.path.join(runtime, f"smanalytics-{uuid.uuid4().hex[:12]}-ipc")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: t.Any) -> None:
        kw.setdefault("stderr", subprocess.DEVNULL)
        await super()._async_launch_kernel(kernel_cmd, **kw)

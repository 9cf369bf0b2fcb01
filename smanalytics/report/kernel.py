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
"""

from __future__ import annotations

import os
import subprocess
import typing as t
import uuid

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode, default

__all__ = ["IPCKernelManager"]


class IPCKernelManager(AsyncKernelManager):
    """An :class:`~jupyter_client.manager.AsyncKernelManager` that talks to its kernel over IPC."""

    transport = Unicode("ipc", config=True)  # type: ignore[assignment]

    @default("ip")
    def _ip_default(self) -> str:
        from jupyter_core.paths import jupyter_runtime_dir

        runtime = jupyter_runtime_dir()
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        return os.path.join(runtime, f"smanalytics-{uuid.uuid4().hex[:12]}-ipc")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: t.Any) -> None:
        kw.setdefault("stderr", subprocess.DEVNULL)
        await super()._async_launch_kernel(kernel_cmd, **kw)

"""The kernel manager reports run with: local IPC sockets instead of TCP ports.

Many kernels starting at once on TCP can collide on ports (a port picked free
is taken by another kernel before it binds); Unix domain sockets in Jupyter's
runtime folder have unique names, so there is nothing to collide on, and
nothing listens on the network. The runner still retries a failed start.
"""

from __future__ import annotations

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

__all__ = ["IPCKernelManager"]


class IPCKernelManager(AsyncKernelManager):
    """An :class:`~jupyter_client.manager.AsyncKernelManager` that talks to its kernel over IPC."""

    transport = Unicode("ipc", config=True)  # type: ignore[assignment]

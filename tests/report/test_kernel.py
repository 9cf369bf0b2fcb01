"""The reports' kernel client and manager: ready without idling, stopped without polling."""

from __future__ import annotations

import asyncio
import signal
from queue import Empty

import pytest
import zmq

from smanalytics.report import warm
from smanalytics.report.kernel import IPCKernelManager, ReadyClient
from smanalytics.report.runner import KERNEL_ARGUMENTS


class _Channel:
    """A kernel channel holding ``messages``; None stands for a wait that timed out."""

    def __init__(self, *messages) -> None:
        self.messages = list(messages)
        self.waits: list[float | None] = []
        self.sent = 0

    def send(self, message) -> None:
        self.sent += 1

    async def get_msg(self, timeout=None):
        self.waits.append(timeout)
        message = self.messages.pop(0) if self.messages else None
        if message is None:
            raise Empty
        return message

    async def msg_ready(self) -> bool:
        return bool(self.messages) and self.messages[0] is not None


def _client(shell: _Channel, iopub: _Channel) -> ReadyClient:
    client = ReadyClient()
    client._shell_channel, client._iopub_channel = shell, iopub

    async def alive() -> bool:
        return True

    client.is_alive = alive
    return client


INFO = {"msg_type": "kernel_info_reply", "content": {"protocol_version": "5.3"}}
STATUS = {"msg_type": "status", "content": {"execution_state": "idle"}}


def test_the_client_is_ready_once_the_kernel_answered_and_iopub_spoke_reading_only_what_is_queued():
    shell, iopub = _Channel(INFO), _Channel(STATUS, STATUS, STATUS)
    asyncio.run(_client(shell, iopub).wait_for_ready(timeout=10))
    assert shell.sent == 1
    # one wait of 0.2 s for the proof that IOPub is connected, then only the two messages already there
    assert iopub.waits == [0.2, 0, 0] and iopub.messages == []


def test_the_client_asks_again_while_iopub_has_not_spoken():
    shell, iopub = _Channel(INFO, INFO), _Channel(None, STATUS)
    asyncio.run(_client(shell, iopub).wait_for_ready(timeout=10))
    assert shell.sent == 2 and iopub.waits == [0.2, 0.2]


def test_report_kernels_get_the_ready_client_whose_sockets_retry_every_10_ms():
    client = IPCKernelManager().client()
    assert isinstance(client, ReadyClient)
    socket = client.context.socket(zmq.DEALER)  # as each channel's socket is made
    try:
        assert socket.getsockopt(zmq.RECONNECT_IVL) == 10  # ZeroMQ's default: 100
    finally:
        socket.close()
        client.context.term()


@pytest.mark.slow
@pytest.mark.skipif(warm.warm_kernels_unsupported() is not None, reason="no warm kernels here")
def test_a_killed_warm_kernel_has_exited_when_kill_returns():
    async def start_and_kill() -> tuple[int | None, int | None]:
        manager = warm.WarmKernelManager()
        await manager.start_kernel(extra_arguments=KERNEL_ARGUMENTS)
        kernel = manager.provisioner.process
        assert isinstance(kernel, warm.ForkedKernel)
        running = kernel.poll()
        await manager.provisioner.kill()
        exited = kernel.poll()  # at once: not after jupyter_client's next look, 0.1 s later
        await manager.shutdown_kernel(now=True)
        return running, exited

    assert asyncio.run(start_and_kill()) == (None, -signal.SIGKILL)

"""Rules of webhook payloads and delivery that users see: what `build_payload` makes with its
defaults, and what the dispatcher does with receivers that fail, answer late or fall behind."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import socket
import time
from collections.abc import AsyncIterator, Callable

import pytest

from mockbsale import Settings
from mockbsale.events import Event
from mockbsale.webhooks import Delivery, build_payload, dispatcher
from mockbsale.webhooks.dispatcher import WORKERS, Dispatcher
from mockbsale.webhooks.listen import Listener, Receiver
from mockbsale.webhooks.log import DeliveryLog


def test_a_payload_built_with_the_library_defaults_carries_send() -> None:
    """`build_payload` without `send_on_document` builds what the mock sends by default (the
    `webhook_send_on_document` setting is on): Bsale's document example plus `send`."""
    payload = build_payload(2, Event("document", "post", 14417, {"officeId": 2}), 1503500856)
    assert list(payload.items()) == [("cpnId", 2), ("resource", "/documents/14417.json"), ("resourceId", "14417"),
                                     ("topic", "document"), ("action", "post"), ("officeId", "2"),
                                     ("send", 1503500856)]


# -- delivery: a Dispatcher and a receiver on loopback, in one event loop ------------------------

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
ENDLESS = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
DEADLINE = 10.0


class Peer:
    """A webhook receiver on loopback that answers a request only once given a ticket (`let`), and
    counts what a sender can be judged by: connections, requests in flight, connections closed."""

    def __init__(self, tickets: int = 1_000_000, answer: bytes = OK) -> None:
        self.tickets = asyncio.Semaphore(tickets)
        self.answer = answer
        self.bodies: list[bytes] = []
        self.connections = self.closed = self.in_flight = self.most_in_flight = 0
        self.url = ""

    def let(self, count: int) -> None:
        for _ in range(count):
            self.tickets.release()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length"))
                body = await reader.readexactly(int(length.split(b":")[1]))
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                await self.tickets.acquire()
                self.in_flight -= 1
                self.bodies.append(body)
                writer.write(self.answer)
                await writer.drain()
                while self.answer == ENDLESS:
                    writer.write(b"4000\r\n" + b"x" * 0x4000 + b"\r\n")
                    await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self.closed += 1
            writer.close()

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[Peer]:
        server = await asyncio.start_server(self.serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hook"
        async with server:
            yield self
            server.close()


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait (on the loop) until `condition` holds; fail naming `what` after `DEADLINE` seconds."""
    async with asyncio.timeout(DEADLINE):
        await asyncio.sleep(0)
        while not condition():
            await asyncio.sleep(0.01)
    assert condition(), what


def notifications(log: DeliveryLog, url: str, count: int, subscription: int = 7) -> list[Delivery]:
    return [log.new(1, subscription, url, {"topic": "product"}, b'{"n": %d}' % n) for n in range(count)]


def test_notifications_submitted_before_the_start_are_sent_once_started() -> None:
    """Before `start` there is no event loop: what is submitted, delayed or not, waits for it."""
    with Listener(Receiver()) as listener:
        sending = Dispatcher(Settings())
        waiting = notifications(DeliveryLog(), listener.url + "/hook", 2)
        sending.submit(waiting[0])
        sending.submit(waiting[1], delay=0.05)
        assert [delivery.state for delivery in waiting] == ["pending", "pending"] and not sending.idle

        async def scenario() -> None:
            await sending.start()
            assert await sending.drain(DEADLINE), "not delivered after the start"
            await sending.stop(0)

        asyncio.run(scenario())
        assert [delivery.state for delivery in waiting] == ["delivered", "delivered"]
        assert sorted(payload["n"] for payload in listener.receiver.payloads) == [0, 1]


def test_a_receiver_answering_without_end_has_its_notification_delivered() -> None:
    """Only the status of an answer matters: a body that never ends is cut, not waited for."""
    async def scenario() -> None:
        async with Peer(answer=ENDLESS).running() as peer:
            sending = Dispatcher(Settings(webhook_timeout=DEADLINE, webhook_retries=0))
            await sending.start()
            [delivery] = notifications(DeliveryLog(), peer.url, 1)
            sending.submit(delivery)
            assert await sending.drain(2 * DEADLINE), "the endless answer stalled the delivery"
            assert (delivery.state, len(delivery.attempts), delivery.attempts[0].status) == ("delivered", 1, 200)
            await sending.stop(0)

    asyncio.run(scenario())


def test_a_subscription_has_at_most_four_notifications_in_flight(caplog: pytest.LogCaptureFixture) -> None:
    """Workers that end (their lane empty) leave room for exactly as many new ones, and end cleanly."""
    async def scenario() -> None:
        async with Peer(tickets=1).running() as peer:
            sending = Dispatcher(Settings(webhook_timeout=DEADLINE, webhook_retries=0))
            await sending.start()
            log = DeliveryLog()
            [alone] = notifications(log, peer.url, 1)
            sending.submit(alone)
            assert await sending.drain(DEADLINE) and alone.state == "delivered"
            first = notifications(log, peer.url, WORKERS)
            for delivery in first:
                sending.submit(delivery)
            await until(lambda: peer.in_flight == WORKERS, "the first four in flight")
            for answered in range(1, WORKERS):
                peer.let(1)
                await until(lambda n=answered: sum(d.state == "delivered" for d in first) == n, f"{answered} answered")
            later = notifications(log, peer.url, 2 * WORKERS)
            for delivery in later:
                sending.submit(delivery)
            for outstanding in range(1 + 2 * WORKERS, 0, -1):
                await until(lambda n=outstanding: peer.in_flight == min(WORKERS, n), f"{outstanding} outstanding")
                peer.let(1)
            assert await sending.drain(DEADLINE), "not all delivered"
            assert [delivery.state for delivery in first + later] == ["delivered"] * 3 * WORKERS
            assert (peer.most_in_flight, peer.connections) == (WORKERS, WORKERS)
            await sending.stop(0)

    with caplog.at_level(logging.WARNING):
        asyncio.run(scenario())
    assert caplog.records == []


def test_a_delivery_that_fails_unexpectedly_ends_failed_and_the_lane_goes_on(
        caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        async with Peer().running() as peer:
            sending = Dispatcher(Settings(webhook_retries=0))
            await sending.start()
            log = DeliveryLog()
            broken = log.new(1, 7, "http://127.0.0.1:99999/hook", {"topic": "product"}, b"{}")
            sending.submit(broken)
            [fine] = notifications(log, peer.url, 1)
            sending.submit(fine)
            assert await sending.drain(DEADLINE), "the broken delivery stalled its subscription"
            assert (broken.state, fine.state) == ("failed", "delivered")
            await sending.stop(0)

    with caplog.at_level(logging.WARNING, logger="mockbsale.webhooks"):
        asyncio.run(scenario())
    [record] = caplog.records
    assert (record.getMessage(), record.levelname) == ("webhook delivery 1 failed unexpectedly", "ERROR")
    assert record.exc_info is not None


def test_a_subscriptions_backlog_counts_only_what_is_not_done(monkeypatch: pytest.MonkeyPatch) -> None:
    """Delivered notifications free their place: with room for 3, four sent one after the other all
    go; then, with the receiver stuck, the fourth waiting one is refused at once, and says so."""
    monkeypatch.setattr(dispatcher, "MAX_PENDING", 3)

    async def scenario() -> None:
        async with Peer(tickets=4).running() as peer:
            sending = Dispatcher(Settings(webhook_timeout=DEADLINE, webhook_retries=0))
            await sending.start()
            log = DeliveryLog()
            for delivery in notifications(log, peer.url, 4):
                sending.submit(delivery)
                assert await sending.drain(DEADLINE), "not delivered"
                assert delivery.state == "delivered"
            stuck = notifications(log, peer.url, 4)
            before = time.time()
            for delivery in stuck:
                sending.submit(delivery)
            after = time.time()
            assert [delivery.state for delivery in stuck] == ["pending"] * 3 + ["failed"]
            [refused] = stuck[-1].attempts
            assert (refused.status, refused.error, refused.latency_ms) == (None, dispatcher.BACKLOG_FULL, 0.0)
            assert isinstance(refused.time, float) and refused.time == round(refused.time, 3)
            assert round(before, 3) <= refused.time <= round(after, 3)
            await sending.stop(0)

    asyncio.run(scenario())


def test_stop_hands_back_what_is_undelivered_in_order_and_closes_connections(
        caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        async with Peer().running() as quick, Peer(tickets=0).running() as stuck:
            sending = Dispatcher(Settings(webhook_timeout=DEADLINE, webhook_retries=0))
            await sending.start()
            log = DeliveryLog()
            [done] = notifications(log, quick.url, 1, subscription=1)
            sending.submit(done)
            assert await sending.drain(DEADLINE) and done.state == "delivered"
            held = notifications(log, stuck.url, 3) + notifications(log, stuck.url, 2, subscription=8)
            for delivery in held:
                sending.submit(delivery)
            await until(lambda: stuck.in_flight == 5, "five held by the receiver")
            undelivered = await sending.stop(0.05)
            assert [delivery.id for delivery in undelivered] == [2, 3, 4, 5, 6]
            assert {delivery.state for delivery in undelivered} == {"undelivered"}
            assert not sending.running and sending.idle
            await until(lambda: quick.closed == quick.connections == 1, "the kept connection closed after stop")

    with caplog.at_level(logging.WARNING):
        asyncio.run(scenario())
    assert caplog.records == []


def test_a_stopped_dispatcher_keeps_what_it_is_given_for_its_next_start() -> None:
    async def scenario() -> None:
        async with Peer().running() as peer:
            sending = Dispatcher(Settings())
            assert await sending.stop(0) == []
            await sending.start()
            await sending.stop(0)
            [later] = notifications(DeliveryLog(), peer.url, 1)
            sending.submit(later)
            assert later.state == "pending" and not sending.idle
            await sending.start()
            assert await sending.drain(DEADLINE), "not delivered after the restart"
            assert later.state == "delivered" and peer.bodies == [b'{"n": 0}']
            await sending.stop(0)

    asyncio.run(scenario())


def test_retries_wait_at_least_half_the_doubling_backoff() -> None:
    """The n-th retry waits `backoff * 2**(n-1)` times a factor of at least 0.5 (only lower bounds
    are asserted: a loaded machine makes waits longer, never shorter)."""
    backoff = 0.05

    async def scenario() -> None:
        async with Peer(answer=b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n").running() as peer:
            sending = Dispatcher(Settings(webhook_backoff=backoff, webhook_retries=4))
            await sending.start()
            [delivery] = notifications(DeliveryLog(), peer.url, 1)
            sending.submit(delivery)
            assert await sending.drain(DEADLINE), "retries not over"
            times = [attempt.time for attempt in delivery.attempts]
            assert len(times) == 5 and delivery.state == "failed"
            for n, (before, after) in enumerate(itertools.pairwise(times), start=1):
                assert after - before >= 0.5 * backoff * 2 ** (n - 1) - 0.002, (n, times)
            await sending.stop(0)

    asyncio.run(scenario())


def test_an_attempt_records_when_it_started_and_how_long_it_took_in_milliseconds() -> None:
    async def scenario() -> None:
        async with Peer(tickets=0).running() as peer:
            sending = Dispatcher(Settings(webhook_timeout=DEADLINE))
            await sending.start()
            [delivery] = notifications(DeliveryLog(), peer.url, 1)
            before, clock = time.time(), time.perf_counter()
            sending.submit(delivery)
            await until(lambda: peer.in_flight == 1, "the request arrived")
            await asyncio.sleep(0.1)
            peer.let(1)
            assert await sending.drain(DEADLINE), "not delivered"
            elapsed_ms, after = (time.perf_counter() - clock) * 1000, time.time()
            [attempt] = delivery.attempts
            assert isinstance(attempt.time, float) and attempt.time == round(attempt.time, 3)
            assert round(before, 3) <= attempt.time <= round(after, 3)
            assert isinstance(attempt.latency_ms, float) and attempt.latency_ms == round(attempt.latency_ms, 3)
            assert 100 <= attempt.latency_ms <= elapsed_ms
            await sending.stop(0)

    asyncio.run(scenario())


def test_only_a_2xx_answer_delivers() -> None:
    async def scenario() -> None:
        async with Peer(answer=b"HTTP/1.1 300 Multiple Choices\r\nContent-Length: 0\r\n\r\n").running() as peer:
            sending = Dispatcher(Settings(webhook_retries=0))
            await sending.start()
            [delivery] = notifications(DeliveryLog(), peer.url, 1)
            sending.submit(delivery)
            assert await sending.drain(DEADLINE), "not over"
            assert (delivery.state, [attempt.status for attempt in delivery.attempts]) == ("failed", [300])
            await sending.stop(0)

    asyncio.run(scenario())


def test_a_failing_notification_is_retrying_between_attempts_then_failed_and_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> str:
        async with Peer(answer=b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n").running() as peer:
            sending = Dispatcher(Settings(webhook_backoff=1.0, webhook_retries=1))
            await sending.start()
            log = DeliveryLog()
            [delivery] = notifications(log, peer.url, 1)
            sending.submit(delivery)
            await until(lambda: len(delivery.attempts) == 1, "the first attempt")
            assert delivery.state == "retrying"
            assert await sending.drain(DEADLINE), "retries not over"
            assert delivery.state == "failed" and [attempt.status for attempt in delivery.attempts] == [500, 500]
            await sending.stop(0)
            once = Dispatcher(Settings(webhook_retries=0))
            await once.start()
            once.submit(log.new(1, 8, gone, {"topic": "stock"}, b"{}"))
            assert await once.drain(DEADLINE), "not over"
            await once.stop(0)
            return peer.url

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        gone = f"http://127.0.0.1:{unused.getsockname()[1]}/hook"
    with caplog.at_level(logging.WARNING, logger="mockbsale.webhooks"):
        url = asyncio.run(scenario())
    first, second = (record.getMessage() for record in caplog.records)
    assert first == f"webhook #1 product failed after 2 attempt(s): HTTP 500 to {url}"
    prefix, suffix = "webhook #2 stock failed after 1 attempt(s): ConnectError: ", f" to {gone}"
    assert second.startswith(prefix) and second.endswith(suffix) and len(second) > len(prefix + suffix), second


def test_a_notification_held_back_by_reorder_goes_when_none_follows() -> None:
    async def scenario() -> None:
        async with Peer().running() as peer:
            sending = Dispatcher(Settings())
            await sending.start()
            [held] = notifications(DeliveryLog(), peer.url, 1)
            sending.submit(held, reorder=True)
            assert await sending.drain(DEADLINE), "the held notification was never sent"
            assert held.state == "delivered" and peer.bodies == [b'{"n": 0}']
            await sending.stop(0)

    asyncio.run(scenario())

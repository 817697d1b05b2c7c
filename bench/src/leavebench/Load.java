package leavebench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Load generators: concurrent clients on kept-alive connections, and bursts released at once. */
final class Load {

	private Load() {
	}

	/**
	 * {@code clients} threads, released together, each taking the next request number until {@code requests} are
	 * taken or {@code maxTime} has passed; {@code request} turns a number into a path.
	 */
	static Outcome clients(int port, int clients, int requests, Duration maxTime, IntFunction<String> request)
			throws InterruptedException {
		Outcome outcome = new Outcome();
		AtomicInteger next = new AtomicInteger();
		CountDownLatch ready = new CountDownLatch(clients);
		CountDownLatch start = new CountDownLatch(1);
		long deadline = System.nanoTime() + maxTime.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			futures.add(pool.submit(() -> {
				try (Conn conn = new Conn(port)) {
					conn.connect();
					ready.countDown();
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					for (int i = next.getAndIncrement(); i < requests && System.nanoTime() < deadline; i = next
						.getAndIncrement()) {
						outcome.add(conn.get(request.apply(i)));
					}
				}
			}));
		}
		ready.await(30, TimeUnit.SECONDS);
		start.countDown();
		pool.shutdown();
		if (!pool.awaitTermination(maxTime.toSeconds() + 70, TimeUnit.SECONDS)) {
			pool.shutdownNow();
		}
		return outcome;
	}

	/**
	 * A burst: {@code count} requests on as many connections opened beforehand, written one after the other by a
	 * single thread (a few milliseconds for all), each answer then read by a thread of its own.
	 */
	static Outcome burst(int port, int count, IntFunction<String> request, Duration maxTime) throws InterruptedException {
		Outcome outcome = new Outcome();
		List<Conn> conns = new ArrayList<>();
		List<byte[]> requests = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Conn conn = new Conn(port);
			conn.connect();
			conns.add(conn);
			requests.add(conn.request(request.apply(i)));
		}
		long[] started = new long[count];
		CountDownLatch fired = new CountDownLatch(1);
		ExecutorService readers = Executors.newFixedThreadPool(count);
		for (int i = 0; i < count; i++) {
			int index = i;
			readers.submit(() -> {
				try (Conn conn = conns.get(index)) {
					fired.await();
					outcome.add(conn.receive(started[index]));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		for (int i = 0; i < count; i++) {
			Conn conn = conns.get(i);
			started[i] = (conn.socket == null) ? -1 : conn.send(requests.get(i));
		}
		fired.countDown();
		readers.shutdown();
		if (!readers.awaitTermination(maxTime.toSeconds(), TimeUnit.SECONDS)) {
			conns.forEach(Conn::close);
			readers.shutdownNow();
		}
		return outcome;
	}

}

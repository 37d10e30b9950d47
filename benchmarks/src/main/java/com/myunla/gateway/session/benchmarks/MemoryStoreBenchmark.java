package com.myunla.gateway.session.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.memory.MemoryStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * The in-memory store's hot paths: a send to one of {@value #SESSIONS} sessions whose
 * streams are subscribed and consuming (from one thread, and from two threads at once),
 * and a register + get + unregister.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryStoreBenchmark {

	static final int SESSIONS = 1_000;

	private final LongAdder delivered = new LongAdder();

	private final Message message = new Message(Message.DEFAULT_EVENT, new byte[Fixtures.PAYLOAD_SIZE]);

	private final Disposable.Composite streams = Disposables.composite();

	private MemoryStore store;

	private List<String> ids;

	/**
	 * Registers the sessions and subscribes their streams.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		this.store = new MemoryStore();
		this.ids = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			String id = Fixtures.newId();
			this.streams.add(this.store.register(Fixtures.meta(id))
				.flatMapMany((connection) -> connection.events())
				.subscribe((delivery) -> this.delivered.increment()));
			this.ids.add(id);
		}
	}

	/**
	 * Ends the streams and closes the store.
	 */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.streams.dispose();
		this.store.close();
	}

	/**
	 * Sends one message to the next session, from one thread.
	 * @param sender the thread's position and subscriber
	 * @return the number of sends the thread made
	 */
	@Benchmark
	public long send(SenderState sender) {
		return sender.send(this);
	}

	/**
	 * Sends one message to the next session, from two threads at once.
	 * @param sender the thread's position and subscriber
	 * @return the number of sends the thread made
	 */
	@Benchmark
	@Threads(2)
	public long sendFromTwoThreads(SenderState sender) {
		return sender.send(this);
	}

	/**
	 * Registers a session, gets it and unregisters it.
	 * @return the unregistered session's id
	 */
	@Benchmark
	public String registerGetUnregister() {
		String id = Fixtures.newId();
		this.store.register(Fixtures.meta(id)).then(this.store.get(id)).then(this.store.unregister(id)).block();
		return id;
	}

	/**
	 * One sending thread's position in the sessions and its subscriber.
	 */
	@State(Scope.Thread)
	public static class SenderState {

		private final Acknowledgements acknowledgements = new Acknowledgements();

		private int next;

		long send(MemoryStoreBenchmark benchmark) {
			benchmark.store.send(benchmark.ids.get(this.next), benchmark.message).subscribe(this.acknowledgements);
			this.next = (this.next + 1) % SESSIONS;
			if (this.acknowledgements.error() != null) {
				throw new IllegalStateException("A send failed", this.acknowledgements.error());
			}
			return this.acknowledgements.count();
		}

	}

}

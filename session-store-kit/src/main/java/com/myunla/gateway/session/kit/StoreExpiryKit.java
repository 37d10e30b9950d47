package com.myunla.gateway.session.kit;

import java.time.Duration;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Contract of expiry: a session without activity expires after the store's time-to-live
 * and leaves {@link com.myunla.gateway.session.Store#list()}; getting it, sending to it
 * and an open stream are activity, listing is not.
 *
 * <p>
 * Time passes through {@link #elapse(Duration)}: by default the kit waits on the system
 * clock, so that a store that expires sessions in real time (such as Redis with a short
 * {@link #ttl()}) needs nothing more; a store that reads a clock the test controls
 * advances it instead, and can use a long time-to-live.
 */
public abstract class StoreExpiryKit extends StoreKit {

	@Override
	protected StoreSettings settings() {
		return StoreSettings.DEFAULTS.withTtl(ttl());
	}

	/**
	 * Returns the time-to-live of the store under test. The default, three seconds, keeps
	 * real-time tests short while leaving a third of it as margin for a slow machine.
	 * @return the time-to-live
	 */
	protected Duration ttl() {
		return Duration.ofSeconds(3);
	}

	/**
	 * Lets at least the given time pass on the clock the store's expiry reads. The
	 * default waits on the system clock.
	 * @param duration how much time passes
	 */
	protected void elapse(Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		await().atMost(duration.plus(TIMEOUT))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> System.nanoTime() >= until);
	}

	@Test
	void idleSessionExpiresEverywhere() {
		Connection connection = register("idle");
		elapse(ttl());
		await().atMost(TIMEOUT).until(() -> !listedIds(peer()).contains("idle"));
		StoreRegistryKit.assertNotFound(() -> peer().get("idle").block(TIMEOUT), "idle");
		StoreRegistryKit.assertNotFound(() -> store().send("idle", Message.of("late")).block(TIMEOUT), "idle");
		StoreRegistryKit.assertNotFound(() -> connection.send(Message.of("late")).block(TIMEOUT), "idle");
		StoreRegistryKit.assertNotFound(() -> store().unregister("idle").block(TIMEOUT), "idle");
		Connection again = store().register(meta("idle")).block(TIMEOUT);
		assertThat(again.meta().id()).isEqualTo("idle");
	}

	@Test
	void streamOfAnExpiredSessionSignalsSessionNotFound() {
		Connection connection = register("idle");
		elapse(ttl());
		await().atMost(TIMEOUT).until(() -> !listedIds(store()).contains("idle"));
		StoreRegistryKit.assertNotFound(() -> connection.events().blockFirst(TIMEOUT), "idle");
	}

	@Test
	void lookupKeepsTheSessionAlive() {
		register("s1");
		for (int i = 0; i < 4; i++) {
			elapse(ttl().dividedBy(3));
			assertThat(peer().get("s1").block(TIMEOUT)).isNotNull();
		}
	}

	@Test
	void sendKeepsTheSessionAlive() {
		Connection connection = register("s1");
		for (int i = 0; i < 4; i++) {
			elapse(ttl().dividedBy(3));
			peer().send("s1", Message.of("m" + i)).block(TIMEOUT);
		}
		assertThat(listedIds(store())).containsExactly("s1");
		assertThat(StreamRecorder.record(connection.events()).awaitCount(4).texts()).containsExactly("m0", "m1", "m2",
				"m3");
	}

	@Test
	void openStreamKeepsTheSessionAlive() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		send(connection, "opened");
		stream.awaitCount(1);
		elapse(ttl().multipliedBy(2));
		assertThat(listedIds(peer())).containsExactly("s1");
		peer().send("s1", Message.of("still open")).block(TIMEOUT);
		assertThat(stream.awaitCount(2).texts()).containsExactly("opened", "still open");
		stream.assertOpen();
	}

	@Test
	void listingIsNotActivity() {
		register("s1");
		await().atMost(TIMEOUT.plus(ttl().multipliedBy(3))).until(() -> {
			elapse(ttl().dividedBy(3));
			return !listedIds(store()).contains("s1");
		});
		assertThatThrownBy(() -> store().get("s1").block(TIMEOUT)).isInstanceOf(SessionNotFoundException.class);
	}

}

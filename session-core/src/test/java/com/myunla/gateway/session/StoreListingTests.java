package com.myunla.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The paged listing of {@link Store}: each backend's test extends this class and supplies
 * a fresh, empty store.
 */
public abstract class StoreListingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Store store;

	/**
	 * Creates a fresh store that holds no sessions.
	 * @return the store
	 */
	protected abstract Store createStore();

	@BeforeEach
	void openStore() {
		this.store = createStore();
	}

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	/**
	 * Returns the store of the running test.
	 * @return the store
	 */
	protected Store store() {
		return this.store;
	}

	@Test
	void pagesListEverySessionOnceAndEndWithoutCursor() {
		Set<String> registered = register("p", 25);
		List<SessionPage> pages = new ArrayList<>();
		String cursor = null;
		do {
			SessionPage page = page(cursor, 7);
			pages.add(page);
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(pages).extracting((page) -> page.sessions().size()).containsExactly(7, 7, 7, 4);
		assertThat(pages.get(3).hasNext()).isFalse();
		assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
	}

	@Test
	void exactlyFullLastPageEndsTheListing() {
		Set<String> registered = register("p", 6);
		SessionPage first = page(null, 3);
		SessionPage second = page(first.nextCursor(), 3);
		assertThat(second.nextCursor()).isNull();
		assertThat(ids(List.of(first, second))).containsExactlyInAnyOrderElementsOf(registered);
	}

	@Test
	void emptyStoreHasOneEmptyPage() {
		SessionPage page = page(null, 10);
		assertThat(page.sessions()).isEmpty();
		assertThat(page.nextCursor()).isNull();
		assertThat(this.store.count().block(TIMEOUT)).isZero();
	}

	@Test
	void listStreamsEverySessionAcrossPages() {
		Set<String> registered = register("s", Store.DEFAULT_PAGE_SIZE * 2 + 30);
		List<String> listed = this.store.list()
			.map((connection) -> connection.meta().id())
			.collectList()
			.block(TIMEOUT);
		assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
	}

	@Test
	void listedConnectionsCarryTheMetaAndWork() {
		Meta meta = new Meta("m1", Instant.parse("2026-01-02T03:04:05Z"), "/api", "sse", RequestInfo.empty(),
				new byte[0]);
		this.store.register(meta).block(TIMEOUT);
		Connection listed = page(null, 10).sessions().get(0);
		assertThat(listed.meta()).isEqualTo(meta);
		listed.close().block(TIMEOUT);
		assertThat(page(null, 10).sessions()).isEmpty();
	}

	@Test
	void fullPassListsEveryStableSessionExactlyOnceWhileOthersComeAndGo() {
		Set<String> stable = register("stable", 60);
		Set<String> leaving = register("leaving", 30);
		List<String> listed = new ArrayList<>();
		List<String> leavers = new ArrayList<>(leaving);
		String cursor = null;
		int round = 0;
		do {
			SessionPage page = page(cursor, 9);
			page.sessions().forEach((connection) -> listed.add(connection.meta().id()));
			cursor = page.nextCursor();
			// between pages: sessions registered, and others (already listed or not)
			// removed
			for (int i = 0; i < 4; i++) {
				register1("joining-" + round + "-" + i);
			}
			for (int i = 0; i < 3 && !leavers.isEmpty(); i++) {
				this.store.unregister(leavers.remove(leavers.size() - 1)).block(TIMEOUT);
			}
			round++;
		}
		while (cursor != null && round < 1000);
		assertThat(cursor).isNull();
		assertThat(listed).doesNotHaveDuplicates().containsAll(stable);
		assertThat(listed).allSatisfy((id) -> assertThat(id).matches("stable-.*|leaving-.*|joining-.*"));
	}

	@Test
	void cursorSurvivesTheRemovalOfTheSessionItPointsAt() {
		Set<String> registered = register("r", 10);
		SessionPage first = page(null, 4);
		String last = first.sessions().get(3).meta().id();
		this.store.unregister(last).block(TIMEOUT);
		List<SessionPage> pages = new ArrayList<>(List.of(first));
		String cursor = first.nextCursor();
		while (cursor != null) {
			SessionPage page = page(cursor, 4);
			pages.add(page);
			cursor = page.nextCursor();
		}
		assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
	}

	@Test
	void countCountsRegisteredSessions() {
		register("c", 12);
		assertThat(this.store.count().block(TIMEOUT)).isEqualTo(12);
		this.store.unregister("c-3").block(TIMEOUT);
		assertThat(this.store.count().block(TIMEOUT)).isEqualTo(11);
	}

	@Test
	void pageSizeOutOfRangeIsIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.list(null, 0).block(TIMEOUT))
			.withMessage("Page size must be between 1 and 1000, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.list(null, Store.MAX_PAGE_SIZE + 1).block(TIMEOUT))
			.withMessage("Page size must be between 1 and 1000, was 1001");
	}

	@Test
	void malformedCursorIsIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.list("not a cursor!", 10).block(TIMEOUT))
			.withMessage("Malformed session listing cursor");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.list("", 10).block(TIMEOUT))
			.withMessage("Malformed session listing cursor");
	}

	private SessionPage page(@Nullable String cursor, int size) {
		return this.store.list(cursor, size).block(TIMEOUT);
	}

	private Set<String> register(String prefix, int count) {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < count; i++) {
			ids.add(register1(prefix + "-" + i));
		}
		return ids;
	}

	private String register1(String id) {
		this.store.register(Meta.of(id, "/p", "sse", RequestInfo.empty())).block(TIMEOUT);
		return id;
	}

	private static List<String> ids(List<SessionPage> pages) {
		return pages.stream().flatMap((page) -> page.sessions().stream()).map((c) -> c.meta().id()).toList();
	}

}

package com.myunla.gateway.session.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EntryId}.
 */
class EntryIdTests {

	@Test
	void parsesAndPrintsStreamEntryIds() {
		EntryId id = EntryId.parse("1764000000000-12");
		assertThat(id).isEqualTo(new EntryId(1764000000000L, 12));
		assertThat(id).hasToString("1764000000000-12");
	}

	@Test
	void ordersByMillisThenSequence() {
		assertThat(EntryId.parse("2-0").isAfter(EntryId.parse("1-9"))).isTrue();
		assertThat(EntryId.parse("1-10").isAfter(EntryId.parse("1-9"))).isTrue();
		assertThat(EntryId.parse("1-9").isAfter(EntryId.parse("1-9"))).isFalse();
		assertThat(EntryId.ZERO.isAfter(EntryId.UNKNOWN)).isTrue();
	}

	@Test
	void zeroAsLastEventIdMeansBeforeEveryMessage() {
		assertThat(EntryId.parseLastEventId("0")).isEqualTo(EntryId.ZERO);
		assertThat(EntryId.parseLastEventId("5-1")).isEqualTo(new EntryId(5, 1));
	}

	@Test
	void rejectsWhatIsNotAnEntryId() {
		for (String text : new String[] { "", "-", "1-", "-1", "1-x", "x-1", "1--1", "yesterday", "0" }) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> EntryId.parse(text));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> EntryId.parse("x".repeat(100)))
			.withMessageContaining("...");
	}

	@Test
	void acceptsOnlyAsciiDigitsWithoutSign() {
		// Long.parseLong takes a sign and the digits of every script, a Redis entry id
		// neither
		for (String text : new String[] { "+1-0", "1-+0", "+0", "\uFF11-0", "1-\uFF10", "\u0661-0", " 1-0", "1-0 " }) {
			assertThatIllegalArgumentException().as(text)
				.isThrownBy(() -> EntryId.parseLastEventId(text))
				.withMessageStartingWith("Last event id must be a message id of this store");
		}
	}

	@Test
	void rejectedIdIsQuotedWithItsControlCharactersEscaped() {
		// a client's id goes into the error message and from there into logs: a line
		// break in it must not start a line of its own
		assertThatIllegalArgumentException().isThrownBy(() -> EntryId.parseLastEventId("1-0\nforged"))
			.withMessageEndingWith("was '1-0\\u000aforged'");
	}

	@Test
	void unreadableStoredIdsBecomeUnknown() {
		assertThat(EntryId.parseOrUnknown("garbage")).isEqualTo(EntryId.UNKNOWN);
		assertThat(EntryId.parseOrUnknown("3-4")).isEqualTo(new EntryId(3, 4));
	}

}

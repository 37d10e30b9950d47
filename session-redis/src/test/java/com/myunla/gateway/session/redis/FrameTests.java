package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.myunla.gateway.session.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Frame}: the frames the Lua scripts and the probe publish.
 */
class FrameTests {

	@Test
	void messageFrameCarriesTokenIdsEventAndRawData() {
		byte[] body = concat("m\ns1\ntok\n1-0\n2-5\nmessage\n", new byte[] { 0, '\n', (byte) 255 });
		Frame frame = Frame.parse(body);
		assertThat(frame.kind()).isEqualTo(Frame.MESSAGE);
		assertThat(frame.sessionId()).isEqualTo("s1");
		assertThat(frame.token()).isEqualTo("tok");
		assertThat(frame.previous()).isEqualTo(new EntryId(1, 0));
		assertThat(frame.id()).isEqualTo(new EntryId(2, 5));
		assertThat(frame.message().event()).isEqualTo("message");
		assertThat(frame.message().data()).containsExactly(0, '\n', 255);
	}

	@Test
	void messageFrameWithHeadersCarriesThemBeforeTheMessageFrame() {
		Message message = Message.of("message", "data").withHeaders(Map.of("traceparent", "00-a-b-01", "empty", ""));
		byte[] headers = Frame.encodeHeaders(message);
		byte[] body = concat("h\n" + new String(headers, StandardCharsets.UTF_8) + "\ns1\ntok\n1-0\n2-5\nmessage\n",
				bytes("data"));
		Frame frame = Frame.parse(body);
		assertThat(frame.kind()).isEqualTo(Frame.MESSAGE);
		assertThat(frame.sessionId()).isEqualTo("s1");
		assertThat(frame.id()).isEqualTo(new EntryId(2, 5));
		assertThat(frame.message()).isEqualTo(message);
	}

	@Test
	void messageWithoutHeadersEncodesToNothingAndMalformedHeadersAreDropped() {
		Message message = Message.of("message", "data");
		assertThat(Frame.encodeHeaders(message)).isEmpty();
		assertThat(Frame.withHeaders(message, "")).isSameAs(message);
		assertThat(Frame.withHeaders(message, "odd\tnumber\tof fields")).isSameAs(message);
		assertThat(Frame.withHeaders(message, "\tempty name")).isSameAs(message);
		assertThat(Frame.withHeaders(message, "a\t1\tb\t").headers()).isEqualTo(Map.of("a", "1", "b", ""));
	}

	@Test
	void messageFrameWithAnUnreadablePreviousIdNamesNoPredecessor() {
		Frame frame = Frame.parse(bytes("m\ns1\ntok\ngarbage\n2-5\nmessage\ndata"));
		assertThat(frame.previous()).isEqualTo(EntryId.UNKNOWN);
		assertThat(frame.id().isAfter(frame.previous())).isTrue();
	}

	@Test
	void takeoverFrameNamesTheNewAndTheReplacedToken() {
		Frame frame = Frame.parse(bytes("c\ns1\nnew-token\nold-token"));
		assertThat(frame.kind()).isEqualTo(Frame.TAKEN_OVER);
		assertThat(frame.sessionId()).isEqualTo("s1");
		assertThat(frame.token()).isEqualTo("new-token");
		assertThat(frame.replacedToken()).isEqualTo("old-token");
	}

	@Test
	void unregisterAndProbeFrames() {
		assertThat(Frame.parse(bytes("u\ns1")).sessionId()).isEqualTo("s1");
		Frame probe = Frame.parse(Frame.probe("gw-1/7"));
		assertThat(probe.kind()).isEqualTo(Frame.PROBE);
		assertThat(probe.sessionId()).isEqualTo("gw-1/7");
	}

	@Test
	void malformedFramesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Frame.parse(bytes("x")));
		assertThatIllegalArgumentException().isThrownBy(() -> Frame.parse(bytes("{\"not\":\"a frame\"}")));
		assertThatIllegalArgumentException().isThrownBy(() -> Frame.parse(bytes("m\ns1\ntok\n1-0")));
		assertThatIllegalArgumentException().isThrownBy(() -> Frame.parse(bytes("m\ns1\ntok\n1-0\nnot-an-id\ne\nd")));
		assertThatIllegalArgumentException().isThrownBy(() -> Frame.parse(bytes("c\ns1\nonly-one-token")));
		assertThatIllegalArgumentException().isThrownBy(() -> Frame.parse(bytes("z\ns1")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(String header, byte[] data) {
		byte[] head = bytes(header);
		byte[] body = new byte[head.length + data.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(data, 0, body, head.length, data.length);
		return body;
	}

}

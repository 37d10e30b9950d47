package com.myunla.gateway.session;

import com.myunla.gateway.session.spi.UntrustedText;

/**
 * Ends a session's stream whose consumer fell so far behind that its bounded buffer
 * filled up, in messages or in bytes of message data.
 *
 * <p>
 * Senders are never blocked by a slow consumer: instead its stream ends with this error.
 * Nothing is lost within the retention window: the client reconnects with the last id it
 * processed ({@link #getLastDeliveredId()}) through {@link Connection#events(String)} and
 * the store replays the rest.
 */
public class SlowConsumerException extends SessionException {

	private final String lastDeliveredId;

	/**
	 * Creates the exception.
	 * @param sessionId the session whose stream fell behind
	 * @param lastDeliveredId the id of the last message the stream delivered, {@code "0"}
	 * if none
	 * @param bufferSize the size of the buffer that overflowed
	 */
	public SlowConsumerException(String sessionId, String lastDeliveredId, int bufferSize) {
		this(sessionId, lastDeliveredId, bufferSize + " messages");
	}

	private SlowConsumerException(String sessionId, String lastDeliveredId, String behind) {
		super(sessionId, "Stream of session '" + UntrustedText.printable(sessionId) + "' fell more than " + behind
				+ " behind and was disconnected; resume after id " + lastDeliveredId);
		this.lastDeliveredId = lastDeliveredId;
	}

	/**
	 * Creates the exception for a stream whose buffer overflowed in bytes of message data
	 * rather than in messages.
	 * @param sessionId the session whose stream fell behind
	 * @param lastDeliveredId the id of the last message the stream delivered, {@code "0"}
	 * if none
	 * @param bufferBytes the limit of the buffer that overflowed, in bytes of message
	 * data
	 * @return the exception
	 */
	public static SlowConsumerException ofBytes(String sessionId, String lastDeliveredId, long bufferBytes) {
		return new SlowConsumerException(sessionId, lastDeliveredId, bufferBytes + " bytes of message data");
	}

	/**
	 * Returns the id of the last message delivered before the disconnect: the id to
	 * resume from.
	 * @return the last delivered id, {@code "0"} if none
	 */
	public String getLastDeliveredId() {
		return this.lastDeliveredId;
	}

}

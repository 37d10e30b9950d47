package com.myunla.gateway.session;

/**
 * Ends a session's stream whose consumer fell so far behind that its bounded buffer
 * filled up.
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
		super(sessionId, "Stream of session '" + Ids.printable(sessionId) + "' fell more than " + bufferSize
				+ " messages behind and was disconnected; resume after id " + lastDeliveredId);
		this.lastDeliveredId = lastDeliveredId;
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

package com.myunla.gateway.session;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A {@link Store} shared by a fleet of instances, each of which holds the live streams
 * opened on it: it says which instance this is and which instance owns a session's live
 * stream. Management tools (such as the {@code sessions} Actuator endpoint) rely on this
 * interface only.
 *
 * @since 0.1.0
 */
public interface FleetStore extends Store {

	/**
	 * Returns this instance's id in the fleet.
	 * @return the instance id, never empty
	 * @since 0.1.0
	 */
	String instanceId();

	/**
	 * Looks up which instance owns the live stream of a session now. Not activity.
	 * @param id the session id
	 * @return the owning instance's id, empty if the session has no open stream or is
	 * gone, or {@link StoreUnavailableException} if the store cannot be reached
	 * @since 0.1.0
	 */
	Mono<String> owner(String id);

	/**
	 * Returns the instance that owned the live stream of a session when
	 * {@link #list(String, int)} listed it, without asking the store again.
	 * @param connection a connection of this store
	 * @return the owning instance's id, or {@code null} if no stream was open, the
	 * connection does not come from a listing, or the store does not record it there
	 * @since 0.1.0
	 */
	@Nullable String listedOwner(Connection connection);

}

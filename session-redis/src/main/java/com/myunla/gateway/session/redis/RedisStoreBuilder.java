package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.spi.StoreObservations;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;

/**
 * Builder of a {@link RedisStore} with a Redis client of its own, without a Spring
 * context: <pre>{@code
 * try (RedisStore store = RedisStore.builder()
 *         .addresses("node1:6379,node2:6379,node3:6379")
 *         .mode(RedisMode.CLUSTER)
 *         .password(secret)
 *         .ssl()
 *         .build()) {
 *     store.register(meta).block();
 * }
 * }</pre> {@link #build()} creates the Lettuce client, its client resources and the
 * pub/sub listener container; the store owns them and closes them when it is closed. The
 * defaults match the {@code session.redis.*} defaults of the Spring Boot
 * auto-configuration, which builds its store with this builder.
 *
 * <p>
 * Each setter checks its argument at once, and {@link #build()} checks that the settings
 * fit together (one address in single mode, a master name in sentinel mode, database 0 in
 * cluster mode); both throw {@link IllegalArgumentException} saying what is wrong. Not
 * thread-safe.
 */
public final class RedisStoreBuilder {

	/** The connection settings, which RedisStoreClient builds the client from. */
	final ClientSettings connection = new ClientSettings();

	private String prefix = "session";

	private String topic = "session_updates";

	private @Nullable String instanceId;

	private Duration ttl = Duration.ofHours(24);

	private int retention = 256;

	private long retentionBytes = 2L * 1024 * 1024;

	private int bufferSize = 256;

	private long bufferBytes = 1024 * 1024;

	private long maxMessageSize = 256 * 1024;

	private Duration probeInterval = Duration.ofSeconds(5);

	private Duration streamOutageTimeout = RedisStoreSettings.DEFAULT_STREAM_OUTAGE_TIMEOUT;

	private Redaction storedRedaction = Redaction.defaults();

	private boolean autoStartup = true;

	private @Nullable ObservationRegistry observationRegistry;

	RedisStoreBuilder() {
	}

	/**
	 * Sets the Redis addresses: the server (single mode), seed nodes (cluster) or
	 * sentinels (sentinel). Default {@code localhost:6379}.
	 * @param addresses {@code host:port} pairs separated by commas; an IPv6 host in
	 * brackets, like {@code [::1]:6379}
	 * @return this builder
	 */
	public RedisStoreBuilder addresses(String addresses) {
		this.connection.addresses = List.copyOf(HostAndPort.parseAll(addresses));
		return this;
	}

	/**
	 * Sets the Redis addresses, one {@code host:port} per element.
	 * @param addresses the addresses, at least one
	 * @return this builder
	 * @see #addresses(String)
	 */
	public RedisStoreBuilder addresses(List<String> addresses) {
		this.connection.addresses = BuilderChecks.addresses(addresses).stream().map(HostAndPort::parse).toList();
		return this;
	}

	/**
	 * Sets how Redis is deployed. Default {@link RedisMode#SINGLE}.
	 * @param mode the mode
	 * @return this builder
	 */
	public RedisStoreBuilder mode(RedisMode mode) {
		this.connection.mode = BuilderChecks.notNull(mode, "Redis mode");
		return this;
	}

	/**
	 * Sets the name of the master that the sentinels monitor; required in sentinel mode,
	 * refused in the others.
	 * @param masterName the master name
	 * @return this builder
	 */
	public RedisStoreBuilder masterName(@Nullable String masterName) {
		this.connection.masterName = BuilderChecks.emptyToNull(masterName);
		return this;
	}

	/**
	 * Sets the user name for Redis ACL authentication. Default none.
	 * @param username the user name; {@code null} or empty for none
	 * @return this builder
	 */
	public RedisStoreBuilder username(@Nullable String username) {
		this.connection.username = BuilderChecks.emptyToNull(username);
		return this;
	}

	/**
	 * Sets the password for Redis authentication. Default none.
	 * @param password the password; {@code null} or empty for none
	 * @return this builder
	 */
	public RedisStoreBuilder password(@Nullable String password) {
		this.connection.password = BuilderChecks.emptyToNull(password);
		return this;
	}

	/**
	 * Sets the user name for authenticating to the sentinels (sentinel mode only).
	 * Default none.
	 * @param username the user name; {@code null} or empty for none
	 * @return this builder
	 */
	public RedisStoreBuilder sentinelUsername(@Nullable String username) {
		this.connection.sentinelUsername = BuilderChecks.emptyToNull(username);
		return this;
	}

	/**
	 * Sets the password for authenticating to the sentinels (sentinel mode only). Default
	 * none.
	 * @param password the password; {@code null} or empty for none
	 * @return this builder
	 */
	public RedisStoreBuilder sentinelPassword(@Nullable String password) {
		this.connection.sentinelPassword = BuilderChecks.emptyToNull(password);
		return this;
	}

	/**
	 * Sets the database number (single and sentinel mode; Redis Cluster has database 0
	 * only). Default 0.
	 * @param database the database number, at least 0
	 * @return this builder
	 */
	public RedisStoreBuilder database(int database) {
		this.connection.database = BuilderChecks.database(database);
		return this;
	}

	/**
	 * Connects over TLS, trusting the JVM's default trust store. Default plain TCP.
	 * @return this builder
	 */
	public RedisStoreBuilder ssl() {
		this.connection.ssl = true;
		return this;
	}

	/**
	 * Connects over TLS with the given options: trust and key material (for example
	 * {@code SslOptions.builder().trustManager(trustManagerFactory)}), protocols and
	 * cipher suites.
	 * @param sslOptions the Lettuce TLS options
	 * @return this builder
	 */
	public RedisStoreBuilder ssl(SslOptions sslOptions) {
		this.connection.sslOptions = BuilderChecks.notNull(sslOptions, "SSL options");
		this.connection.ssl = true;
		return this;
	}

	/**
	 * Sets whether to verify the server's certificate and host name over TLS. Default
	 * {@code true}; turn it off only for tests or a trusted network.
	 * @param verifyPeer whether to verify the server
	 * @return this builder
	 */
	public RedisStoreBuilder verifyPeer(boolean verifyPeer) {
		this.connection.verifyPeer = verifyPeer;
		return this;
	}

	/**
	 * Sets the time allowed to open a connection to Redis. Default 5 seconds.
	 * @param connectTimeout the connect timeout; positive
	 * @return this builder
	 */
	public RedisStoreBuilder connectTimeout(Duration connectTimeout) {
		this.connection.connectTimeout = BuilderChecks.positive(connectTimeout, "Redis connect timeout");
		return this;
	}

	/**
	 * Sets the time after which a Redis command fails with a
	 * {@code StoreUnavailableException} instead of waiting, for example during an outage.
	 * Default 5 seconds.
	 * @param commandTimeout the command timeout; positive
	 * @return this builder
	 */
	public RedisStoreBuilder commandTimeout(Duration commandTimeout) {
		this.connection.commandTimeout = BuilderChecks.positive(commandTimeout, "Redis command timeout");
		return this;
	}

	/**
	 * Sets the prefix of every Redis key the store writes. Default {@code session}.
	 * @param prefix the key prefix, not empty
	 * @return this builder
	 */
	public RedisStoreBuilder prefix(String prefix) {
		this.prefix = BuilderChecks.hasText(prefix, "Redis key prefix");
		return this;
	}

	/**
	 * Sets the prefix of the pub/sub channels between instances. Default
	 * {@code session_updates}.
	 * @param topic the channel prefix, not empty
	 * @return this builder
	 */
	public RedisStoreBuilder topic(String topic) {
		this.topic = BuilderChecks.hasText(topic, "Redis topic");
		return this;
	}

	/**
	 * Sets this instance's name in the fleet, the suffix of its pub/sub channel. Two
	 * running stores must never share one. Default a random UUID.
	 * @param instanceId the instance id; {@code null} or empty for a random one
	 * @return this builder
	 */
	public RedisStoreBuilder instanceId(@Nullable String instanceId) {
		this.instanceId = BuilderChecks.emptyToNull(instanceId);
		return this;
	}

	/**
	 * Sets the time after which a session without activity expires (up to a tenth of it,
	 * at most one second, later). Default 24 hours.
	 * @param ttl the time-to-live; at least one millisecond
	 * @return this builder
	 */
	public RedisStoreBuilder ttl(Duration ttl) {
		this.ttl = BuilderChecks.ttl(ttl);
		return this;
	}

	/**
	 * Sets how many messages are kept per session for resuming. Default 256.
	 * @param messages the retention, at least 1
	 * @return this builder
	 */
	public RedisStoreBuilder retention(int messages) {
		this.retention = (int) BuilderChecks.atLeastOne(messages, "retention");
		return this;
	}

	/**
	 * Sets how many bytes of message data are kept at most per session for resuming: a
	 * send that takes a session's log beyond it trims the oldest entries, by an eighth
	 * more than needed so that the next sends do not trim again. Default 2 MB, twice the
	 * {@linkplain #bufferBytes(long) buffer}: a stream cut as a slow consumer resumes
	 * without a gap if less than another buffer's worth was sent meanwhile.
	 * @param bytes the limit, at least {@linkplain #maxMessageSize(long) the largest
	 * message}
	 * @return this builder
	 */
	public RedisStoreBuilder retentionBytes(long bytes) {
		this.retentionBytes = BuilderChecks.atLeastOne(bytes, "retentionBytes");
		return this;
	}

	/**
	 * Sets how many messages a live stream may fall behind before it is disconnected.
	 * Default 256.
	 * @param messages the buffer size, at least 1
	 * @return this builder
	 */
	public RedisStoreBuilder bufferSize(int messages) {
		this.bufferSize = (int) BuilderChecks.atLeastOne(messages, "bufferSize");
		return this;
	}

	/**
	 * Sets how many bytes of message data a live stream may fall behind before it is
	 * disconnected: what its buffer holds at most on this instance's heap. Default 1 MB.
	 * @param bytes the limit, at least {@linkplain #maxMessageSize(long) the largest
	 * message}
	 * @return this builder
	 */
	public RedisStoreBuilder bufferBytes(long bytes) {
		this.bufferBytes = BuilderChecks.atLeastOne(bytes, "bufferBytes");
		return this;
	}

	/**
	 * Sets the largest message data that {@code send} accepts. Default 256 KB, so that a
	 * buffer of the default size holds at least four messages and the default retention
	 * at least eight.
	 * @param bytes the limit, from 1 byte to 512 MB (Redis's largest string), and at most
	 * the buffer's and the retention's byte limits
	 * @return this builder
	 */
	public RedisStoreBuilder maxMessageSize(long bytes) {
		this.maxMessageSize = BuilderChecks.maxMessageSize(bytes);
		return this;
	}

	/**
	 * Sets the request values replaced by {@code [redacted]} before a session's metadata
	 * is written to Redis. Default {@link Redaction#defaults()}; {@link Redaction#none()}
	 * keeps every value in clear, readable by every instance and by whoever can read
	 * Redis, its replicas or its persistence files, for the session's ttl.
	 * @param redaction the redaction
	 * @return this builder
	 */
	public RedisStoreBuilder storedRedaction(Redaction redaction) {
		this.storedRedaction = BuilderChecks.notNull(redaction, "Stored redaction");
		return this;
	}

	/**
	 * Sets the interval of the pub/sub liveness probe; a probe that does not come back in
	 * time makes the store resubscribe and catch up from the session logs. Default 5
	 * seconds.
	 * @param probeInterval the interval; positive
	 * @return this builder
	 */
	public RedisStoreBuilder probeInterval(Duration probeInterval) {
		this.probeInterval = BuilderChecks.positive(probeInterval, "Redis probe interval");
		return this;
	}

	/**
	 * Sets how long open streams stay open while this instance cannot reach Redis (its
	 * liveness probes do not come back): a shorter outage is caught up from the session
	 * logs once Redis answers again; after this time the streams end with
	 * {@link com.myunla.gateway.session.StoreUnavailableException}, so that their clients
	 * resume, on any instance, with their last event id. Default 30 seconds.
	 * @param streamOutageTimeout the time; positive
	 * @return this builder
	 */
	public RedisStoreBuilder streamOutageTimeout(Duration streamOutageTimeout) {
		this.streamOutageTimeout = BuilderChecks.positive(streamOutageTimeout, "Redis stream outage timeout");
		return this;
	}

	/**
	 * Adds a customizer of Lettuce's client resources (event loops, tracing, metrics,
	 * DNS), applied after the builder's own settings in the order added.
	 * @param customizer the customizer
	 * @return this builder
	 */
	public RedisStoreBuilder customizeClientResources(Consumer<ClientResources.Builder> customizer) {
		this.connection.resourcesCustomizers.add(BuilderChecks.notNull(customizer, "Client resources customizer"));
		return this;
	}

	/**
	 * Adds a customizer of the Lettuce client configuration, applied after the builder's
	 * own settings in the order added. Setting its client options replaces the builder's
	 * (connect timeout, command timeout, cluster topology refresh and TLS options).
	 * @param customizer the customizer
	 * @return this builder
	 */
	public RedisStoreBuilder customizeClient(Consumer<LettuceClientConfigurationBuilder> customizer) {
		this.connection.clientCustomizers.add(BuilderChecks.notNull(customizer, "Client customizer"));
		return this;
	}

	/**
	 * Sets whether {@link #build()} starts the store (the default) or leaves that to a
	 * later {@link RedisStore#start()}, for example to a lifecycle that starts it once
	 * the application is ready.
	 * @param autoStartup whether {@code build()} starts the store
	 * @return this builder
	 */
	public RedisStoreBuilder autoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
		return this;
	}

	/**
	 * Sets the registry with which the store observes its sends, deliveries and resumed
	 * streams (see {@link StoreObservations}). The trace context of a send travels with
	 * the message, so that with Micrometer Tracing its delivery on another instance
	 * continues the trace. Default none: nothing is observed, at no cost per message;
	 * {@link ObservationRegistry#NOOP} is the same as none. Needs
	 * {@code io.micrometer:micrometer-observation} on the class path.
	 * @param registry the registry, {@code null} for none
	 * @return this builder
	 */
	public RedisStoreBuilder observationRegistry(@Nullable ObservationRegistry registry) {
		this.observationRegistry = registry;
		return this;
	}

	/**
	 * Builds the Redis client and the store and, unless {@link #autoStartup(boolean) told
	 * otherwise}, starts the store: waits until Redis answers and the store's pub/sub
	 * channel works. Without starting, nothing connects to Redis yet.
	 * @return the store, started unless told otherwise; closing it closes its Redis
	 * client
	 * @throws RedisSettingsException if the connection settings do not fit the mode
	 * @throws IllegalArgumentException if the store's settings do not fit together (the
	 * largest message must fit in the buffer and the retention)
	 * @throws RedisStartupException if Redis cannot be reached or refuses the
	 * credentials, with a message naming the mode and addresses
	 */
	public RedisStore build() {
		this.connection.check();
		BuilderChecks.fits(this.maxMessageSize, this.bufferBytes, "bufferBytes", "delivered");
		BuilderChecks.fits(this.maxMessageSize, this.retentionBytes, "retentionBytes", "retained");
		RedisStoreSettings settings = new RedisStoreSettings(this.prefix, this.topic,
				(this.instanceId != null) ? this.instanceId : RedisStoreSettings.randomInstanceId(), this.ttl,
				this.retention, this.retentionBytes, this.bufferSize, this.bufferBytes, this.maxMessageSize,
				this.connection.commandTimeout, this.probeInterval, this.streamOutageTimeout,
				this.connection.describe(), this.storedRedaction);
		RedisStoreClient client = RedisStoreClient.start(this.connection);
		StoreObservations observations = (this.observationRegistry != null)
				? StoreObservations.create(this.observationRegistry, RedisStore.KIND) : null;
		RedisStore store = new RedisStore(client.connectionFactory(), client.listenerContainer(), settings, client,
				observations);
		if (this.autoStartup) {
			store.start();
		}
		return store;
	}

}

package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import static com.myunla.gateway.session.Redaction.DEFAULT_COOKIES;
import static com.myunla.gateway.session.Redaction.DEFAULT_HEADERS;
import static com.myunla.gateway.session.Redaction.DEFAULT_QUERIES;

/**
 * Configuration properties of the session store, bound from {@code session.*}.
 *
 * <p>The same object configures a store built without Spring (see {@link SessionStores}). Setters reject
 * values that can never work, so a bad setting stops the application at startup with a message naming the
 * property.
 */
@ConfigurationProperties(prefix = "session", ignoreUnknownFields = false)
public class SessionProperties {

	/**
	 * Store backend: 'memory' keeps sessions in this process, 'redis' shares them with the whole fleet.
	 */
	private StoreType type = StoreType.MEMORY;

	/**
	 * Messages kept per session so that a client reconnecting with its last event id gets what it missed.
	 */
	private int retention = 256;

	/**
	 * Messages a live stream may fall behind before it is disconnected with a slow-consumer error.
	 */
	private int bufferSize = 256;

	/**
	 * Largest message data accepted by send.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(1);

	private final Memory memory = new Memory();

	private final Redis redis = new Redis();

	private final Web web = new Web();

	private final Redaction redaction = new Redaction();

	/**
	 * Returns the store backend.
	 * @return the store type
	 */
	public StoreType getType() {
		return this.type;
	}

	/**
	 * Sets the store backend.
	 * @param type the store type
	 */
	public void setType(StoreType type) {
		this.type = type;
	}

	/**
	 * Returns the number of messages kept per session for resuming.
	 * @return the retention, in messages
	 */
	public int getRetention() {
		return this.retention;
	}

	/**
	 * Sets the number of messages kept per session for resuming.
	 * @param retention the retention, in messages; at least 1
	 */
	public void setRetention(int retention) {
		Assert.isTrue(retention >= 1, () -> "session.retention must be at least 1, was " + retention);
		this.retention = retention;
	}

	/**
	 * Returns how many messages a live stream may fall behind.
	 * @return the buffer size, in messages
	 */
	public int getBufferSize() {
		return this.bufferSize;
	}

	/**
	 * Sets how many messages a live stream may fall behind before it is disconnected.
	 * @param bufferSize the buffer size, in messages; at least 1
	 */
	public void setBufferSize(int bufferSize) {
		Assert.isTrue(bufferSize >= 1, () -> "session.buffer-size must be at least 1, was " + bufferSize);
		this.bufferSize = bufferSize;
	}

	/**
	 * Returns the largest message data accepted.
	 * @return the size limit
	 */
	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	/**
	 * Sets the largest message data accepted.
	 * @param maxMessageSize the size limit; between 1 byte and 512 MB (Redis's largest string)
	 */
	public void setMaxMessageSize(DataSize maxMessageSize) {
		Assert.notNull(maxMessageSize, "session.max-message-size must not be null");
		Assert.isTrue(maxMessageSize.toBytes() >= 1 && maxMessageSize.toBytes() <= DataSize.ofMegabytes(512).toBytes(),
				() -> "session.max-message-size must be between 1B and 512MB, was " + maxMessageSize);
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Returns the settings of the in-memory store.
	 * @return the memory settings
	 */
	public Memory getMemory() {
		return this.memory;
	}

	/**
	 * Returns the settings of the Redis store.
	 * @return the Redis settings
	 */
	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Returns the settings of the web support (server-sent events and error answers).
	 * @return the web settings
	 */
	public Web getWeb() {
		return this.web;
	}

	/**
	 * Returns which request values are secrets.
	 * @return the redaction settings
	 */
	public Redaction getRedaction() {
		return this.redaction;
	}

	static Duration positive(Duration value, String property) {
		Assert.notNull(value, () -> property + " must not be null");
		Assert.isTrue(!value.isNegative() && !value.isZero(),
				() -> property + " must be positive, was " + value + " (sessions would expire at once)");
		return value;
	}

	/**
	 * Store backends.
	 */
	public enum StoreType {

		/** Sessions live in this process only. */
		MEMORY,

		/** Sessions live in Redis and are shared by every instance using the same Redis and prefix. */
		REDIS

	}

	/**
	 * Redis deployment modes.
	 */
	public enum ClusterType {

		/** One Redis server; {@code addr} is its {@code host:port}. */
		SINGLE,

		/** Redis Cluster; {@code addr} lists seed nodes as comma-separated {@code host:port}s. */
		CLUSTER,

		/** Redis with Sentinel; {@code addr} lists the sentinels, {@code master-name} names the master. */
		SENTINEL

	}

	/**
	 * Settings of the in-memory store.
	 */
	public static class Memory {

		/**
		 * Time after which a session without activity expires.
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * Returns the time after which an idle session expires.
		 * @return the time-to-live
		 */
		public Duration getTtl() {
			return this.ttl;
		}

		/**
		 * Sets the time after which an idle session expires.
		 * @param ttl the time-to-live; positive
		 */
		public void setTtl(Duration ttl) {
			this.ttl = positive(ttl, "session.memory.ttl");
		}

	}

	/**
	 * Settings of the Redis store. Keys and defaults follow the original Python and Go gateways, so their
	 * configuration carries over, snake_case spellings included.
	 */
	public static class Redis {

		/**
		 * Redis address(es) as host:port, comma-separated: the server (single), seed nodes (cluster) or sentinels
		 * (sentinel). When not set, the application's own Redis (spring.data.redis.*, a service connection) if
		 * Spring Boot's Redis support is present, else localhost:6379.
		 */
		private @Nullable String addr;

		/**
		 * User name for Redis ACL authentication; empty for none.
		 */
		private String username = "";

		/**
		 * Password for Redis authentication; empty for none.
		 */
		private String password = "";

		/**
		 * Database number (single and sentinel only; Redis Cluster has database 0 only).
		 */
		private int db = 0;

		/**
		 * Redis deployment mode.
		 */
		private ClusterType clusterType = ClusterType.SINGLE;

		/**
		 * Name of the master monitored by the sentinels (sentinel mode).
		 */
		private String masterName = "";

		/**
		 * User name for authenticating to the sentinels; empty for none.
		 */
		private String sentinelUsername = "";

		/**
		 * Password for authenticating to the sentinels; empty for none.
		 */
		private String sentinelPassword = "";

		/**
		 * Prefix of every Redis key the store writes.
		 */
		private String prefix = "session";

		/**
		 * Pub/sub channel prefix used between instances.
		 */
		private String topic = "session_updates";

		/**
		 * Time after which a session without activity expires (up to a tenth of it, at most 1s, later).
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * Time allowed to open a connection to Redis.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Time after which a Redis command fails instead of waiting, for example during an outage.
		 */
		private Duration commandTimeout = Duration.ofSeconds(5);

		/**
		 * Interval of the pub/sub liveness probe; a probe that does not come back in time makes the store resubscribe and catch up from the logs.
		 */
		private Duration probeInterval = Duration.ofSeconds(5);

		/**
		 * Name of this instance in the fleet, used for its pub/sub channel; empty for a random one at startup.
		 */
		private String instanceId = "";

		/**
		 * Whether the store connects to Redis when the application context starts. When false, nothing
		 * connects until the store's start() is called (for tests of the wiring without a Redis server).
		 */
		private boolean autoStartup = true;

		private final Ssl ssl = new Ssl();

		/**
		 * Returns the Redis address(es).
		 * @return comma-separated host:port pairs, or {@code null} if not set
		 */
		public @Nullable String getAddr() {
			return this.addr;
		}

		/**
		 * Sets the Redis address(es).
		 * @param addr comma-separated host:port pairs
		 */
		public void setAddr(String addr) {
			Assert.hasText(addr, "session.redis.addr must not be empty");
			this.addr = addr;
		}

		/**
		 * Returns the ACL user name.
		 * @return the user name, empty for none
		 */
		public String getUsername() {
			return this.username;
		}

		/**
		 * Sets the ACL user name.
		 * @param username the user name, empty for none
		 */
		public void setUsername(@Nullable String username) {
			this.username = (username != null) ? username : "";
		}

		/**
		 * Returns the password.
		 * @return the password, empty for none
		 */
		public String getPassword() {
			return this.password;
		}

		/**
		 * Sets the password.
		 * @param password the password, empty for none
		 */
		public void setPassword(@Nullable String password) {
			this.password = (password != null) ? password : "";
		}

		/**
		 * Returns the database number.
		 * @return the database number
		 */
		public int getDb() {
			return this.db;
		}

		/**
		 * Sets the database number.
		 * @param db the database number, at least 0
		 */
		public void setDb(int db) {
			Assert.isTrue(db >= 0, () -> "session.redis.db must not be negative, was " + db);
			this.db = db;
		}

		/**
		 * Returns the deployment mode.
		 * @return the mode
		 */
		public ClusterType getClusterType() {
			return this.clusterType;
		}

		/**
		 * Sets the deployment mode.
		 * @param clusterType the mode
		 */
		public void setClusterType(ClusterType clusterType) {
			this.clusterType = clusterType;
		}

		/**
		 * Returns the sentinel master name.
		 * @return the master name, empty if unset
		 */
		public String getMasterName() {
			return this.masterName;
		}

		/**
		 * Sets the sentinel master name.
		 * @param masterName the master name
		 */
		public void setMasterName(@Nullable String masterName) {
			this.masterName = (masterName != null) ? masterName : "";
		}

		/**
		 * Returns the sentinels' user name.
		 * @return the user name, empty for none
		 */
		public String getSentinelUsername() {
			return this.sentinelUsername;
		}

		/**
		 * Sets the sentinels' user name.
		 * @param sentinelUsername the user name, empty for none
		 */
		public void setSentinelUsername(@Nullable String sentinelUsername) {
			this.sentinelUsername = (sentinelUsername != null) ? sentinelUsername : "";
		}

		/**
		 * Returns the sentinels' password.
		 * @return the password, empty for none
		 */
		public String getSentinelPassword() {
			return this.sentinelPassword;
		}

		/**
		 * Sets the sentinels' password.
		 * @param sentinelPassword the password, empty for none
		 */
		public void setSentinelPassword(@Nullable String sentinelPassword) {
			this.sentinelPassword = (sentinelPassword != null) ? sentinelPassword : "";
		}

		/**
		 * Returns the key prefix.
		 * @return the key prefix
		 */
		public String getPrefix() {
			return this.prefix;
		}

		/**
		 * Sets the key prefix.
		 * @param prefix the key prefix, not empty
		 */
		public void setPrefix(String prefix) {
			Assert.hasText(prefix, "session.redis.prefix must not be empty");
			this.prefix = prefix;
		}

		/**
		 * Returns the pub/sub channel prefix.
		 * @return the topic
		 */
		public String getTopic() {
			return this.topic;
		}

		/**
		 * Sets the pub/sub channel prefix.
		 * @param topic the topic, not empty
		 */
		public void setTopic(String topic) {
			Assert.hasText(topic, "session.redis.topic must not be empty");
			this.topic = topic;
		}

		/**
		 * Returns the time after which an idle session expires.
		 * @return the time-to-live
		 */
		public Duration getTtl() {
			return this.ttl;
		}

		/**
		 * Sets the time after which an idle session expires.
		 * @param ttl the time-to-live; positive, whole milliseconds
		 */
		public void setTtl(Duration ttl) {
			this.ttl = positive(ttl, "session.redis.ttl");
		}

		/**
		 * Returns the connect timeout.
		 * @return the connect timeout
		 */
		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		/**
		 * Sets the connect timeout.
		 * @param connectTimeout the connect timeout; positive
		 */
		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "session.redis.connect-timeout");
		}

		/**
		 * Returns the command timeout.
		 * @return the command timeout
		 */
		public Duration getCommandTimeout() {
			return this.commandTimeout;
		}

		/**
		 * Sets the command timeout.
		 * @param commandTimeout the command timeout; positive
		 */
		public void setCommandTimeout(Duration commandTimeout) {
			this.commandTimeout = positive(commandTimeout, "session.redis.command-timeout");
		}

		/**
		 * Returns the pub/sub liveness probe interval.
		 * @return the probe interval
		 */
		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		/**
		 * Sets the pub/sub liveness probe interval.
		 * @param probeInterval the probe interval; positive
		 */
		public void setProbeInterval(Duration probeInterval) {
			this.probeInterval = positive(probeInterval, "session.redis.probe-interval");
		}

		/**
		 * Returns this instance's name in the fleet.
		 * @return the instance id, empty for a random one
		 */
		public String getInstanceId() {
			return this.instanceId;
		}

		/**
		 * Sets this instance's name in the fleet. Two running instances must never share one.
		 * @param instanceId the instance id, empty for a random one
		 */
		public void setInstanceId(@Nullable String instanceId) {
			this.instanceId = (instanceId != null) ? instanceId : "";
		}

		/**
		 * Returns whether the store connects to Redis when the application context starts.
		 * @return whether the store starts with the context
		 */
		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		/**
		 * Sets whether the store connects to Redis when the application context starts.
		 * @param autoStartup whether the store starts with the context
		 */
		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		/**
		 * Returns the TLS settings.
		 * @return the TLS settings
		 */
		public Ssl getSsl() {
			return this.ssl;
		}

	}

	/**
	 * Which values of the request that opened a session are secrets. Their values are replaced by
	 * {@code [redacted]} wherever the request is shown or logged, and the Redis store does not keep them unless
	 * {@code store-in-clear} is set. Names are compared ignoring case; {@code *} stands for every name.
	 */
	public static class Redaction {

		/**
		 * Header names whose values are secret.
		 */
		private List<String> headers = new ArrayList<>(DEFAULT_HEADERS);

		/**
		 * Query parameter names whose values are secret.
		 */
		private List<String> queries = new ArrayList<>(DEFAULT_QUERIES);

		/**
		 * Cookie names whose values are secret.
		 */
		private List<String> cookies = new ArrayList<>(DEFAULT_COOKIES);

		/**
		 * Whether the Redis store keeps secret values in clear, so that any instance can read them (for example
		 * to forward the client's credentials upstream); they then sit in Redis, its replicas and its
		 * persistence files for the session's ttl.
		 */
		private boolean storeInClear;

		/**
		 * Returns the secret header names.
		 * @return the header names
		 */
		public List<String> getHeaders() {
			return this.headers;
		}

		/**
		 * Sets the secret header names.
		 * @param headers the header names
		 */
		public void setHeaders(List<String> headers) {
			this.headers = headers;
		}

		/**
		 * Returns the secret query parameter names.
		 * @return the parameter names
		 */
		public List<String> getQueries() {
			return this.queries;
		}

		/**
		 * Sets the secret query parameter names.
		 * @param queries the parameter names
		 */
		public void setQueries(List<String> queries) {
			this.queries = queries;
		}

		/**
		 * Returns the secret cookie names.
		 * @return the cookie names
		 */
		public List<String> getCookies() {
			return this.cookies;
		}

		/**
		 * Sets the secret cookie names.
		 * @param cookies the cookie names
		 */
		public void setCookies(List<String> cookies) {
			this.cookies = cookies;
		}

		/**
		 * Returns whether the Redis store keeps secret values in clear.
		 * @return whether secrets are stored in clear
		 */
		public boolean isStoreInClear() {
			return this.storeInClear;
		}

		/**
		 * Sets whether the Redis store keeps secret values in clear.
		 * @param storeInClear whether secrets are stored in clear
		 */
		public void setStoreInClear(boolean storeInClear) {
			this.storeInClear = storeInClear;
		}

	}

	/**
	 * TLS settings of the Redis connection.
	 */
	public static class Ssl {

		/**
		 * Whether to connect to Redis over TLS; enabled automatically when a bundle is set.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) holding the trust material, and the client key for mutual TLS.
		 */
		private @Nullable String bundle;

		/**
		 * Returns whether TLS is enabled: explicitly, or by naming a bundle.
		 * @return whether TLS is enabled
		 */
		public boolean isEnabled() {
			return (this.enabled != null) ? this.enabled : this.bundle != null;
		}

		/**
		 * Sets whether TLS is enabled.
		 * @param enabled whether TLS is enabled
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns the SSL bundle name.
		 * @return the bundle name, or {@code null} for the JVM's default trust store
		 */
		public @Nullable String getBundle() {
			return this.bundle;
		}

		/**
		 * Sets the SSL bundle name.
		 * @param bundle the bundle name
		 */
		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Settings of the web support: event streams and error answers of WebFlux and Spring MVC applications.
	 */
	public static class Web {

		/**
		 * Interval between keep-alive comments on an open event stream, so that proxies do not close it while idle.
		 */
		private Duration keepAlive = Duration.ofSeconds(15);

		/**
		 * Retry-After of the 503 answer given while the store's backend cannot be reached.
		 */
		private Duration retryAfter = Duration.ofSeconds(5);

		/**
		 * Returns the interval between keep-alive comments.
		 * @return the keep-alive interval
		 */
		public Duration getKeepAlive() {
			return this.keepAlive;
		}

		/**
		 * Sets the interval between keep-alive comments.
		 * @param keepAlive the keep-alive interval; positive
		 */
		public void setKeepAlive(Duration keepAlive) {
			Assert.notNull(keepAlive, "session.web.keep-alive must not be null");
			Assert.isTrue(!keepAlive.isNegative() && !keepAlive.isZero(),
					() -> "session.web.keep-alive must be positive, was " + keepAlive);
			this.keepAlive = keepAlive;
		}

		/**
		 * Returns the Retry-After of a 503 answer.
		 * @return the time a client should wait before retrying
		 */
		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		/**
		 * Sets the Retry-After of a 503 answer, sent in whole seconds.
		 * @param retryAfter the time a client should wait before retrying; at least one second
		 */
		public void setRetryAfter(Duration retryAfter) {
			Assert.notNull(retryAfter, "session.web.retry-after must not be null");
			Assert.isTrue(retryAfter.getSeconds() >= 1,
					() -> "session.web.retry-after must be at least 1s, was " + retryAfter);
			this.retryAfter = retryAfter;
		}

	}

}

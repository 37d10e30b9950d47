package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.Assert;

/**
 * Settings of the Redis store. Keys and defaults follow the original Python and Go
 * gateways, so their configuration carries over, snake_case spellings included.
 */
public class SessionRedisProperties {

	/**
	 * Redis address(es) as host:port, comma-separated: the server (single), seed nodes
	 * (cluster) or sentinels (sentinel). When not set, the application's own Redis
	 * (spring.data.redis.*, a service connection) if Spring Boot's Redis support is
	 * present, else localhost:6379.
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
	private SessionProperties.ClusterType clusterType = SessionProperties.ClusterType.SINGLE;

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
	 * Time after which a session without activity expires (up to a tenth of it, at most
	 * 1s, later).
	 */
	private Duration ttl = Duration.ofHours(24);

	/**
	 * Time allowed to open a connection to Redis.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Time after which a Redis command fails instead of waiting, for example during an
	 * outage.
	 */
	private Duration commandTimeout = Duration.ofSeconds(5);

	/**
	 * Interval of the pub/sub liveness probe; a probe that does not come back in time
	 * makes the store resubscribe and catch up from the logs.
	 */
	private Duration probeInterval = Duration.ofSeconds(5);

	/**
	 * How long open streams stay open while this instance cannot reach Redis (its
	 * liveness probes do not come back). A shorter outage is caught up from the session
	 * logs once Redis answers again; after this time the streams end with an error, so
	 * that their clients resume, on any instance, with their last event id.
	 */
	private Duration streamOutageTimeout = Duration.ofSeconds(30);

	/**
	 * Name of this instance in the fleet, used for its pub/sub channel; empty for a
	 * random one at startup.
	 */
	private String instanceId = "";

	/**
	 * Whether the store connects to Redis when the application context starts. When
	 * false, nothing connects until the store's start() is called (for tests of the
	 * wiring without a Redis server).
	 */
	private boolean autoStartup = true;

	/**
	 * SSL settings of the Redis connection.
	 */
	@NestedConfigurationProperty
	private final SessionRedisSslProperties ssl = new SessionRedisSslProperties();

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
	public SessionProperties.ClusterType getClusterType() {
		return this.clusterType;
	}

	/**
	 * Sets the deployment mode.
	 * @param clusterType the mode
	 */
	public void setClusterType(SessionProperties.ClusterType clusterType) {
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
		this.ttl = SessionProperties.positive(ttl, "session.redis.ttl");
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
		this.connectTimeout = SessionProperties.positive(connectTimeout, "session.redis.connect-timeout");
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
		this.commandTimeout = SessionProperties.positive(commandTimeout, "session.redis.command-timeout");
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
		this.probeInterval = SessionProperties.positive(probeInterval, "session.redis.probe-interval");
	}

	/**
	 * Returns how long open streams stay open while this instance cannot reach Redis.
	 * @return the stream outage timeout
	 */
	public Duration getStreamOutageTimeout() {
		return this.streamOutageTimeout;
	}

	/**
	 * Sets how long open streams stay open while this instance cannot reach Redis.
	 * @param streamOutageTimeout the timeout; positive
	 */
	public void setStreamOutageTimeout(Duration streamOutageTimeout) {
		this.streamOutageTimeout = SessionProperties.positive(streamOutageTimeout,
				"session.redis.stream-outage-timeout");
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
	public SessionRedisSslProperties getSsl() {
		return this.ssl;
	}

}

package com.myunla.gateway.session.autoconfigure;

import java.util.Arrays;
import java.util.List;

import com.myunla.gateway.session.redis.RedisMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.Assert;

/**
 * {@link SessionRedisConnectionDetails} from {@code session.redis.*}.
 */
class PropertiesSessionRedisConnectionDetails implements SessionRedisConnectionDetails {

	static final String DEFAULT_ADDRESS = "localhost:6379";

	private final SessionRedisProperties properties;

	private final @Nullable SslBundles sslBundles;

	PropertiesSessionRedisConnectionDetails(SessionRedisProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public RedisMode getMode() {
		return switch (this.properties.getClusterType()) {
			case SINGLE -> RedisMode.SINGLE;
			case CLUSTER -> RedisMode.CLUSTER;
			case SENTINEL -> RedisMode.SENTINEL;
		};
	}

	@Override
	public List<String> getAddresses() {
		String addr = this.properties.getAddr();
		return Arrays.stream(((addr != null) ? addr : DEFAULT_ADDRESS).split("[,;]"))
			.map(String::trim)
			.filter((address) -> !address.isEmpty())
			.toList();
	}

	@Override
	public @Nullable String getMasterName() {
		if (this.properties.getClusterType() != SessionProperties.ClusterType.SENTINEL) {
			return null;
		}
		return emptyToNull(this.properties.getMasterName());
	}

	@Override
	public @Nullable String getUsername() {
		return emptyToNull(this.properties.getUsername());
	}

	@Override
	public @Nullable String getPassword() {
		return emptyToNull(this.properties.getPassword());
	}

	@Override
	public @Nullable String getSentinelUsername() {
		return emptyToNull(this.properties.getSentinelUsername());
	}

	@Override
	public @Nullable String getSentinelPassword() {
		return emptyToNull(this.properties.getSentinelPassword());
	}

	@Override
	public int getDatabase() {
		return this.properties.getDb();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		SessionRedisSslProperties ssl = this.properties.getSsl();
		if (!ssl.isEnabled()) {
			return null;
		}
		String name = ssl.getBundle();
		if (name == null) {
			return SslBundle.systemDefault();
		}
		Assert.state(this.sslBundles != null,
				() -> "session.redis.ssl.bundle is set to '" + name + "' but no SSL bundles are available");
		return this.sslBundles.getBundle(name);
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

}

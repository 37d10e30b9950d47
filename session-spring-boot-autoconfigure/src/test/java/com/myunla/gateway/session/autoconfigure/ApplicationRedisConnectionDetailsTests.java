package com.myunla.gateway.session.autoconfigure;

import java.util.List;

import com.myunla.gateway.session.redis.RedisMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ApplicationRedisConnectionDetails}: how Spring Boot's Redis connection
 * details of each kind map onto the session store's.
 */
class ApplicationRedisConnectionDetailsTests {

	@Test
	void standalone() {
		ApplicationRedisConnectionDetails details = new ApplicationRedisConnectionDetails(
				new DataRedisConnectionDetails() {

					@Override
					public String getUsername() {
						return "app";
					}

					@Override
					public String getPassword() {
						return "secret";
					}

					@Override
					public Standalone getStandalone() {
						return Standalone.of("::1", 6380, 2);
					}

				});
		assertThat(details.getMode()).isEqualTo(RedisMode.SINGLE);
		assertThat(details.getAddresses()).containsExactly("[::1]:6380");
		assertThat(details.getDatabase()).isEqualTo(2);
		assertThat(details.getUsername()).isEqualTo("app");
		assertThat(details.getPassword()).isEqualTo("secret");
		assertThat(details.getMasterName()).isNull();
	}

	@Test
	void sentinel() {
		ApplicationRedisConnectionDetails details = new ApplicationRedisConnectionDetails(
				new DataRedisConnectionDetails() {

					@Override
					public Sentinel getSentinel() {
						return new Sentinel() {

							@Override
							public int getDatabase() {
								return 1;
							}

							@Override
							public String getMaster() {
								return "mymaster";
							}

							@Override
							public List<Node> getNodes() {
								return List.of(new Node("s1", 26379), new Node("s2", 26380));
							}

							@Override
							public String getUsername() {
								return "sentinel-user";
							}

							@Override
							public String getPassword() {
								return "sentinel-secret";
							}

						};
					}

				});
		assertThat(details.getMode()).isEqualTo(RedisMode.SENTINEL);
		assertThat(details.getAddresses()).containsExactly("s1:26379", "s2:26380");
		assertThat(details.getMasterName()).isEqualTo("mymaster");
		assertThat(details.getDatabase()).isEqualTo(1);
		assertThat(details.getSentinelUsername()).isEqualTo("sentinel-user");
		assertThat(details.getSentinelPassword()).isEqualTo("sentinel-secret");
	}

	@Test
	void cluster() {
		ApplicationRedisConnectionDetails details = new ApplicationRedisConnectionDetails(
				new DataRedisConnectionDetails() {

					@Override
					public Cluster getCluster() {
						return () -> List.of(new Node("n1", 7000), new Node("n2", 7001));
					}

				});
		assertThat(details.getMode()).isEqualTo(RedisMode.CLUSTER);
		assertThat(details.getAddresses()).containsExactly("n1:7000", "n2:7001");
		assertThat(details.getDatabase()).isZero();
	}

	@Test
	void staticMasterReplicaIsRefusedNamingTheWayOut() {
		ApplicationRedisConnectionDetails details = new ApplicationRedisConnectionDetails(
				new DataRedisConnectionDetails() {

					@Override
					public MasterReplica getMasterReplica() {
						return () -> List.of(new Node("m", 6379), new Node("r", 6379));
					}

				});
		assertThatIllegalStateException().isThrownBy(details::getMode).withMessageContaining("set session.redis.addr");
	}

}

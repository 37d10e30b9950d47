package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterNodes}.
 */
class ClusterNodesTests {

	private static final String REPLY = """
			a1 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-5460
			b2 127.0.0.1:7002@17002,node-2 master - 0 1 2 connected 5461-10922 [10923->-c3]
			c3 127.0.0.1:7003@17003 master,fail - 0 1 3 disconnected 10923-16383
			d4 127.0.0.1:7004@17004 slave a1 0 1 1 connected
			e5 127.0.0.1:7005@17005 master - 0 1 5 connected 16000
			""";

	@Test
	void healthyMasterOfARangeServesEverySlotOfIt() {
		assertThat(ClusterNodes.masterOf(REPLY, 0)).isEqualTo("127.0.0.1:7001");
		assertThat(ClusterNodes.masterOf(REPLY, 5460)).isEqualTo("127.0.0.1:7001");
		assertThat(ClusterNodes.masterOf(REPLY, 5461)).isEqualTo("127.0.0.1:7002");
	}

	@Test
	void singleSlotEntryIsServed() {
		assertThat(ClusterNodes.masterOf(REPLY, 16000)).isEqualTo("127.0.0.1:7005");
	}

	@Test
	void failedMasterAndMigratingSlotsServeNothing() {
		assertThat(ClusterNodes.masterOf(REPLY, 10923)).isNull();
		assertThat(ClusterNodes.masterOf(REPLY, 12000)).isNull();
	}

}

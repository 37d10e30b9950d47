package com.myunla.gateway.session.benchmarks;

/**
 * One benchmark scenario: sets up what it needs, warms up, measures rounds and reports
 * medians.
 */
interface Scenario {

	/**
	 * Returns the scenario's name, as in the results.
	 * @return the name
	 */
	String name();

	/**
	 * Runs the scenario. Redis is empty when it starts; the scenario may leave data
	 * behind.
	 * @param context the mode, Redis and console
	 * @return the figures
	 * @throws Exception if the scenario could not run to the end
	 */
	Result run(BenchContext context) throws Exception;

}

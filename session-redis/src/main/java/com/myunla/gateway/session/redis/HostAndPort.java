package com.myunla.gateway.session.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * One Redis address. Parsed from {@code host:port} at the last colon, so that IPv6 hosts
 * work with or without brackets ({@code [::1]:6379}, {@code ::1:6379}).
 *
 * @param host the host name or IP address, without brackets
 * @param port the port, 1 to 65535
 */
record HostAndPort(String host, int port) {

	/**
	 * Parses comma- or semicolon-separated addresses; blank entries are skipped.
	 * @param addresses the addresses
	 * @return the parsed addresses, at least one
	 * @throws IllegalArgumentException naming the entry that is not {@code host:port}, or
	 * if there is none
	 */
	static List<HostAndPort> parseAll(String addresses) {
		if (addresses == null) {
			throw new IllegalArgumentException("Redis addresses must not be null");
		}
		List<HostAndPort> parsed = new ArrayList<>();
		for (String part : addresses.split("[,;]")) {
			if (!part.isBlank()) {
				parsed.add(parse(part));
			}
		}
		if (parsed.isEmpty()) {
			throw new IllegalArgumentException(
					"Redis addresses must name at least one host:port, was '" + addresses + "'");
		}
		return parsed;
	}

	/**
	 * Parses one address.
	 * @param address the address, {@code host:port}
	 * @return the parsed address
	 * @throws IllegalArgumentException if it is not {@code host:port}
	 */
	static HostAndPort parse(String address) {
		if (address == null) {
			throw new IllegalArgumentException("Redis address must not be null");
		}
		String node = address.trim();
		int colon = node.lastIndexOf(':');
		if (colon <= 0 || colon == node.length() - 1) {
			throw new IllegalArgumentException("Redis address '" + node + "' is not host:port");
		}
		String host = node.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (host.isEmpty() || host.chars().anyMatch((c) -> Character.isWhitespace(c) || "[],;".indexOf(c) >= 0)) {
			throw new IllegalArgumentException("Redis address '" + node + "' is not host:port (an IPv6 host may be "
					+ "written in brackets, like [::1]:6379)");
		}
		int port;
		try {
			port = Integer.parseInt(node.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			port = -1;
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Redis address '" + node + "' has no valid port (1 to 65535)");
		}
		return new HostAndPort(host, port);
	}

	@Override
	public String toString() {
		return ((this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}

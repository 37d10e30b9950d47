package com.myunla.gateway.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.myunla.gateway.session.RequestInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Builds the {@link RequestInfo} of a session from the request that opened it.
 */
public final class RequestInfos {

	private RequestInfos() {
	}

	/**
	 * Captures the request's headers, query parameters and cookies. {@link RequestInfo}
	 * holds one value per name: repeated headers are joined with {@code ", "} as HTTP
	 * allows, and of repeated query parameters and cookies the first wins.
	 * @param request the request
	 * @return the request information
	 */
	public static RequestInfo from(ServerHttpRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
		Map<String, String> queries = new LinkedHashMap<>();
		request.getQueryParams().forEach((name, values) -> queries.put(name, first(values)));
		Map<String, String> cookies = new LinkedHashMap<>();
		request.getCookies().forEach((name, values) -> cookies.put(name, values.get(0).getValue()));
		return new RequestInfo(headers, queries, cookies);
	}

	private static String first(List<@Nullable String> values) {
		// "?flag" without "=" has a null value
		@Nullable String value = values.isEmpty() ? null : values.get(0);
		return (value != null) ? value : "";
	}

}

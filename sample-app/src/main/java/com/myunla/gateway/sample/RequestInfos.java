package com.myunla.gateway.sample;

import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.web.SessionRequests;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Builds the {@link RequestInfo} of a session from the request that opened it.
 */
public final class RequestInfos {

	private RequestInfos() {
	}

	/**
	 * Captures the request's headers, query parameters and cookies, as
	 * {@link SessionRequests#requestInfo(org.springframework.http.HttpHeaders, java.net.URI)}
	 * does: repeated headers are joined with {@code ", "} as HTTP allows, and of repeated
	 * query parameters and cookies the first wins.
	 * @param request the request
	 * @return the request information
	 */
	public static RequestInfo from(ServerHttpRequest request) {
		return SessionRequests.requestInfo(request.getHeaders(), request.getURI());
	}

}

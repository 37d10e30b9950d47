package com.myunla.gateway.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of sessions as {@code GET /sessions} answers it.
 *
 * @param sessions the page's sessions, with request secrets redacted
 * @param nextCursor the value of the {@code cursor} parameter that reads the next page,
 * or {@code null} on the last page
 */
public record SessionList(List<SessionSummary> sessions, @Nullable String nextCursor) {

}

package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answered page, as paging sees it: the raw response (headers for {@code Link} or cursor
 * headers), its JSON body and how many records it held.
 */
public record Page(Response response, JsonNode body, int records) {
}

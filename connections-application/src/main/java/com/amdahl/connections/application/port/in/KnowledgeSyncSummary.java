package com.amdahl.connections.application.port.in;

/**
 * What a connection's entry says of its outbound knowledge sync, on every surface (REST, MCP, the
 * console): whether it is configured, and what is missing until then ("choose a Notion database").
 */
public record KnowledgeSyncSummary(boolean configured, String missing, String databaseId, String policy) {
}

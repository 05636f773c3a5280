package com.amdahl.connections.adapter.providers.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a stream walks its pages: what the first request adds, and the next request after a page
 * (empty: the stream is done). The styles the launch providers use are the factories below; a
 * connector may implement its own.
 */
public interface Paging {

    /** The first request, e.g. with {@code start=0&limit=100}. */
    default PageRequest first(PageRequest request) {
        return request;
    }

    /** The request for the page after {@code page}, or empty when it was the last. */
    Optional<PageRequest> next(PageRequest request, Page page);

    /** One page only. */
    static Paging none() {
        return (request, page) -> Optional.empty();
    }

    /**
     * Offset and limit. Without a more flag, a page shorter than {@code size} is the last; with
     * {@link Offset#moreWhen}, the flag decides and {@link Offset#nextStartAt} may name the next offset
     * (Pipedrive {@code additional_data.pagination.more_items_in_collection} / {@code next_start}).
     */
    static Offset offset(String startParam, String limitParam, int size) {
        return new Offset(startParam, limitParam, size, null, null);
    }

    /**
     * An opaque cursor in the body at {@code path}, sent back as {@code param}; done when it is
     * absent or blank (HubSpot {@code paging.next.after}, Slack {@code response_metadata.next_cursor},
     * Gong {@code records.cursor}, a GraphQL {@code pageInfo.endCursor} with variables).
     */
    static Cursor cursor(String param, String path) {
        return new Cursor(param, path, null);
    }

    /** An opaque cursor in a response header, sent back as {@code param}. */
    static Paging cursorHeader(String param, String header) {
        return (request, page) -> header(page, header).filter(v -> !v.isBlank()).map(v -> request.withParam(param, v));
    }

    /** Page numbers from {@code firstPage}; a page shorter than {@code size} is the last. */
    static Paging pageNumber(String pageParam, int firstPage, String sizeParam, int size) {
        return new Paging() {
            @Override
            public PageRequest first(PageRequest request) {
                return request.withParam(pageParam, firstPage).withParam(sizeParam, size);
            }

            @Override
            public Optional<PageRequest> next(PageRequest request, Page page) {
                if (page.records() < size) {
                    return Optional.empty();
                }
                long current = request.param(pageParam).map(Long::parseLong).orElse((long) firstPage);
                return Optional.of(request.withParam(pageParam, current + 1));
            }
        };
    }

    /** RFC 8288 {@code Link: <url>; rel="next"}. */
    static Paging linkHeader() {
        return (request, page) -> header(page, "Link").flatMap(Paging::nextLink).map(request::withUrl);
    }

    /**
     * The next page's URL in the body at {@code path}, absolute or a path on the same origin
     * (Salesforce {@code nextRecordsUrl}, Graph {@code @odata.nextLink}, Aircall
     * {@code meta.next_page_link}). The engine refuses a URL on another origin.
     */
    static Paging nextUrl(String path) {
        return (request, page) -> Json.textAt(page.body(), path).map(request::withUrl);
    }

    /** See {@link #offset}. */
    record Offset(String startParam, String limitParam, int size, String morePath, String nextStartPath)
            implements Paging {
        public Offset moreWhen(String flagPath) {
            return new Offset(startParam, limitParam, size, flagPath, nextStartPath);
        }

        public Offset nextStartAt(String path) {
            return new Offset(startParam, limitParam, size, morePath, path);
        }

        @Override
        public PageRequest first(PageRequest request) {
            return request.withParam(startParam, 0).withParam(limitParam, size);
        }

        @Override
        public Optional<PageRequest> next(PageRequest request, Page page) {
            boolean more = morePath == null ? page.records() >= size && page.records() > 0
                    : Optional.ofNullable(Json.at(page.body(), morePath)).map(JsonNode::asBoolean).orElse(false);
            if (!more) {
                return Optional.empty();
            }
            long nextStart;
            if (nextStartPath == null) {
                nextStart = request.param(startParam).map(Long::parseLong).orElse(0L) + page.records();
            } else {
                JsonNode at = Json.at(page.body(), nextStartPath);
                if (at == null || !at.canConvertToLong()) {
                    throw new MalformedPage();
                }
                nextStart = at.asLong();
            }
            return Optional.of(request.withParam(startParam, nextStart));
        }
    }

    /** See {@link #cursor}. */
    record Cursor(String param, String path, String hasMorePath) implements Paging {
        /** Also stop when the boolean at {@code flagPath} is false (Notion {@code has_more}). */
        public Cursor whileTrue(String flagPath) {
            return new Cursor(param, path, flagPath);
        }

        @Override
        public Optional<PageRequest> next(PageRequest request, Page page) {
            if (hasMorePath != null) {
                JsonNode flag = Json.at(page.body(), hasMorePath);
                if (flag == null || !flag.asBoolean(false)) {
                    return Optional.empty();
                }
            }
            return Json.textAt(page.body(), path).map(token -> request.withParam(param, token));
        }
    }

    private static Optional<String> header(Page page, String name) {
        for (Map.Entry<String, List<String>> e : page.response().headers().entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The {@code rel="next"} target of a Link header. */
    static Optional<String> nextLink(String header) {
        Matcher m = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?").matcher(header);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

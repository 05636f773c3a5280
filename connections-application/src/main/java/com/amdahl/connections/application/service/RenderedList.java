package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.application.view.JsonText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One caller's connection list, rendered once: the whole document (byte for byte what the JSON
 * writer makes of {@code JsonShapes.connectionsDocument}) and where each entry sits in it, so a
 * page is a slice of the same bytes. It stays right while the workspace's change counter is
 * {@link #counter} and the clock has not passed {@link #validUntil}.
 */
final class RenderedList {
    private static final byte[] OPEN = "{\"connections\":[".getBytes(StandardCharsets.US_ASCII);

    final long counter;
    final Instant validUntil;
    private final Document whole;
    private final int[] starts;
    private final int[] ends;
    private final ListCursor[] positions;

    private RenderedList(long counter, Instant validUntil, Document whole, int[] starts, int[] ends,
            ListCursor[] positions) {
        this.counter = counter;
        this.validUntil = validUntil;
        this.whole = whole;
        this.starts = starts;
        this.ends = ends;
        this.positions = positions;
    }

    /** Renders {@code views} (already in list order) as read under change counter {@code counter}. */
    static RenderedList render(List<ConnectionView> views, long counter, Instant validUntil) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + views.size() * 800);
        int[] starts = new int[views.size()];
        int[] ends = new int[views.size()];
        ListCursor[] positions = new ListCursor[views.size()];
        out.writeBytes(OPEN);
        for (int i = 0; i < views.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            ConnectionView view = views.get(i);
            starts[i] = out.size();
            out.writeBytes(JsonText.write(JsonShapes.connection(view)).getBytes(StandardCharsets.UTF_8));
            ends[i] = out.size();
            positions[i] = ListCursor.at(view.connection());
        }
        out.write(']');
        out.write('}');
        return new RenderedList(counter, validUntil, Document.of(out.toByteArray()).until(validUntil), starts, ends,
                positions);
    }

    boolean isCurrent(long currentCounter, Instant now) {
        return counter == currentCounter && !now.isAfter(validUntil);
    }

    Document whole() {
        return whole;
    }

    int size() {
        return positions.length;
    }

    long bytes() {
        return whole.body().length + positions.length * 64L;
    }

    /** At most {@code limit} entries after {@code after} (null: from the start), with the next cursor. */
    Document page(int limit, ListCursor after) {
        int from = after == null ? 0 : after.firstIndexAfter(positions);
        int to = Math.min(from + limit, positions.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (to > from ? ends[to - 1] - starts[from] : 0));
        out.writeBytes(OPEN);
        if (to > from) {
            out.write(whole.body(), starts[from], ends[to - 1] - starts[from]);
        }
        String next = to < positions.length ? '"' + positions[to - 1].encode() + '"' : "null";
        out.writeBytes(("],\"next_cursor\":" + next + "}").getBytes(StandardCharsets.US_ASCII));
        return Document.of(out.toByteArray()).until(validUntil);
    }
}

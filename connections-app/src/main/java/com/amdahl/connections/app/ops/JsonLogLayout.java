package com.amdahl.connections.app.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.amdahl.connections.application.view.JsonText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line: {@code timestamp}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, and from the MDC only the ids a line may carry ({@code request_id},
 * {@code workspace_id}, {@code connection_id}, {@code run_id}); a stack trace when there is one.
 * Nothing else from the MDC is copied, so no header, body, query or credential can reach it.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    /** The MDC keys copied into a line, in this order. */
    public static final List<String> IDS = List.of("request_id", "workspace_id", "connection_id", "run_id");

    @Override
    public String doLayout(ILoggingEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        json.put("level", event.getLevel().toString());
        json.put("logger", event.getLoggerName());
        json.put("thread", event.getThreadName());
        json.put("message", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        for (String id : IDS) {
            String value = mdc == null ? null : mdc.get(id);
            if (value != null) {
                json.put(id, value);
            }
        }
        if (event.getThrowableProxy() != null) {
            json.put("stack_trace", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        // the library's own writer: every control character escaped, so a line never breaks
        return JsonText.write(json) + "\n";
    }
}

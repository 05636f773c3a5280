package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream of exactly one object (Slack {@code team.info} → {@code team}, an X profile, a LinkedIn
 * organization): one request, the object at {@code objectPath}, its id at {@code idPath}. An answer
 * without that object is malformed.
 */
public record SingleObject(String name, PageRequest request, String objectPath, String idPath) implements Stream {

    public static SingleObject get(String name, String path, String objectPath) {
        return new SingleObject(name, PageRequest.get(path), objectPath, "id");
    }

    public SingleObject param(String param, Object value) {
        return new SingleObject(name, request.withParam(param, value), objectPath, idPath);
    }

    public SingleObject header(String header, String value) {
        return new SingleObject(name, request.withHeader(header, value), objectPath, idPath);
    }

    public SingleObject id(String path) {
        return new SingleObject(name, request, objectPath, path);
    }

    @Override
    public PullResult pull(StreamRun run) {
        AtomicLong written = new AtomicLong();
        return run.guarded(written, () -> {
            run.checkAlive();
            Response response = run.fetch(request);
            Optional<Failure> failure = run.failureOf(response);
            if (failure.isPresent()) {
                return failure;
            }
            JsonNode object = Json.at(response.json(), objectPath);
            Optional<String> id = Json.textAt(object, idPath);
            if (object == null || !object.isObject() || id.isEmpty()) {
                throw new MalformedPage();
            }
            written.addAndGet(run.write(List.of(new SyncedRecord(id.get(), object.toString()))));
            return Optional.empty();
        }, () -> null);
    }
}

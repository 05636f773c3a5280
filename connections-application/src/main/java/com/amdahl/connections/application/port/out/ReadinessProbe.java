package com.amdahl.connections.application.port.out;

import java.util.Optional;

/** Whether storage can serve requests now: it answers and its schema is current. */
public interface ReadinessProbe {
    /** Always ready: for embedders whose storage has no such check. */
    ReadinessProbe ALWAYS = Optional::empty;

    /** Empty when ready; otherwise one sentence saying why not (never a URL, password or host). */
    Optional<String> notReadyReason();
}

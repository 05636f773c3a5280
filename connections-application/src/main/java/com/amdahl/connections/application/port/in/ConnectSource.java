package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;

/** Connects a source: the flow routes on the connector's auth method (CONTRACT section 4). */
public interface ConnectSource {
    ConnectOutcome connect(Principal principal, ConnectCommand command);

    /** As an adapter asks: the body is read after the scope check, which comes first. */
    ConnectOutcome connect(Principal principal, Body<ConnectCommand> command);
}

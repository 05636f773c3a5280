package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import java.util.List;

/** Lists the connector catalog with the connectable flag; optional category and kind filters (wire names). */
public interface BrowseCatalog {
    List<CatalogEntry> catalog(Principal principal, String category, String kind);
}

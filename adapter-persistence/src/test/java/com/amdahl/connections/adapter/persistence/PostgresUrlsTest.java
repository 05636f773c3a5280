package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PostgreSQL URLs get logServerErrorDetail=false unless they say otherwise; other URLs are left alone. */
class PostgresUrlsTest {
    @Test
    void a_postgres_url_is_connected_without_values_in_error_messages() {
        assertThat(PostgresUrls.withoutValuesInErrors("jdbc:postgresql://db:5432/app"))
                .isEqualTo("jdbc:postgresql://db:5432/app?logServerErrorDetail=false");
        assertThat(PostgresUrls.withoutValuesInErrors("jdbc:postgresql://db/app?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/app?sslmode=require&logServerErrorDetail=false");
        assertThat(PostgresUrls.withoutValuesInErrors("jdbc:postgresql://db/app?"))
                .isEqualTo("jdbc:postgresql://db/app?logServerErrorDetail=false");
    }

    @Test
    void a_url_that_sets_the_property_keeps_its_choice() {
        for (String url : new String[] {"jdbc:postgresql://db/app?logServerErrorDetail=true",
                "jdbc:postgresql://db/app?ssl=true&logServerErrorDetail=true",
                "jdbc:postgresql://db/app?logServerErrorDetail=false"}) {
            assertThat(PostgresUrls.withoutValuesInErrors(url)).isEqualTo(url);
        }
    }

    @Test
    void other_databases_are_left_alone() {
        String h2 = "jdbc:h2:file:./data/connections;AUTO_SERVER=TRUE";
        assertThat(PostgresUrls.withoutValuesInErrors(h2)).isEqualTo(h2);
    }
}

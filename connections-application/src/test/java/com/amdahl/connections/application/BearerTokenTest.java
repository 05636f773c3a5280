package com.amdahl.connections.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    @Test
    void the_token_follows_the_scheme_in_any_case_with_blanks_around_ignored() {
        assertThat(BearerToken.parse("Bearer cnx_abc")).contains("cnx_abc");
        assertThat(BearerToken.parse("  bEaReR   cnx_abc  ")).contains("cnx_abc");
    }

    @Test
    void an_absent_blank_or_other_scheme_header_has_no_token() {
        assertThat(BearerToken.parse(null)).isEmpty();
        assertThat(BearerToken.parse("")).isEmpty();
        assertThat(BearerToken.parse("Bearer")).isEmpty();
        assertThat(BearerToken.parse("Bearer    ")).isEmpty();
        assertThat(BearerToken.parse("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(BearerToken.parse("Bearercnx_abc")).isEmpty();
    }
}

package com.amdahl.connections.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every spelling of an inward or undeliverable target is refused when the endpoint is saved. */
class TargetPolicyTest {
    private final TargetPolicy policy = new TargetPolicy(true, false);
    private final TargetPolicy allowingPrivate = new TargetPolicy(true, true);

    @ParameterizedTest
    @ValueSource(strings = {
            // ports outside 1..65535
            "https://hooks.invalid:99999/x", "https://hooks.example.com:0/x", "https://hooks.example.com:65536/x",
            // integer, hex, octal and short IPv4 spellings of loopback, private and reserved addresses
            "https://0x7f000001/", "https://0X7F000001/", "https://2130706433/", "https://0177.0.0.1/",
            "https://0x7f.0.0.1/", "https://127.1/", "https://127.0.1/", "https://0/", "https://0x0a000001/",
            "https://167772161/", "https://012.1.2.3/", "https://0xa9.254.169.254/", "https://0xa9fea9fe/",
            "https://3232235521/", "https://127.0.0.1./", "https://1.2.3.4.5/", "https://256.1.1.1/",
            "https://4294967296/", "https://1.2.3.0x1ff/", "https://foo.123/",
            // trailing-dot names
            "http://localhost.:8080/", "https://localhost./", "https://foo.localhost./", "https://LOCALHOST./",
            // IPv6 spellings
            "https://[::1]/", "https://[0:0:0:0:0:0:0:1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/",
            "https://[::127.0.0.1]/", "https://[::]/", "https://[fe80::1]/", "https://[fd00::1]/",
            "https://[64:ff9b::10.0.0.1]/", "https://[2002:7f00:1::]/", "https://[::ffff:169.254.169.254]/"})
    void inward_or_undeliverable_targets_are_refused(String url) {
        assertThat(policy.refusal(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/in", "https://hooks.example.com:8443/in",
            "https://hooks.example.com:65535/in", "https://hooks.example.com./in", "https://93.184.216.34/in",
            "https://0x5db8d822/", "https://[2606:4700::1111]/", "https://[64:ff9b::8.8.8.8]/",
            "https://1password.com/", "https://123.example.com/", "https://0x7f000001.example.com/"})
    void public_targets_are_accepted(String url) {
        assertThat(policy.refusal(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://0x7f000001/", "http://localhost.:8080/", "https://[::ffff:127.0.0.1]/"})
    void allow_private_lets_inward_spellings_through(String url) {
        assertThat(allowingPrivate.refusal(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com:99999/", "https://hooks.example.com:0/"})
    void allow_private_does_not_let_impossible_ports_through(String url) {
        assertThat(allowingPrivate.refusal(url)).as(url).isPresent();
    }
}

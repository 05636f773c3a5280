package com.amdahl.connections.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final RateLimit TEN_A_SECOND = RateLimit.perSecond(10);
    private static final Duration FOREVER = Duration.ofDays(1);

    @Test
    void requests_reserved_at_once_are_paced_at_the_spent_share_of_the_limit() {
        TokenBucket bucket = TokenBucket.full(TEN_A_SECOND, T0);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 93; i++) {
            TokenBucket.Reservation r = bucket.reserve(TEN_A_SECOND, T0, FOREVER);
            assertThat(r.granted()).isTrue();
            assertThat(r.delay()).isGreaterThanOrEqualTo(last);
            last = r.delay();
            bucket = r.bucket();
        }
        // one burst token, then 9.2 a second: the 93rd request goes after 92 / 9.2 = 10 s
        assertThat(last).isBetween(Duration.ofMillis(9_999), Duration.ofMillis(10_001));
    }

    @Test
    void no_window_of_the_limit_ever_holds_more_than_the_limit() {
        RateLimit hubspot = new RateLimit(100, Duration.ofSeconds(10));
        TokenBucket bucket = TokenBucket.full(hubspot, T0);
        long[] sendAtMillis = new long[2000];
        for (int i = 0; i < sendAtMillis.length; i++) {
            Instant now = T0.plusMillis(i * 3L); // callers arrive faster than the limit
            TokenBucket.Reservation r = bucket.reserve(hubspot, now, FOREVER);
            bucket = r.bucket();
            sendAtMillis[i] = Duration.between(T0, now.plus(r.delay())).toMillis();
        }
        for (int i = 0; i < sendAtMillis.length; i++) {
            int inWindow = 0;
            for (int j = i; j < sendAtMillis.length && sendAtMillis[j] < sendAtMillis[i] + 10_000; j++) {
                inWindow++;
            }
            assertThat(inWindow).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void a_quiet_account_refills_to_one_burst_only() {
        TokenBucket bucket = TokenBucket.full(new RateLimit(100, Duration.ofSeconds(10)), T0);
        assertThat(bucket.tokens()).isEqualTo(5.0);
        assertThat(bucket.refilled(new RateLimit(100, Duration.ofSeconds(10)), T0.plusSeconds(3600)).tokens()).isEqualTo(5.0);
        assertThat(TokenBucket.full(RateLimit.perSecond(3), T0).tokens()).isEqualTo(1.0);
    }

    @Test
    void a_slot_beyond_the_longest_wait_is_refused_without_spending() {
        TokenBucket paused = TokenBucket.full(TEN_A_SECOND, T0).pausedUntil(TEN_A_SECOND, T0.plus(Duration.ofHours(2)), T0);
        TokenBucket.Reservation refused = paused.reserve(TEN_A_SECOND, T0, Duration.ofSeconds(60));
        assertThat(refused.granted()).isFalse();
        assertThat(refused.delay()).isBetween(Duration.ofHours(2).minusMillis(1), Duration.ofHours(2).plusMillis(1));
        assertThat(refused.bucket().tokens()).isEqualTo(paused.tokens());
        assertThat(paused.nextSlot(TEN_A_SECOND, T0)).isBetween(T0.plus(Duration.ofHours(2)).minusMillis(1),
                T0.plus(Duration.ofHours(2)).plusMillis(1));
    }

    @Test
    void a_retry_after_holds_every_request_of_the_account_then_the_pace_resumes() {
        TokenBucket bucket = TokenBucket.full(TEN_A_SECOND, T0).pausedUntil(TEN_A_SECOND, T0.plusSeconds(5), T0);
        TokenBucket.Reservation first = bucket.reserve(TEN_A_SECOND, T0.plusSeconds(1), FOREVER);
        assertThat(first.delay()).isBetween(Duration.ofMillis(3_999), Duration.ofMillis(4_001));
        TokenBucket.Reservation second = first.bucket().reserve(TEN_A_SECOND, T0.plusSeconds(1), FOREVER);
        assertThat(second.delay().minus(first.delay())).isBetween(Duration.ofMillis(108), Duration.ofMillis(109));
        assertThat(TokenBucket.full(TEN_A_SECOND, T0).pausedUntil(TEN_A_SECOND, T0.minusSeconds(1), T0).tokens())
                .as("a reset already past changes nothing").isEqualTo(1.0);
    }

    @Test
    void an_operator_writes_a_limit_as_requests_per_duration() {
        assertThat(RateLimit.parse("40/PT2S")).contains(new RateLimit(40, Duration.ofSeconds(2)));
        assertThat(RateLimit.parse(" 100 / PT10S ")).contains(new RateLimit(100, Duration.ofSeconds(10)));
        for (String wrong : new String[] {null, "", "40", "40/2s", "0/PT1S", "-1/PT1S", "x/PT1S", "5/PT0S"}) {
            assertThat(RateLimit.parse(wrong)).as(String.valueOf(wrong)).isEmpty();
        }
    }
}

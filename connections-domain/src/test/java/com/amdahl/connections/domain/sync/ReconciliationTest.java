package com.amdahl.connections.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconciliationTest {
    private static final DeleteGuard GUARD = DeleteGuard.DEFAULT;

    private static Set<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "r" + i).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0} deletes of {1} live: held {2}")
    @CsvSource({
            "0, 0, false", "50, 50, false", "51, 51, true", "51, 255, false", "51, 254, true", "51, 256, false",
            "200, 1000, false", "201, 1000, true", "1000, 1000, true", "1, 1, false", "50, 100, false"})
    void the_guard_holds_more_than_a_fifth_and_more_than_fifty(long deletes, long live, boolean held) {
        assertThat(GUARD.holds(deletes, live)).isEqualTo(held);
    }

    @ParameterizedTest(name = "key {0}, least listed {1}: judged {2}")
    @CsvSource({"5, 5, true", "6, 5, true", "4, 5, false", ", 5, false", "5, , false", ", , false",
            "-1, -2, true", "9223372036854775807, 0, true"})
    void a_windowed_pass_judges_only_known_keys_from_the_least_it_listed_up(Long key, Long leastListed, boolean judged) {
        assertThat(Reconciliation.inWindow(key == null ? OptionalLong.empty() : OptionalLong.of(key),
                leastListed == null ? OptionalLong.empty() : OptionalLong.of(leastListed))).isEqualTo(judged);
    }

    @Test
    void one_pass_missing_a_record_deletes_nothing_the_second_does() {
        Set<String> live = ids(0, 10);
        var first = Reconciliation.decide(live, ids(0, 9), Set.of(), false, GUARD);
        assertThat(first.delete()).isEmpty();
        assertThat(first.missing()).containsExactly("r9");
        var second = Reconciliation.decide(live, ids(0, 9), first.missing(), false, GUARD);
        assertThat(second.delete()).containsExactly("r9");
        assertThat(second.missing()).isEmpty();
        assertThat(second.held()).isZero();
    }

    @Test
    void a_record_listed_again_between_two_short_passes_is_not_deleted() {
        Set<String> live = ids(0, 10);
        var first = Reconciliation.decide(live, ids(0, 9), Set.of(), false, GUARD);
        var back = Reconciliation.decide(live, ids(0, 10), first.missing(), false, GUARD);
        assertThat(back.missing()).isEmpty();
        var third = Reconciliation.decide(live, ids(0, 9), back.missing(), false, GUARD);
        assertThat(third.delete()).as("missing twice, but not in a row").isEmpty();
    }

    @Test
    void a_mass_delete_is_held_and_remembered_until_confirmed_or_listed_again() {
        Set<String> live = ids(0, 1000);
        Set<String> short_ = ids(0, 700); // 300 vanish: 30% > 20% and > 50
        var first = Reconciliation.decide(live, short_, Set.of(), false, GUARD);
        var second = Reconciliation.decide(live, short_, first.missing(), false, GUARD);
        assertThat(second.delete()).isEmpty();
        assertThat(second.held()).isEqualTo(300);
        assertThat(second.missing()).hasSize(300);
        var confirmed = Reconciliation.decide(live, short_, second.missing(), true, GUARD);
        assertThat(confirmed.delete()).hasSize(300);
        assertThat(confirmed.held()).isZero();
        var disagrees = Reconciliation.decide(live, ids(0, 1000), second.missing(), false, GUARD);
        assertThat(disagrees.delete()).isEmpty();
        assertThat(disagrees.held()).isZero();
        assertThat(disagrees.missing()).isEmpty();
    }

    /**
     * Seeded random histories: whatever the listings, a record is deleted only when the pass
     * deciding it and the complete pass before it both left it out, and never while the guard holds.
     */
    @Test
    void random_histories_delete_only_what_two_passes_in_a_row_left_out() {
        Random random = new Random(20261206L);
        for (int history = 0; history < 300; history++) {
            Set<String> live = new HashSet<>(ids(0, 20 + random.nextInt(200)));
            Set<String> missingBefore = Set.of();
            Set<String> listedBefore = new HashSet<>(live);
            for (int pass = 0; pass < 8; pass++) {
                Set<String> listed = new HashSet<>();
                double keep = List.of(1.0, 0.95, 0.5, 0.0).get(random.nextInt(4));
                live.forEach(id -> {
                    if (random.nextDouble() < keep) {
                        listed.add(id);
                    }
                });
                var decision = Reconciliation.decide(live, listed, missingBefore, false, GUARD);
                for (String id : decision.delete()) {
                    assertThat(listed).doesNotContain(id);
                    assertThat(listedBefore).doesNotContain(id);
                }
                if (decision.held() > 0) {
                    assertThat(decision.delete()).isEmpty();
                }
                assertThat(GUARD.holds(decision.delete().size(), live.size())).isFalse();
                live.removeAll(decision.delete());
                missingBefore = decision.missing();
                listedBefore = listed;
            }
        }
    }
}

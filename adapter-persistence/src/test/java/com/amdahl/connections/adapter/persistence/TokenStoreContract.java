package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.out.ApiToken;
import com.amdahl.connections.application.port.out.TokenStore;
import com.amdahl.connections.domain.workspace.UserId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link TokenStore} must do. */
abstract class TokenStoreContract extends DatabaseContract {

    TokenStore tokens() {
        return adapter.tokens();
    }

    @Test
    void member_and_platform_admin_tokens_round_trip() {
        ApiToken member = new ApiToken(Fixtures.newId("t"), Fixtures.newId("hash"), workspace, new UserId("u-1"),
                Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE), false, T0, null);
        ApiToken readOnly = new ApiToken(Fixtures.newId("t"), Fixtures.newId("hash"), workspace, new UserId("u-1"),
                Set.of(TokenScope.CONNECTIONS_READ), false, T0, null);
        ApiToken admin = new ApiToken(Fixtures.newId("t"), Fixtures.newId("hash"), null, null, Set.of(), true, T0,
                T0.plusSeconds(1));
        tokens().save(member);
        tokens().save(readOnly);
        tokens().save(admin);

        assertThat(tokens().findByHash(member.tokenHash())).contains(member);
        assertThat(tokens().findByHash(readOnly.tokenHash())).contains(readOnly);
        assertThat(tokens().findByHash(admin.tokenHash())).contains(admin);
        assertThat(tokens().findByHash("no-such-hash")).isEmpty();
    }

    @Test
    void touch_records_use_at_most_once_a_minute() {
        ApiToken token = new ApiToken(Fixtures.newId("t"), Fixtures.newId("hash"), workspace, new UserId("u-1"),
                Set.of(TokenScope.CONNECTIONS_READ), false, T0, null);
        tokens().save(token);

        tokens().touch(token.id(), T0.plusSeconds(10));
        assertThat(tokens().findByHash(token.tokenHash()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
        tokens().touch(token.id(), T0.plusSeconds(30));
        assertThat(tokens().findByHash(token.tokenHash()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
        tokens().touch(token.id(), T0.plusSeconds(75));
        assertThat(tokens().findByHash(token.tokenHash()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(75));
    }
}

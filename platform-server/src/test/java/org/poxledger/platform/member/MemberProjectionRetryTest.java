package org.poxledger.platform.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.TransientException;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.graph.GraphProcedure;
import org.poxledger.platform.level.LevelRecorder;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.FixedPolicyCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * The single registration is an auto-commit statement, so the driver does not retry it: the projection must, for what
 * the driver marks retryable, and must pass anything else through at once. (The statement's own behaviour, on a real
 * Neo4j, is {@link MemberProjectionIT}'s.)
 */
class MemberProjectionRetryTest {

    private static final Member MEMBER =
            new Member("a".repeat(64), "m-2", "m-1", 10L, "tx-2", MemberStatus.ACTIVE, 10L);

    private final Driver driver = mock(Driver.class);
    private final Session session = mock(Session.class);
    // the Cypher path, so that the mocked session sees the registration statement only, not the procedure check
    private final MemberProjection projection = new MemberProjection(
            driver,
            JsonMapper.builder().build(),
            new LevelRecorder(new FixedPolicyCatalog(RewardPolicy.defaultPolicy())),
            GraphProcedure.Use.NEVER);

    @BeforeEach
    void oneSessionPerAttempt() {
        when(driver.session()).thenReturn(session);
    }

    @Test
    void runs_the_statement_again_after_a_transient_failure() {
        Record row = row();
        Result counted = mock(Result.class);
        when(counted.list()).thenReturn(List.of(row));
        when(session.run(anyString(), anyMap()))
                .thenThrow(new TransientException("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"))
                .thenReturn(counted);

        assertThat(projection.project(MEMBER)).isEqualTo(MemberProjection.Outcome.REGISTERED);
        verify(session, times(2)).run(anyString(), anyMap());
    }

    @Test
    void asks_again_whether_the_procedure_is_installed_after_a_transient_failure() {
        MemberProjection asking = new MemberProjection(
                driver,
                JsonMapper.builder().build(),
                new LevelRecorder(new FixedPolicyCatalog(RewardPolicy.defaultPolicy())),
                GraphProcedure.Use.IF_INSTALLED);
        Record installed = mock(Record.class);
        when(installed.get(0)).thenReturn(Values.value(true));
        Result check = mock(Result.class);
        when(check.single()).thenReturn(installed);
        Result counted = mock(Result.class);
        Record row = row();
        when(counted.list()).thenReturn(List.of(row));
        when(session.run(anyString(), anyMap()))
                .thenThrow(new TransientException("Neo.TransientError.General.DatabaseUnavailable", "starting"))
                .thenReturn(check)
                .thenReturn(counted);

        assertThat(asking.project(MEMBER)).isEqualTo(MemberProjection.Outcome.REGISTERED);
        verify(session).run(contains("pox.members.count"), anyMap());
    }

    @Test
    void passes_a_client_error_through_without_retrying() {
        when(session.run(anyString(), anyMap()))
                .thenThrow(new ClientException("Neo.ClientError.Statement.SyntaxError", "bad"));

        assertThatThrownBy(() -> projection.project(MEMBER)).isInstanceOf(ClientException.class);
        verify(session, times(1)).run(anyString(), anyMap());
    }

    private static Record row() {
        Record record = mock(Record.class);
        when(record.get("countedBefore")).thenReturn(Values.value(false));
        when(record.get("ancestors")).thenReturn(Values.value(1L));
        when(record.get("levelChanges")).thenReturn(Values.value(0L));
        return record;
    }
}

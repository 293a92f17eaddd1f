package org.poxledger.platform.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphMigrationTest {

    @Test
    void reads_version_description_and_statements_ignoring_comments() {
        GraphMigration migration = GraphMigration.parse("V012__Member_indexes.cypher", """
                // why: the admin list
                CREATE INDEX a IF NOT EXISTS FOR (m:Member) ON (m.a);

                CREATE INDEX b IF NOT EXISTS
                FOR (m:Member) ON (m.b);
                """);

        assertThat(migration.version()).isEqualTo(12);
        assertThat(migration.description()).isEqualTo("Member indexes");
        assertThat(migration.label()).isEqualTo("V012 (Member indexes)");
        assertThat(migration.statements())
                .containsExactly(
                        "CREATE INDEX a IF NOT EXISTS FOR (m:Member) ON (m.a)",
                        "CREATE INDEX b IF NOT EXISTS\nFOR (m:Member) ON (m.b)");
    }

    @Test
    void the_checksum_ignores_line_endings_but_not_content() {
        String unix = GraphMigration.parse("V1__A.cypher", "RETURN 1;\n").checksum();
        assertThat(GraphMigration.parse("V1__A.cypher", "RETURN 1;\r\n").checksum())
                .isEqualTo(unix);
        assertThat(GraphMigration.parse("V1__A.cypher", "RETURN 2;\n").checksum())
                .isNotEqualTo(unix);
    }

    @Test
    void refuses_badly_named_or_empty_files() {
        assertThatThrownBy(() -> GraphMigration.parse("001-members.cypher", "RETURN 1;"))
                .hasMessageContaining("001-members.cypher");
        assertThatThrownBy(() -> GraphMigration.parse("V1__Empty.cypher", "// nothing\n"))
                .hasMessageContaining("no statement");
    }
}

package org.poxledger.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    @Test
    void defaults_to_port_7687_and_pox_neo4j_under_the_working_directory_without_a_pid_file() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of());

        assertThat(settings.boltPort()).isEqualTo(7687);
        assertThat(settings.home()).isEqualTo(Path.of(".pox", "neo4j").toAbsolutePath());
        assertThat(settings.pidFile()).isEmpty();
        assertThat(settings.boltUri()).isEqualTo("bolt://127.0.0.1:7687");
        assertThat(settings.pageCacheMib()).isEqualTo(2048);
    }

    @Test
    void reads_the_page_cache_size_in_mib_and_rejects_one_that_is_not_a_number_or_too_small() {
        assertThat(LauncherSettings.fromEnvironment(Map.of("POX_NEO4J_PAGECACHE_MIB", "512"))
                        .pageCacheMib())
                .isEqualTo(512);
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("POX_NEO4J_PAGECACHE_MIB", "2g")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("POX_NEO4J_PAGECACHE_MIB must be a whole number of MiB, got '2g'");
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("POX_NEO4J_PAGECACHE_MIB", "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("POX_NEO4J_PAGECACHE_MIB must be at least 8 (MiB), got 4");
    }

    @Test
    void reads_port_home_and_pid_file_from_the_environment() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of(
                "POX_NEO4J_BOLT_PORT", "17687",
                "POX_NEO4J_DATA", "/tmp/pox-neo4j",
                "POX_NEO4J_PIDFILE", "/tmp/pox-neo4j.pid"));

        assertThat(settings.boltUri()).isEqualTo("bolt://127.0.0.1:17687");
        assertThat(settings.home()).isEqualTo(Path.of("/tmp/pox-neo4j"));
        assertThat(settings.pidFile()).contains(Path.of("/tmp/pox-neo4j.pid"));
    }

    @Test
    void blank_variables_count_as_unset() {
        LauncherSettings settings =
                LauncherSettings.fromEnvironment(Map.of("POX_NEO4J_BOLT_PORT", " ", "POX_NEO4J_PIDFILE", ""));

        assertThat(settings.boltPort()).isEqualTo(7687);
        assertThat(settings.pidFile()).isEmpty();
    }

    @Test
    void rejects_a_port_that_is_not_a_number_or_out_of_range() {
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("POX_NEO4J_BOLT_PORT", "bolt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("POX_NEO4J_BOLT_PORT must be a port in 1..65535, got 'bolt'");
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("POX_NEO4J_BOLT_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("POX_NEO4J_BOLT_PORT must be a port in 1..65535, got 70000");
    }
}

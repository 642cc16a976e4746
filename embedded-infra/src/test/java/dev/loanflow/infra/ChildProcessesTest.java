package dev.loanflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ChildProcessesTest {

    @Test
    void childOfAJvmThatDiedIsStoppedByTheNextOne() throws Exception {
        Process deadParent = new ProcessBuilder("true").start();
        deadParent.waitFor();
        Process orphan = new ProcessBuilder("sleep", "60").start();
        Path marker = Files.createFile(ChildProcesses.markers().resolve(deadParent.pid() + "-" + orphan.pid()));

        ChildProcesses.reapOrphans();

        assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(marker).doesNotExist();
    }

    @Test
    void childOfALiveJvmIsLeftRunning() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        Path marker = Files.createFile(ChildProcesses.markers().resolve(ProcessHandle.current().pid() + "-" + child.pid()));
        try {
            ChildProcesses.reapOrphans();

            assertThat(child.isAlive()).isTrue();
            assertThat(marker).exists();
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(marker);
        }
    }
}

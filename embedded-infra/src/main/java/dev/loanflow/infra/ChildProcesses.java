package dev.loanflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Keeps track of the child processes this JVM starts, so that a JVM that died without running its
 * shutdown hooks (killed, crashed) does not leave them running: the next JVM reaps them.
 */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    public static void register(Process child) {
        Path marker = markers().resolve(ProcessHandle.current().pid() + "-" + child.pid());
        try {
            Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(child.toHandle());
            marker.toFile().delete();
        }));
    }

    /** Stops children whose parent JVM is gone. */
    static void reapOrphans() {
        try (Stream<Path> files = Files.list(markers())) {
            files.forEach(ChildProcesses::reapIfOrphaned);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void stop(ProcessHandle process) {
        process.destroy();
        try {
            // time for a graceful stop, and for the first JVM of a build to write its class data archive (up to
            // about 10 s on two busy cores; see ClassDataArchive)
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception notStoppedInTime) {
            process.destroyForcibly();
        }
    }

    private static void reapIfOrphaned(Path marker) {
        String[] pids = marker.getFileName().toString().split("-");
        boolean parentAlive = ProcessHandle.of(Long.parseLong(pids[0])).map(ProcessHandle::isAlive).orElse(false);
        if (!parentAlive) {
            ProcessHandle.of(Long.parseLong(pids[1])).ifPresent(ChildProcesses::stop);
            marker.toFile().delete();
        }
    }

    static Path markers() {
        try {
            return Files.createDirectories(TempDirectories.root().resolve("children"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

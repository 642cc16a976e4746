package dev.loanflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps track of the child processes this JVM starts, so that a JVM that died without running its
 * shutdown hooks (killed, crashed) does not leave them running: the next JVM reaps them.
 */
public final class ChildProcesses {

    private static final Set<ProcessHandle> APPLICATIONS = ConcurrentHashMap.newKeySet();
    private static final Duration APPLICATIONS_STOP = Duration.ofSeconds(20);

    private ChildProcesses() {
    }

    /** An application (a service, the simulator): stopped as soon as this JVM stops. */
    public static void register(Process child) {
        APPLICATIONS.add(child.toHandle());
        register(child, false);
    }

    /**
     * Infrastructure (the broker, the registry): stopped once the applications are gone, so that none of them spends
     * its shutdown waiting out client time-outs against a broker that left first.
     */
    public static void registerInfrastructure(Process child) {
        register(child, true);
    }

    private static void register(Process child, boolean infrastructure) {
        Path marker = markers().resolve(ProcessHandle.current().pid() + "-" + child.pid());
        try {
            Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (infrastructure) {
                awaitApplicationsGone();
            }
            stop(child.toHandle());
            marker.toFile().delete();
        }));
    }

    /** Waits, up to {@link #APPLICATIONS_STOP} in all, for the applications this JVM started to exit. */
    public static void awaitApplicationsGone() {
        long deadline = System.nanoTime() + APPLICATIONS_STOP.toNanos();
        for (ProcessHandle application : APPLICATIONS) {
            try {
                application.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                return;
            }
        }
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

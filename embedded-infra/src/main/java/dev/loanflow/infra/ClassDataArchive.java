package dev.loanflow.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Class data sharing for a JVM the stack starts from a jar. Once the first JVM of a build is up, the classes it
 * loaded to get there are recorded in an archive beside the jar ({@code jcmd <pid> VM.cds dynamic_dump}); later
 * starts map them from the archive instead of loading, verifying and linking them again
 * ({@code -XX:SharedArchiveFile}), which takes about a third less CPU to start an application.
 *
 * <p>An archive older than its jar (a new build) is recorded again. An archive is written under another name and
 * moved into place once complete, so a start never sees half of one. An archive the JVM cannot use for any other
 * reason (another JDK build) is ignored by the JVM with a warning in the application's log, and the application
 * starts as it would without one.
 */
public final class ClassDataArchive {

    // the magic number a JDK 17 dynamic archive starts with (0xf00baba8), in the x86 byte order it is written in
    private static final byte[] DYNAMIC_ARCHIVE_MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};

    private static final String RECORDING = "-XX:+RecordDynamicDumpInfo";

    private final Path archive;
    private final Path jar;

    ClassDataArchive(Path jar) {
        this(jar, jar.getFileName().toString().replaceFirst("\\.jar$", ""));
    }

    /** An archive named {@code name} for a JVM whose classes come from {@code jar} and the jars its manifest lists. */
    ClassDataArchive(Path jar, String name) {
        this.jar = jar;
        this.archive = jar.resolveSibling(name + "-jdk-" + Runtime.version() + ".jsa");
    }

    /** A JVM started to be recorded, and its archive. */
    record Unrecorded(ClassDataArchive archive, long pid) {
    }

    /**
     * Once a stack is up, the first JVMs of a build record the classes they loaded to start, for the next starts to
     * share; one after another in the background, so that they slow neither this start nor each other much.
     */
    public static void recordInBackground(List<SpringBootProcess> applications, KafkaProcess broker) {
        List<Unrecorded> unrecorded = new ArrayList<>();
        applications.forEach(application -> application.unrecordedClassData().ifPresent(unrecorded::add));
        broker.unrecordedClassData().ifPresent(unrecorded::add);
        if (unrecorded.isEmpty()) {
            return;
        }
        Thread recording = new Thread(() -> unrecorded.forEach(jvm -> jvm.archive().record(jvm.pid())),
                "class-data-recording");
        recording.setDaemon(true);
        recording.start();
    }

    /** Whether a JVM started with these options (of {@link #jvmOptions}) can be recorded. */
    static boolean recording(List<String> jvmOptions) {
        return jvmOptions.contains(RECORDING);
    }

    /** The JVM options that use the archive, or that let {@link #record} write one when there is no usable one. */
    List<String> jvmOptions() {
        if (usable()) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        // the dump lists every class it leaves out (not linked yet, too old a class file format) as a warning, and
        // the JVM warns at exit that it was not asked to write an archive then
        return List.of(RECORDING, "-Xlog:cds=error", "-Xlog:cds+dynamic=error");
    }

    /**
     * Records the classes the JVM {@code pid} (started with {@link #jvmOptions} while there was no usable archive)
     * has loaded so far; returns whether a usable archive is now in place.
     */
    boolean record(long pid) {
        Path recording = archive.resolveSibling(archive.getFileName() + "." + pid + ".recording");
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process dump = new ProcessBuilder(jcmd, String.valueOf(pid), "VM.cds", "dynamic_dump",
                    recording.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (dump.waitFor(2, TimeUnit.MINUTES) && dump.exitValue() == 0 && hasArchiveHeader(recording)) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            dump.destroyForcibly();
            return false;
        } catch (IOException noJcmd) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            recording.toFile().delete();
        }
    }

    Path archive() {
        return archive;
    }

    boolean usable() {
        try {
            return Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0
                    && hasArchiveHeader(archive);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean hasArchiveHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(DYNAMIC_ARCHIVE_MAGIC.length), DYNAMIC_ARCHIVE_MAGIC);
        } catch (IOException unreadable) {
            return false;
        }
    }
}

package dev.loanflow.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Class data sharing for a JVM the stack starts from a jar. The first JVM of a build writes the classes it loaded
 * into an archive beside the jar when it stops ({@code -XX:ArchiveClassesAtExit}); later starts map them from the
 * archive instead of loading, verifying and linking them again ({@code -XX:SharedArchiveFile}), which takes about a
 * third less CPU to start an application.
 *
 * <p>An archive older than its jar (a new build) is written again. The JVM writes an archive's header after
 * everything else, so an archive cut short (a JVM killed while writing it) has no valid header: it is not used and
 * is written again. An archive the JVM cannot use for any other reason (another JDK build) is ignored by the JVM with
 * a warning in the application's log, and the application starts as it would without one.
 *
 * <p>With {@code -Dloanflow.class-data-archives.write=false} (the build's test JVMs) archives are used but not
 * written: a build repackages every jar, so an archive written during its tests would never be used, and writing
 * one costs the stopping JVM seconds of CPU.
 */
final class ClassDataArchive {

    private static final String WRITE_PROPERTY = "loanflow.class-data-archives.write";

    // the magic number a JDK 17 dynamic archive starts with (0xf00baba8), in the x86 byte order it is written in
    private static final byte[] DYNAMIC_ARCHIVE_MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};

    private final Path archive;
    private final Path jar;
    private final boolean write;

    ClassDataArchive(Path jar) {
        this(jar, jar.getFileName().toString().replaceFirst("\\.jar$", ""));
    }

    /** An archive named {@code name} for a JVM whose classes come from {@code jar} and the jars its manifest lists. */
    ClassDataArchive(Path jar, String name) {
        this(jar, name, !"false".equals(System.getProperty(WRITE_PROPERTY)));
    }

    ClassDataArchive(Path jar, String name, boolean write) {
        this.jar = jar;
        this.archive = jar.resolveSibling(name + "-jdk-" + Runtime.version() + ".jsa");
        this.write = write;
    }

    /** The JVM options that use the archive, or that write one when the JVM stops if there is no usable one. */
    List<String> jvmOptions() {
        if (usable()) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        if (!write) {
            return List.of();
        }
        // the JVM lists every class it leaves out of the archive (not linked, too old a class file format) as a warning
        return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=error", "-Xlog:cds+dynamic=error");
    }

    Path archive() {
        return archive;
    }

    boolean usable() {
        try {
            if (!Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return false;
            }
            try (InputStream in = Files.newInputStream(archive)) {
                return Arrays.equals(in.readNBytes(DYNAMIC_ARCHIVE_MAGIC.length), DYNAMIC_ARCHIVE_MAGIC);
            }
        } catch (IOException unreadable) {
            return false;
        }
    }
}

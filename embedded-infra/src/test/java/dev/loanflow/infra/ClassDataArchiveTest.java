package dev.loanflow.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    private static final String PROBE = ArchiveProbe.class.getName();

    @TempDir
    Path directory;

    @Test
    void aJvmStoppedGracefullyLeavesAnArchiveThatTheNextStartMapsItsClassesFrom() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa")),
                "this JDK ships no base CDS archive to build on");
        Path jar = probeJar();
        ClassDataArchive archive = writing(jar);
        List<String> recording = archive.jvmOptions();
        assertThat(recording).contains("-XX:ArchiveClassesAtExit=" + archive.archive());

        stopWhenReady(recording, false); // SIGTERM, as the stack stops its processes

        assertThat(archive.usable()).isTrue();
        List<String> using = archive.jvmOptions();
        assertThat(using).containsExactly("-XX:SharedArchiveFile=" + archive.archive());
        List<String> strict = new ArrayList<>(using);
        strict.addAll(List.of("-Xshare:on", "-Xlog:class+load=info")); // -Xshare:on fails if the archive cannot be mapped
        Process second = java(strict, List.of("exit"));
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains(PROBE + " source: shared objects file (top)");
    }

    @Test
    void aBuildsTestJvmsUseAnArchiveButDoNotWriteOne() throws Exception {
        Path jar = probeJar();
        ClassDataArchive archive = new ClassDataArchive(jar, "probe", false);

        assertThat(archive.jvmOptions()).isEmpty();

        writeHeaderOnly(archive);
        assertThat(archive.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + archive.archive());
    }

    @Test
    void aJvmKilledLeavesNoArchive() throws Exception {
        Path jar = probeJar();
        ClassDataArchive archive = writing(jar);

        stopWhenReady(archive.jvmOptions(), true); // SIGKILL, as a crash or the fault tests

        assertWrittenAgainAtExit(archive);
    }

    @Test
    void anArchiveOlderThanItsJarIsWrittenAgain() throws Exception {
        Path jar = probeJar();
        ClassDataArchive archive = writing(jar);
        writeHeaderOnly(archive);
        assertThat(archive.usable()).isTrue();

        Files.setLastModifiedTime(archive.archive(), FileTime.from(Instant.now().minusSeconds(60)));

        assertWrittenAgainAtExit(archive);
    }

    @Test
    void anArchiveCutShortBeforeItsHeaderIsWrittenAgain() throws Exception {
        Path jar = probeJar();
        ClassDataArchive archive = writing(jar);
        Files.write(archive.archive(), new byte[4096]); // the JVM writes the header last

        assertWrittenAgainAtExit(archive);
    }

    /** An archive file that starts as a complete one does (the dynamic-archive magic), and no more. */
    private static void writeHeaderOnly(ClassDataArchive archive) throws IOException {
        Files.write(archive.archive(), new byte[] {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, 0, 0, 0, 0});
    }

    private static void assertWrittenAgainAtExit(ClassDataArchive archive) {
        assertThat(archive.usable()).isFalse();
        assertThat(archive.jvmOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    /** Starts the probe with {@code options} and stops it once it is ready: gracefully, or killed. */
    private void stopWhenReady(List<String> options, boolean kill) throws Exception {
        Process probe = java(options, List.of());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            if (kill) {
                probe.destroyForcibly();
            } else {
                probe.destroy();
            }
            assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Path probeJar() throws IOException {
        Path jar = directory.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PROBE);
        String entry = PROBE.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream probe = ArchiveProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            probe.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private Process java(List<String> options, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-jar", directory.resolve("probe.jar").toString()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** An archive that is written at exit whatever this test JVM's own setting (the build turns writing off). */
    private static ClassDataArchive writing(Path jar) {
        return new ClassDataArchive(jar, "probe", true);
    }
}

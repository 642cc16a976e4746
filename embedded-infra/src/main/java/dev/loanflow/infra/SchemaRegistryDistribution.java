package dev.loanflow.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The Apicurio Registry server distribution that Maven fetched from Central, unpacked once per version
 * into the work directory and shared by every JVM on the machine.
 */
final class SchemaRegistryDistribution {

    private static final String RUNNER_SUFFIX = "-runner.jar";

    private SchemaRegistryDistribution() {
    }

    static Path runnerJar() {
        Properties build = buildProperties();
        String version = build.getProperty("registry.version");
        Path archive = Path.of(System.getProperty("loanflow.registry.distribution", build.getProperty("registry.distribution")));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Schema registry distribution not found at " + archive
                    + "; build the embedded-infra module (./mvnw -pl embedded-infra install) so Maven fetches it");
        }
        Path home = TempDirectories.root().resolve("apicurio-registry-" + version);
        if (!Files.isDirectory(home)) {
            unpack(archive, home);
        }
        return findRunner(home);
    }

    private static void unpack(Path archive, Path home) {
        Path staging = TempDirectories.create("apicurio-unpack");
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("archive entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException concurrentUnpack) {
            TempDirectories.deleteQuietly(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + archive, e);
        }
    }

    private static Path findRunner(Path home) {
        try (var files = Files.walk(home, 3)) {
            return files.filter(path -> path.getFileName().toString().endsWith(RUNNER_SUFFIX)
                            || path.endsWith(Path.of("quarkus-app", "quarkus-run.jar")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = SchemaRegistryDistribution.class.getResourceAsStream("/loanflow-embedded-infra.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

package dev.loanflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Working directories under one root that can be relocated with {@code -Dloanflow.work.dir}. */
final class TempDirectories {

    private TempDirectories() {
    }

    static Path root() {
        String configured = System.getProperty("loanflow.work.dir");
        Path root = configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "loanflow");
        try {
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory(root(), prefix + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temporary directory is harmless
        }
    }
}

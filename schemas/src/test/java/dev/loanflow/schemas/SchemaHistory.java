package dev.loanflow.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;

/**
 * Published versions of each event schema, kept under version control in {@code schemas/history/<full name>/vN.avsc}.
 * A published version is never edited; a changed schema is published as the next version.
 */
final class SchemaHistory {

    static final Path ROOT = Path.of("history");

    private SchemaHistory() {
    }

    static List<Schema> publishedVersions(Schema current) {
        Path folder = ROOT.resolve(current.getFullName());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(SchemaHistory::versionOf))
                    .map(SchemaHistory::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the current schema as the next version when it differs from the latest published one. */
    static void publishIfChanged(Schema current) {
        List<Schema> published = publishedVersions(current);
        if (!published.isEmpty() && published.get(published.size() - 1).equals(current)) {
            return;
        }
        Path file = ROOT.resolve(current.getFullName()).resolve("v" + (published.size() + 1) + ".avsc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf('.')));
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    @Test
    void topicNamesAreUniqueAndVersioned() {
        Set<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.toSet());

        assertThat(names).hasSize(Topic.values().length);
        assertThat(names).allMatch(name -> name.matches("loan(\\.[a-z-]+)+\\.v\\d+"));
    }

    @Test
    void everyEventSchemaTravelsOnSomeTopic() throws IOException {
        Set<String> cataloguedTypes = Arrays.stream(Topic.values())
                .flatMap(topic -> topic.recordTypes().stream())
                .map(Class::getSimpleName)
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(Path.of("src/main/avro/events"))) {
            Set<String> eventSchemas = files.map(file -> file.getFileName().toString().replace(".avsc", ""))
                    .collect(Collectors.toSet());

            assertThat(cataloguedTypes).isEqualTo(eventSchemas);
        }
    }

    @Test
    void readmeDocumentsEveryTopicAsCatalogued() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (Topic topic : Topic.values()) {
            String row = readme.lines().filter(line -> line.contains("`" + topic.catalogueName() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("README has no row for " + topic.catalogueName()));
            assertThat(row).contains("| " + topic.partitions() + " |")
                    .contains(topic.cleanupPolicy().name().toLowerCase());
            topic.recordTypes().forEach(type -> assertThat(row).contains(type.getSimpleName()));
        }
    }
}

package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** README's hop-by-hop path of one application agrees with the topic catalogue, hop by hop. */
class ApplicationPathTest {

    private static final String START = "<!-- application-path:start -->";
    private static final String END = "<!-- application-path:end -->";

    @Test
    void everyHopIsARecordItsTopicCarriesBetweenItsWriterAndItsReader() throws IOException {
        List<String[]> hops = hops();

        assertThat(hops).isNotEmpty();
        for (int i = 0; i < hops.size(); i++) {
            String[] hop = hops.get(i);
            assertThat(hop[0]).as("hop numbers").isEqualTo(String.valueOf(i + 1));
            Topic topic = Arrays.stream(Topic.values()).filter(t -> t.catalogueName().equals(hop[3])).findFirst()
                    .orElseThrow(() -> new AssertionError("hop " + hop[0] + ": no topic " + hop[3]));
            assertThat(topic.recordTypes()).as("hop %s: records on %s", hop[0], hop[3])
                    .anyMatch(type -> type.getSimpleName().equals(hop[2]));
            assertThat(topic.writers()).as("hop %s: writers of %s", hop[0], hop[3]).contains(hop[1]);
            assertThat(topic.readers()).as("hop %s: readers of %s", hop[0], hop[3]).contains(hop[4]);
        }
    }

    @Test
    void thePathStartsWithTheSubmissionAndEndsWithTheAnnouncement() throws IOException {
        List<String[]> hops = hops();

        assertThat(hops.get(0)[2]).isEqualTo("ApplicationSubmitted");
        assertThat(hops.get(hops.size() - 1)[2]).isEqualTo("ApplicationStatusChanged");
    }

    private static List<String[]> hops() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the path markers").isNotNegative();
        return readme.substring(start + START.length(), end).lines()
                .filter(line -> line.matches("\\| \\d+ \\|.*"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim)
                        .toArray(String[]::new))
                .toList();
    }
}

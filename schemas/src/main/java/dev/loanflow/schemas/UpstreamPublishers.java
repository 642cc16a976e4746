package dev.loanflow.schemas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The upstream systems that may submit applications over Kafka, and the merchants each may submit for, from one
 * setting ({@code UPSTREAM_PUBLISHERS}): {@code <publisher>:<merchant>,<merchant>} entries separated by semicolons.
 * Each publisher writes to its own submissions topic, which only its Kafka principal (of the same name) may write to,
 * so the topic a submission arrives on tells who sent it.
 */
public final class UpstreamPublishers {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, Set<String>> merchantsByPublisher;

    private UpstreamPublishers(Map<String, Set<String>> merchantsByPublisher) {
        this.merchantsByPublisher = Map.copyOf(merchantsByPublisher);
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code publisher:merchant,…} */
    public static UpstreamPublishers parse(String setting) {
        Map<String, Set<String>> publishers = new LinkedHashMap<>();
        String[] entries = setting == null ? new String[0] : setting.split(";");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int separator = entry.indexOf(':');
            String publisher = separator < 0 ? "" : entry.substring(0, separator).strip();
            List<String> merchants = separator < 0 ? List.of() : List.of(entry.substring(separator + 1).split(",")).stream()
                    .map(String::strip).filter(merchant -> !merchant.isEmpty()).toList();
            if (!NAME.matcher(publisher).matches() || publisher.equals("dlt") || merchants.isEmpty()) {
                throw new IllegalArgumentException("UPSTREAM_PUBLISHERS entry " + (i + 1)
                        + " is not <publisher>:<merchant>,… (publisher: lower-case letters, digits and hyphens)");
            }
            if (publishers.put(publisher, Set.copyOf(merchants)) != null) {
                throw new IllegalArgumentException("UPSTREAM_PUBLISHERS names publisher " + publisher + " twice");
            }
        }
        return new UpstreamPublishers(publishers);
    }

    /** For a service that reads no submissions. */
    public static UpstreamPublishers none() {
        return new UpstreamPublishers(Map.of());
    }

    public Set<String> names() {
        return merchantsByPublisher.keySet();
    }

    public boolean maySubmitFor(String publisher, String merchantId) {
        return merchantsByPublisher.getOrDefault(publisher, Set.of()).contains(merchantId);
    }

    /** Each publisher's own submissions topic. */
    public static String topicOf(String publisher) {
        return Topic.SUBMISSIONS.topicName() + "." + publisher;
    }

    /** The publisher whose submissions topic this is, if it is one of ours. */
    public Optional<String> publisherOf(String topic) {
        String prefix = Topic.SUBMISSIONS.topicName() + ".";
        return topic.startsWith(prefix) && merchantsByPublisher.containsKey(topic.substring(prefix.length()))
                ? Optional.of(topic.substring(prefix.length())) : Optional.empty();
    }

    public List<String> topicNames() {
        return names().stream().map(UpstreamPublishers::topicOf).toList();
    }

    @Override
    public String toString() {
        return merchantsByPublisher.toString();
    }
}

package dev.loanflow.origination.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.loanflow.eventing.ConsumedEvents;

/** Consumed events in memory: each id counts once. */
final class InMemoryConsumedEvents implements ConsumedEvents {

    private final Set<String> ids = new HashSet<>();

    @Override
    public boolean alreadyConsumed(String eventId) {
        return ids.contains(eventId);
    }

    @Override
    public Set<String> alreadyConsumedAmong(Collection<String> eventIds) {
        return eventIds.stream().filter(ids::contains).collect(Collectors.toSet());
    }

    @Override
    public boolean record(String eventId, String eventType) {
        return ids.add(eventId);
    }

    @Override
    public Set<String> recordAll(Collection<String> eventIds, String eventType) {
        Set<String> fresh = new HashSet<>();
        eventIds.forEach(id -> {
            if (ids.add(id)) {
                fresh.add(id);
            }
        });
        return fresh;
    }

    @Override
    public void applyOnce(String eventId, String eventType, Runnable effect) {
        if (record(eventId, eventType)) {
            effect.run();
        }
    }

    @Override
    public <E> void applyOnceEach(List<E> events, Function<E, String> eventId, String eventType, Consumer<List<E>> effect) {
        List<E> fresh = new ArrayList<>();
        events.forEach(event -> {
            if (record(eventId.apply(event), eventType)) {
                fresh.add(event);
            }
        });
        if (!fresh.isEmpty()) {
            effect.accept(fresh);
        }
    }
}

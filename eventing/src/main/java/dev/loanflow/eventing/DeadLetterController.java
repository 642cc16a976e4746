package dev.loanflow.eventing;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The operator's view of a service's dead letters, and their replay once the cause is fixed (admin scope). */
@RestController
@RequestMapping("/ops/dead-letters")
class DeadLetterController {

    private final DeadLetterReplay deadLetters;

    DeadLetterController(DeadLetterReplay deadLetters) {
        this.deadLetters = deadLetters;
    }

    record Replay(String topic, int partition, List<Long> offsets) {
    }

    record Replayed(String topic, int partition, List<Long> offsets) {
    }

    @GetMapping
    List<DeadLetterReplay.DeadLetter> list(@RequestParam String topic, @RequestParam(defaultValue = "100") int limit) {
        return refusingUnknownTopics(() -> deadLetters.list(topic, Math.max(1, Math.min(limit, 1000))));
    }

    @PostMapping("/replay")
    Replayed replay(@RequestBody Replay replay) {
        if (replay.topic() == null || replay.offsets() == null || replay.offsets().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "topic, partition and offsets are required");
        }
        return refusingUnknownTopics(() -> new Replayed(replay.topic(), replay.partition(),
                deadLetters.replay(replay.topic(), replay.partition(), replay.offsets())));
    }

    private static <T> T refusingUnknownTopics(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException unknownTopic) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, unknownTopic.getMessage());
        }
    }
}

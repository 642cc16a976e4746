package dev.loanflow.eventing;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Parked outbox rows, and their release once the cause is fixed (admin scope). */
@RestController
@RequestMapping("/ops/outbox/parked")
class ParkedEventsController {

    private final ParkedEvents parked;

    ParkedEventsController(ParkedEvents parked) {
        this.parked = parked;
    }

    @GetMapping
    List<ParkedEvents.Parked> list() {
        return parked.list();
    }

    @PostMapping("/{id}/release")
    ResponseEntity<Void> release(@PathVariable long id) {
        if (!parked.release(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no parked outbox row " + id);
        }
        return ResponseEntity.noContent().build();
    }
}

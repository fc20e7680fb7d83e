package io.anchang.customer.domain;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * R-ATT-15: a MANAGER redistributes the customers of a rep on long leave or transferred among
 * the site's other reps by random draw (随机抽数). The customers, in archive-number order, are
 * shuffled by {@link Random} with the draw's seed and dealt in turn to the reps in user-id order
 * from a drawn starting rep: everyone gets the same number give or take one, and the same seed
 * gives the same draw — so the kept seed and result show it was fair.
 */
public record Draw(String id, String siteId, String fromRep, List<String> toReps, long seed, List<Assignment> assignments,
                   String reason, String drawnBy, Instant at) {

    public Draw {
        toReps = List.copyOf(toReps);
        assignments = List.copyOf(assignments);
    }

    /** One customer and the rep the draw gave them to. */
    public record Assignment(String customerId, String archiveNo, String toRep) {
    }

    /** A customer as the draw sees it. */
    public record Ticket(String customerId, String archiveNo) {
    }

    public static Draw of(String id, String siteId, String fromRep, List<String> toReps, long seed, List<Ticket> customers,
                          String reason, String drawnBy, Instant at) {
        if (toReps == null || toReps.isEmpty()) {
            throw ProblemException.invalid("draw-without-reps", "请选择参加抽签分配的置业顾问 (Name the reps to draw among)");
        }
        if (toReps.contains(fromRep)) {
            throw ProblemException.invalid("draw-to-self", "离岗的置业顾问不能参加本次分配 (The rep whose customers are redistributed cannot receive them)");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("draw-reason-missing", "请写明原因（长假或调离） (Say why: long leave or transfer)");
        }
        List<String> reps = toReps.stream().distinct().sorted().toList();
        List<Ticket> tickets = new ArrayList<>(customers);
        tickets.sort(Comparator.comparing(Ticket::archiveNo));
        Random random = new Random(seed);
        Collections.shuffle(tickets, random);
        int start = random.nextInt(reps.size());
        List<Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            Ticket ticket = tickets.get(i);
            assignments.add(new Assignment(ticket.customerId(), ticket.archiveNo(), reps.get((start + i) % reps.size())));
        }
        assignments.sort(Comparator.comparing(Assignment::archiveNo));
        return new Draw(id, siteId, fromRep, reps, seed, assignments, reason.strip(), drawnBy, at);
    }
}

package io.anchang.customer.application;

import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.events.customer.CustomerStatusChanged;
import io.anchang.platform.events.customer.IntentClassChanged;
import io.anchang.platform.events.customer.NotebookUpdated;
import io.anchang.platform.outbox.PendingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The contract events a change of a card causes, derived from the card before and after (the archive's house style). */
final class CardEvents {

    private CardEvents() {
    }

    /** @param before the card before, or null if there was none */
    static List<PendingEvent> of(CustomerCard before, CustomerCard after, String owner) {
        List<PendingEvent> events = new ArrayList<>();
        List<CustomerCard.ClassChange> classesBefore = before == null ? List.of() : before.classHistory();
        for (CustomerCard.ClassChange change : after.classHistory().subList(classesBefore.size(), after.classHistory().size())) {
            events.add(PendingEvent.of(after.siteId(), after.customerId(), new IntentClassChanged(after.customerId(), after.siteId(),
                            after.archiveNo(), name(change.from()), change.to().name(), owner, change.reason(), change.by(), change.at()))
                    .before(name(change.from())).because("R-CUS-2 意向等级 " + change.to() + (change.reason() == null ? "" : "：" + change.reason())));
        }
        List<CustomerCard.StatusChange> statusesBefore = before == null ? List.of() : before.statusHistory();
        for (CustomerCard.StatusChange change : after.statusHistory().subList(statusesBefore.size(), after.statusHistory().size())) {
            events.add(PendingEvent.of(after.siteId(), after.customerId(), new CustomerStatusChanged(after.customerId(), after.siteId(),
                            after.archiveNo(), change.from().name(), change.to().name(), owner, change.reason(), change.cause(), change.by(),
                            change.at()))
                    .before(change.from().name()).because("R-CUS-1 " + change.to().chinese() + (change.reason() == null ? "" : "：" + change.reason())));
        }
        CustomerCard.Notebook book = after.notebook();
        if (book != null && (before == null || !Objects.equals(before.notebook(), book)) && !"system".equals(book.updatedBy())
                && after.statusHistory().size() == statusesBefore.size()) {
            events.add(PendingEvent.of(after.siteId(), after.customerId(), new NotebookUpdated(after.customerId(), after.siteId(),
                    after.archiveNo(), book.background() != null, book.suggestions() != null, book.reasonsNotBuying() != null,
                    book.refundReasons() != null, book.updatedBy(), book.updatedAt())).because("R-CUS-4 置业顾问笔记"));
        }
        return events;
    }

    private static String name(CustomerCard.IntentClass intentClass) {
        return intentClass == null ? null : intentClass.name();
    }
}

package io.anchang.platform.events;

import java.util.List;

/** One topic per producing service; the key is the aggregate id. Topics keep events forever. */
public final class Topics {

    public static final String RECEPTION = "anchang.reception.v1";
    public static final String CUSTOMER = "anchang.customer.v1";
    public static final String DEAL = "anchang.deal.v1";
    public static final String FINANCE = "anchang.finance.v1";

    public static final List<String> ALL = List.of(RECEPTION, CUSTOMER, DEAL, FINANCE);

    private Topics() {
    }

    /** Where a consumer puts the records of {@code topic} it cannot process. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}

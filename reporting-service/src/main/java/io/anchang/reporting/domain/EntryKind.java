package io.anchang.reporting.domain;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/** The kinds of register entry the reports keep, each in a store of its own. */
public final class EntryKind<E extends Entry> {

    public static final EntryKind<VisitEntry> VISIT = new EntryKind<>("visits", VisitEntry.class, VisitEntry::empty);
    public static final EntryKind<CallEntry> CALL = new EntryKind<>("calls", CallEntry.class, CallEntry::empty);
    public static final EntryKind<CustomerEntry> CUSTOMER = new EntryKind<>("customers", CustomerEntry.class, CustomerEntry::empty);
    public static final EntryKind<DealEntry> DEAL = new EntryKind<>("deals", DealEntry.class, DealEntry::empty);
    public static final EntryKind<UnitEntry> UNIT = new EntryKind<>("units", UnitEntry.class, UnitEntry::empty);
    public static final EntryKind<PaymentEntry> PAYMENT = new EntryKind<>("payments", PaymentEntry.class, PaymentEntry::empty);
    public static final EntryKind<BuildingEntry> BUILDING = new EntryKind<>("buildings", BuildingEntry.class, BuildingEntry::empty);

    public static final List<EntryKind<?>> ALL = List.of(VISIT, CALL, CUSTOMER, DEAL, UNIT, PAYMENT, BUILDING);

    private final String name;
    private final Class<E> type;
    private final BiFunction<String, String, E> empty;

    private EntryKind(String name, Class<E> type, BiFunction<String, String, E> empty) {
        this.name = name;
        this.type = type;
        this.empty = empty;
    }

    /** The plural name its store goes by: {@code visits}, {@code deals}. */
    public String name() {
        return name;
    }

    public Class<E> type() {
        return type;
    }

    /** A new entry of this kind with nothing known but its id and site. */
    public E empty(String id, String site) {
        return empty.apply(Objects.requireNonNull(id, "id"), Objects.requireNonNull(site, "site"));
    }

    public E cast(Entry entry) {
        return type.cast(entry);
    }

    @Override
    public String toString() {
        return name;
    }
}

package io.anchang.reporting.application.projection;

import io.anchang.platform.events.deal.AgreementIssued;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.deal.BuildingRegistered;
import io.anchang.platform.events.deal.CreditRecorded;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.SmallDepositLapsed;
import io.anchang.platform.events.deal.SmallDepositTaken;
import io.anchang.platform.events.deal.UnitAdded;
import io.anchang.platform.events.deal.UnitHeld;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.deal.UnitReserved;
import io.anchang.reporting.domain.BuildingEntry;
import io.anchang.reporting.domain.CustomerEntry;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.UnitEntry;

import java.util.List;

/**
 * Sales control's and the deals' events (R-DEAL-1..4, R-ATT-17) in the stock of units and the
 * deal registers (R-RPT-3). A deal is known by its hold's id from the hold on; one unit's events
 * arrive in order. The contract's event is not published yet: when it is, one projector here
 * ({@link DealEntry#contracted}) fills the contract register and the funnel's last step.
 */
public final class DealProjectors {

    private DealProjectors() {
    }

    public static List<Projector<?>> all() {
        return List.of(
                Projector.of(BuildingRegistered.class, p -> List.of(), (fact, entries) -> {
                    BuildingRegistered p = fact.payload();
                    entries.change(EntryKind.BUILDING, BuildingEntry.idOf(p.siteId(), p.code()), p.siteId(), fact,
                            b -> b.registered(p.code(), p.name()));
                }),
                Projector.of(UnitAdded.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.unitId())), (fact, entries) -> {
                    UnitAdded p = fact.payload();
                    entries.change(EntryKind.UNIT, p.unitId(), p.siteId(), fact, unit -> unit.added(p.unitLabel(), p.buildingCode(),
                            p.floor(), p.layout(), Fen.area(p.area()), Fen.of(p.listPrice())));
                }),
                Projector.of(UnitReserved.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.unitId())), (fact, entries) -> {
                    UnitReserved p = fact.payload();
                    entries.change(EntryKind.UNIT, p.unitId(), p.siteId(), fact, unit -> unit.moved(UnitEntry.Status.RESERVED, null, 0));
                }),
                Projector.of(UnitHeld.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.unitId()), new EntryRef(EntryKind.DEAL, p.holdId()),
                        new EntryRef(EntryKind.CUSTOMER, p.customerId())), (fact, entries) -> {
                    UnitHeld p = fact.payload();
                    UnitEntry unit = entries.change(EntryKind.UNIT, p.unitId(), p.siteId(), fact,
                            u -> u.moved(UnitEntry.Status.HELD, p.holdId(), 0));
                    entries.change(EntryKind.DEAL, p.holdId(), p.siteId(), fact, deal -> ofUnitAndCustomer(entries, fact, deal, unit,
                            p.unitLabel(), p.customerId()).withRep(p.repUserId(), p.repName())
                            .held(new DealEntry.Hold(p.heldAt(), entries.day(p.siteId(), p.heldAt()), p.expiresAt())));
                }),
                Projector.of(UnitReleased.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.unitId())), (fact, entries) -> {
                    UnitReleased p = fact.payload();
                    UnitEntry before = entries.find(EntryKind.UNIT, p.unitId()).orElseGet(() -> EntryKind.UNIT.empty(p.unitId(), p.siteId()));
                    if ("SMALL_DEPOSIT_LAPSED".equals(p.reason()) && before.dealId() != null) {
                        // R-DEAL-3: the small deposit lapsed; the unit's deal is the one that lapsed
                        entries.change(EntryKind.DEAL, before.dealId(), p.siteId(), fact,
                                deal -> deal.lapsed(entries.day(p.siteId(), p.releasedAt())));
                    } else if (p.holdId() != null) {
                        entries.change(EntryKind.DEAL, p.holdId(), p.siteId(), fact, DealEntry::released);
                    }
                    entries.change(EntryKind.UNIT, p.unitId(), p.siteId(), fact, u -> u.moved(UnitEntry.Status.AVAILABLE, null, 0));
                }),
                Projector.of(DepositRequested.class, p -> List.of(new EntryRef(EntryKind.DEAL, p.holdId()),
                        new EntryRef(EntryKind.CUSTOMER, p.customerId()), new EntryRef(EntryKind.UNIT, p.unitId())), (fact, entries) -> {
                    DepositRequested p = fact.payload();
                    if (p.holdId() == null) {
                        return;
                    }
                    entries.change(EntryKind.DEAL, p.holdId(), p.siteId(), fact, deal -> ofUnitAndCustomer(entries, fact, deal,
                            entries.find(EntryKind.UNIT, p.unitId()).orElse(null), p.unitLabel(), p.customerId())
                            .withBuyer(p.customerName()).withRep(p.repUserId(), p.repName()));
                }),
                Projector.of(SmallDepositTaken.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.unitId()),
                        new EntryRef(EntryKind.DEAL, p.dealId()), new EntryRef(EntryKind.CUSTOMER, p.customerId())), (fact, entries) -> {
                    SmallDepositTaken p = fact.payload();
                    UnitEntry unit = entries.change(EntryKind.UNIT, p.unitId(), p.siteId(), fact,
                            u -> u.moved(UnitEntry.Status.SMALL_DEPOSIT, p.dealId(), Fen.of(p.price())));
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> ofUnitAndCustomer(entries, fact, deal, unit,
                            p.unitLabel(), p.customerId()).withRep(p.repUserId(), null)
                            .smallDeposit(new DealEntry.Small(p.takenAt(), entries.day(p.siteId(), p.takenAt()), Fen.of(p.amount()),
                                    Fen.of(p.price()), p.receiptNo(), p.lapsesOn())));
                }),
                Projector.of(BigDepositSigned.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.unitId()),
                        new EntryRef(EntryKind.DEAL, p.dealId()), new EntryRef(EntryKind.CUSTOMER, p.customerId())), (fact, entries) -> {
                    BigDepositSigned p = fact.payload();
                    UnitEntry unit = entries.change(EntryKind.UNIT, p.unitId(), p.siteId(), fact,
                            u -> u.moved(UnitEntry.Status.BIG_DEPOSIT, p.dealId(), Fen.of(p.price())));
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> ofUnitAndCustomer(entries, fact, deal, unit,
                            p.unitLabel(), p.customerId()).withRep(p.repUserId(), null)
                            .bigDeposit(new DealEntry.Big(p.signedAt(), entries.day(p.siteId(), p.signedAt()), Fen.of(p.price()),
                                    Fen.of(p.deposit()), p.agreementNo())));
                }),
                // R-DEAL-4: the agreement is numbered just after the big deposit, gap-free
                Projector.of(AgreementIssued.class, p -> List.of(new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    AgreementIssued p = fact.payload();
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> deal.agreementIssued(p.agreementNo()));
                }),
                // R-DEAL-3: the small deposit was not upgraded by its day (the unit's release says so too)
                Projector.of(SmallDepositLapsed.class, p -> List.of(new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    SmallDepositLapsed p = fact.payload();
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact,
                            deal -> deal.lapsed(entries.day(p.siteId(), p.lapsedAt() != null ? p.lapsedAt() : p.lapsesAt())));
                }),
                // R-ATT-17, R-DEAL-11: the shares the deal keeps, provisional until the contract
                Projector.of(CreditRecorded.class, p -> List.of(new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    CreditRecorded p = fact.payload();
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> deal.credited(new DealEntry.Credit(
                            p.shares() == null ? List.of() : p.shares().stream()
                                    .map(s -> new DealEntry.Share(s.userId(), Fen.credit(s.credit()), s.bonusPercent())).toList(),
                            p.ruleId(), p.needsManagerRuling(), p.provisional())));
                }));
    }

    /**
     * The deal with what the unit and the customer entries say of it: building, area, the customer's name, phone and
     * source. The customer entry learns of the deal too, so that a customer registration read after the deal — the
     * archive's events are on another topic — still reaches it ({@link CustomerProjectors}).
     */
    static DealEntry ofUnitAndCustomer(Entries entries, Fact<?> fact, DealEntry deal, UnitEntry unit, String unitLabel, String customerId) {
        DealEntry withUnit = unit == null ? deal.withUnit(null, unitLabel, null, 0)
                : deal.withUnit(unit.id(), unitLabel != null ? unitLabel : unit.label(), unit.building(), unit.areaHundredths());
        if (customerId == null) {
            return withUnit;
        }
        CustomerEntry customer = entries.add(EntryKind.CUSTOMER, customerId, deal.siteId(), fact, c -> c.dealing(deal.id()));
        return withUnit.withCustomer(customerId, customer.name(), customer.phoneMasked(), customer.source());
    }
}

package io.anchang.reporting.application.projection;

import io.anchang.platform.events.deal.AgreementIssued;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.deal.BreachRuled;
import io.anchang.platform.events.deal.BuildingRegistered;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.events.deal.CreditRecorded;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.events.deal.SmallDepositLapsed;
import io.anchang.platform.events.deal.SmallDepositTaken;
import io.anchang.platform.events.deal.UnitAdded;
import io.anchang.platform.events.deal.UnitChanged;
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
 * Sales control's and the deals' events (R-DEAL-1..10, R-ATT-17) in the stock of units and the
 * deal registers (R-RPT-3). A deal is known by its hold's id from the hold on; one unit's events
 * arrive in order. The contract fills the contract register, the funnel's last step, 签约金额 and the
 * final shares; a refund or a cancellation for breach counts as 退房 and reverses the shares; a unit
 * change moves the deal and its sale to the new unit.
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
                // R-DEAL-6, R-ATT-17: the contract — the unit contracted, the deal in the contract register, its shares final
                Projector.of(ContractSigned.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.unitId()),
                        new EntryRef(EntryKind.DEAL, p.dealId()), new EntryRef(EntryKind.CUSTOMER, p.customerId())), (fact, entries) -> {
                    ContractSigned p = fact.payload();
                    UnitEntry unit = entries.change(EntryKind.UNIT, p.unitId(), p.siteId(), fact,
                            u -> u.moved(UnitEntry.Status.CONTRACTED, p.dealId(), Fen.of(p.price())));
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> {
                        DealEntry contracted = ofUnitAndCustomer(entries, fact, deal, unit, p.unitLabel(), p.customerId())
                                .withBuyer(p.buyerName()).withRep(p.repUserId(), p.repName())
                                .contracted(new DealEntry.Contract(p.signedAt(), entries.day(p.siteId(), p.signedAt()), Fen.of(p.price()),
                                        p.contractId()));
                        return p.shares() == null || p.shares().isEmpty() ? contracted : contracted.credited(new DealEntry.Credit(
                                shares(p.shares()), deal.credit() == null ? null : deal.credit().ruleId(), false, false));
                    });
                }),
                // R-DEAL-10: a refund before the contract — 退房, the shares reversed; the unit's release comes on its own
                Projector.of(Refunded.class, p -> List.of(new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    Refunded p = fact.payload();
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> deal.reversed(new DealEntry.Reversal(
                            p.refundedAt(), entries.day(p.siteId(), p.refundedAt()), "REFUND", p.reason())));
                }),
                // R-DEAL-9: a breach case ruled a cancellation — 退房 (违约解除), the shares reversed; a penalty changes no count
                Projector.of(BreachRuled.class, p -> List.of(new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    BreachRuled p = fact.payload();
                    if (!"CANCELLATION".equals(p.ruling())) {
                        return;
                    }
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> deal.reversed(new DealEntry.Reversal(
                            p.ruledAt(), entries.day(p.siteId(), p.ruledAt()), "BREACH", p.reason())));
                }),
                // R-DEAL-7: the deal moved to another unit, which carries its sale now (the old unit's release comes on its own)
                Projector.of(UnitChanged.class, p -> List.of(new EntryRef(EntryKind.UNIT, p.toUnitId()),
                        new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    UnitChanged p = fact.payload();
                    UnitEntry unit = entries.change(EntryKind.UNIT, p.toUnitId(), p.siteId(), fact,
                            u -> u.moved(unitStatus(p.status()), p.dealId(), Fen.of(p.newPrice())));
                    // R-RPT-3: the registers show the deal on the new unit at its price; 认购金额 moves by the difference that day
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> deal.unitChanged(new DealEntry.UnitChange(
                                    p.changeId() != null ? p.changeId() : fact.eventId(), p.changedAt(), entries.day(p.siteId(), p.changedAt()),
                                    p.oldPrice() != null ? Fen.of(p.oldPrice()) : deal.priceFen(), Fen.of(p.newPrice()), deal.areaHundredths(),
                                    unit.areaHundredths() != 0 ? unit.areaHundredths() : deal.areaHundredths()),
                            unit.id(), p.toUnitLabel() != null ? p.toUnitLabel() : unit.label(), unit.building()));
                }),
                // R-ATT-17, R-DEAL-11: the shares the deal keeps, provisional until the contract
                Projector.of(CreditRecorded.class, p -> List.of(new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    CreditRecorded p = fact.payload();
                    entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> deal.credited(new DealEntry.Credit(
                            shares(p.shares()), p.ruleId(), p.needsManagerRuling(), p.provisional())));
                }));
    }

    private static List<DealEntry.Share> shares(List<CreditRecorded.Share> shares) {
        return shares == null ? List.of() : shares.stream()
                .map(s -> new DealEntry.Share(s.userId(), Fen.credit(s.credit()), s.bonusPercent())).toList();
    }

    /** The unit's status as deal-service names it; a sale's status the stock does not know counts as a big deposit. */
    private static UnitEntry.Status unitStatus(String status) {
        if (status == null) {
            return UnitEntry.Status.BIG_DEPOSIT;
        }
        return switch (status) {
            case "HELD" -> UnitEntry.Status.HELD;
            case "SMALL_DEPOSIT" -> UnitEntry.Status.SMALL_DEPOSIT;
            case "CONTRACTED" -> UnitEntry.Status.CONTRACTED;
            default -> UnitEntry.Status.BIG_DEPOSIT;
        };
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

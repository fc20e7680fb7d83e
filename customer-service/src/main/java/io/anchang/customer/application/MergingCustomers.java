package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.store.Contended;
import io.anchang.platform.store.Raced;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.Merge;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;

/**
 * R-CUS-3: a MANAGER merges two records of the site found to be one person into the one registered
 * earliest. Without multi-document transactions, a merge is three single-document conditional
 * writes, each of which may be repeated:
 * <ol>
 *   <li><b>mark</b> the absorbed record as being merged into the survivor, under a merge id made
 *       from the two ids. From then on it is frozen: no use case writes it, every lookup that finds
 *       it finishes the merge first and goes on to the survivor (see {@link Survivors}); a write
 *       prepared from it before the mark fails its version check and is made again on the survivor.
 *       Its phones are given up to the survivor (the store's unique phone index, R-CUS-3).</li>
 *   <li><b>fold</b> it into the survivor, whose version is checked: a visit to the survivor
 *       meanwhile only makes the fold read again. The survivor keeps the merge id, so folding again
 *       changes nothing; the {@code customer.customers-merged} event goes out in the same write.</li>
 *   <li><b>lay it to rest</b>: the absorbed record becomes a tombstone pointing to the survivor.</li>
 * </ol>
 * A crash between the steps leaves the absorbed record marked: repeating the request, any lookup of
 * it, or the recovery at start finishes the merge. If the survivor was itself merged away meanwhile,
 * the mark is turned to the survivor's survivor, still the earliest registration of all of them.
 */
public class MergingCustomers {

    private static final Logger log = LoggerFactory.getLogger(MergingCustomers.class);
    /** A merge whose survivor is being merged finishes that merge first: so deep at the most. */
    private static final int DEEPEST = 32;

    private final Customers store;
    private final Survivors survivors;
    private final LocalSiteDirectory directory;
    private final Clock clock;
    private final Caller system = Caller.system("customer-service");

    /**
     * @param store the store as it is, tombstones and records being merged among them
     */
    public MergingCustomers(Customers store, LocalSiteDirectory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.survivors = new Survivors(store, (site, customerId) -> finish(system, site, customerId));
    }

    /** The archive as use cases read it: always the record that stands, merges found half-done finished first. */
    public Customers survivors() {
        return survivors;
    }

    /**
     * R-CUS-3: merges {@code customerId} and {@code other} (an id or an archive number) of {@code site}.
     * The survivor is the one registered earliest, whichever is named first. Repeating a merge, or
     * naming a record already merged into the other, changes nothing.
     *
     * @return the survivor after the merge
     */
    public Mono<Customer> merge(Caller caller, String site, String customerId, String other, String reason) {
        caller.requireOn(site, Role.MANAGER);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("merge-reason-missing", "合并档案须写明原因，例如客户换过手机号 (R-CUS-3: say why the two records are one person)");
        }
        if (other == null || other.isBlank()) {
            throw ProblemException.invalid("merge-other-missing", "请写明要合并的另一份档案：客户编号或档案号 (Name the other record: its id or archive number)");
        }
        SiteScope scope = caller.scope();
        return Contended.retried(() -> Mono.zip(named(scope, site, customerId, customerId), named(scope, site, other.strip(), other))
                        .flatMap(both -> {
                            if (both.getT1().value().id().equals(both.getT2().value().id())) {
                                return Mono.error(ProblemException.invalid("merge-self", "两份档案是同一份（" + both.getT1().value().archiveNo()
                                        + "），无需合并 (A record cannot be merged with itself)"));
                            }
                            return Mono.zip(survivors.survivorOf(scope, site, both.getT1()), survivors.survivorOf(scope, site, both.getT2()));
                        })
                        .flatMap(both -> {
                            Customer one = both.getT1().value();
                            Customer two = both.getT2().value();
                            if (one.id().equals(two.id())) {
                                return Mono.just(one); // merged already: nothing changes
                            }
                            Customer survivor = Customer.earliest(one, two);
                            Customer absorbed = survivor == one ? two : one;
                            Stored<Customer> marked = survivor == one ? both.getT2() : both.getT1();
                            return mark(caller, marked, survivor.id(), reason)
                                    .then(finish(caller, site, absorbed.id()))
                                    .then(survivors.byId(scope, site, absorbed.id()).map(Stored::value));
                        }));
    }

    /**
     * Step 1 alone: marks {@code absorbedId} to be merged into {@code survivorId} (records that stand
     * on their own, the survivor registered earlier). Nothing is folded yet: {@link #finish} or
     * {@link #recover} does the rest.
     */
    public Mono<Void> begin(Caller caller, String site, String survivorId, String absorbedId, String reason) {
        caller.requireOn(site, Role.MANAGER);
        return Contended.retried(() -> Mono.zip(named(caller.scope(), site, survivorId, survivorId), named(caller.scope(), site, absorbedId, absorbedId))
                        .flatMap(both -> {
                            Customer survivor = both.getT1().value();
                            if (!survivor.active() || Customer.earliest(survivor, both.getT2().value()) != survivor) {
                                return Mono.error(ProblemException.conflict("merge-survivor-invalid", "档案 " + survivor.archiveNo()
                                        + " 不是两者中最早登记且仍有效的一份 (R-CUS-3: the earliest registration survives)"));
                            }
                            return mark(caller, both.getT2(), survivorId, reason);
                        }));
    }

    /** Finishes every merge that a crash interrupted, of every site; run at start. */
    public Mono<Long> recover() {
        return store.beingMerged(system.scope())
                .concatMap(customer -> finish(system, customer.siteId(), customer.id()).thenReturn(customer)
                        .onErrorResume(e -> {
                            log.warn("could not finish merging customer {} of site {} into {}: {}", customer.id(), customer.siteId(),
                                    customer.merge().into(), e.toString());
                            return Mono.empty();
                        }))
                .count()
                .doOnNext(finished -> {
                    if (finished > 0) {
                        log.info("finished {} customer merges that had been interrupted", finished);
                    }
                });
    }

    /** A record named in a merge request: by id, else by archive number; a record of another site is not found (R-CUS-3, R-SEC-1). */
    private Mono<Stored<Customer>> named(SiteScope scope, String site, String idOrArchiveNo, String asGiven) {
        return store.byId(scope, site, idOrArchiveNo)
                .switchIfEmpty(Mono.defer(() -> store.byArchiveNo(scope, site, idOrArchiveNo)))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("customer-unknown", "案场 " + site + " 没有客户编号或档案号为 "
                        + asGiven + " 的客户；另一案场的同一人是那里的另一位客户，不能合并（R-CUS-3） (No customer " + asGiven
                        + " at site " + site + ")")));
    }

    /** Step 1: one conditional write of the absorbed record. */
    private Mono<Void> mark(Caller caller, Stored<Customer> absorbed, String survivorId, String reason) {
        Customer record = absorbed.value();
        String mergeId = Merge.idOf(survivorId, record.id());
        if (record.merge() != null) {
            // marked meanwhile: by this merge (a repeat) — or by another one, which the next attempt follows
            return record.merge().id().equals(mergeId) ? Mono.empty() : Mono.error(new Raced());
        }
        Customer marked = record.markedForMerge(mergeId, survivorId, caller.userId(), clock.instant(), reason.strip());
        return Contended.written(store.update(caller, marked, absorbed.version(), CustomerEvents.mergeBegun(marked)), true).then();
    }

    /** Steps 2 and 3 for a record marked to be merged; nothing for any other record. */
    Mono<Void> finish(Caller caller, String site, String absorbedId) {
        return SiteRules.of(directory, system.scope(), site).flatMap(rules -> finish(caller, site, absorbedId, rules, 0));
    }

    private Mono<Void> finish(Caller caller, String site, String absorbedId, SiteRules rules, int depth) {
        if (depth > DEEPEST) {
            return Mono.error(new IllegalStateException("merging " + absorbedId + " waits on more than " + DEEPEST + " other merges"));
        }
        return Contended.retried(() -> store.byId(system.scope(), site, absorbedId).flatMap(absorbed -> {
                    Customer record = absorbed.value();
                    if (!record.beingMerged()) {
                        return Mono.<Void>empty();
                    }
                    return store.byId(system.scope(), site, record.merge().into())
                            .switchIfEmpty(Mono.error(() -> new IllegalStateException(record.id() + " is marked to be merged into "
                                    + record.merge().into() + ", which does not exist")))
                            .flatMap(survivor -> {
                                if (survivor.value().hasAbsorbed(record.merge().id())) {
                                    return layToRest(caller, absorbed);
                                }
                                if (!survivor.value().active()) {
                                    return redirect(caller, site, absorbed, survivor.value(), rules, depth);
                                }
                                return fold(caller, absorbed, survivor, rules).then(layToRest(caller, absorbed));
                            });
                }));
    }

    /** Step 2: one conditional write of the survivor, with the merge's events. */
    private Mono<Void> fold(Caller caller, Stored<Customer> absorbed, Stored<Customer> survivor, SiteRules rules) {
        Customer before = survivor.value();
        Customer after = before.absorb(absorbed.value(), rules::settingsAt, rules.zone(), rules::name);
        return store.update(caller, after, survivor.version(), CustomerEvents.merged(before, after, absorbed.value()))
                .onErrorMap(Customers.PhoneTaken.class, e -> ProblemException.conflict("merge-phone-taken", "档案 "
                        + absorbed.value().archiveNo() + " 的某个电话已属于本案场另一位客户，无法并入 " + before.archiveNo()
                        + "：请先处理那份档案 (R-CUS-3: a phone of the absorbed record belongs to a third customer)"))
                .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.<Void>error(new Raced()));
    }

    /** Step 3: one conditional write of the absorbed record, folded in already. */
    private Mono<Void> layToRest(Caller caller, Stored<Customer> absorbed) {
        Customer before = absorbed.value();
        Customer tombstone = before.mergedAway();
        return store.update(caller, tombstone, absorbed.version(), CustomerEvents.mergedAway(before, tombstone))
                .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(new Raced()));
    }

    /** The survivor was merged away itself: finish that, then fold into whatever stands for it. */
    private Mono<Void> redirect(Caller caller, String site, Stored<Customer> absorbed, Customer survivor, SiteRules rules, int depth) {
        return finish(caller, site, survivor.id(), rules, depth + 1)
                .then(Mono.defer(() -> survivors.byId(system.scope(), site, survivor.id())))
                .flatMap(standing -> store.update(caller, absorbed.value().mergingInto(standing.value().id()), absorbed.version(),
                        List.of()))
                .flatMap(ok -> Mono.<Void>error(new Raced()));
    }
}

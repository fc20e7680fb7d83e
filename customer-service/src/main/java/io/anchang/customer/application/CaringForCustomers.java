package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.customer.domain.care.Birthday;
import io.anchang.customer.domain.care.CareProfile;
import io.anchang.customer.domain.care.Greetings;
import io.anchang.platform.events.customer.CareProfileChanged;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * R-CUS-8: the rep keeps each customer's care profile — hobbies, the family's birthdays (solar or lunar), holiday
 * greetings, an important customer's gift — and reads each morning whom to greet today. The list is built from the
 * Chinese calendar each day, so lunar birthdays and the Spring Festival, Mid-Autumn or Dragon Boat land on their solar
 * day of that year; a customer who withdrew consent to be contacted is on no list (R-CUS-13).
 */
public class CaringForCustomers {

    /** How far from today a list may be read: a year either way. */
    static final int MAX_DAYS_AWAY = 366;

    private final Archive archive;
    private final Customers customers;
    private final CareProfiles profiles;
    private final PersonalDataStore personalData;
    private final CustomerCards cards;
    private final ArchiveListing listing;

    /** R-CUS-12: the longest list of connections one answer holds; a longer one says it was cut. */
    public static final int MAX_CONNECTIONS = 500;
    /** The longest industry text searched for, as long as the care profile keeps. */
    public static final int MAX_INDUSTRY = 50;

    public CaringForCustomers(Archive archive, Customers customers, CareProfiles profiles, PersonalDataStore personalData,
                              CustomerCards cards, ArchiveListing listing) {
        this.archive = archive;
        this.customers = customers;
        this.profiles = profiles;
        this.personalData = personalData;
        this.cards = cards;
        this.listing = listing;
    }

    /**
     * R-CUS-12: a key person or a customer of an industry as the connections list shows them — the care profile's
     * circle, occupation, industry and hobbies, with the customer's name and first phone masked (R-SEC-3: 138****5678,
     * never the whole number); the family's names and birthdays stay on the customer's card.
     */
    public record Connection(String customerId, String siteId, String archiveNo, String name, String phoneMasked, List<String> hobbies,
                             String occupation, String industry, CareProfile.KeyPerson keyPerson, String note, String updatedBy,
                             Instant updatedAt) {
    }

    /** A family member as the rep enters them; the birthday is checked (30 February, a lunar date missing that year). */
    public record PersonInput(String name, CareProfile.Relation relation, Birthday.Calendar calendar, Integer year, Integer month,
                              Integer day, Boolean leapMonth) {
    }

    public record ProfileInput(List<String> hobbies, String occupation, String industry, List<PersonInput> people,
                               Boolean festivalGreetings, CareProfile.Gift gift, CareProfile.KeyPerson keyPerson, String note) {
    }

    /** R-CUS-8: the customer's rep (R-ATT-12), a SUPERVISOR or the MANAGER writes the care profile, whole. */
    public Mono<CareProfile> write(Caller caller, String site, String customerRef, ProfileInput input) {
        caller.requireOn(site, Role.SALES);
        return archive.customer(caller, site, customerRef).flatMap(customer -> {
            Archive.requireTheirRep(caller, customer);
            return archive.today(caller, site).flatMap(today -> personalData.byCustomer(caller.scope(), site, customer.id())
                    .map(Stored::value)
                    .filter(data -> data.keepDataWithdrawn())
                    .flatMap(data -> Mono.<CareProfile>error(ProblemException.conflict("consent-keep-data-withdrawn", "客户 "
                            + customer.archiveNo() + " 已撤回保存资料的同意，不能再记录个人信息 (R-CUS-13: the customer withdrew consent to keep their data)")))
                    .switchIfEmpty(Mono.defer(() -> save(caller, site, customer, input, today))));
        });
    }

    private Mono<CareProfile> save(Caller caller, String site, Customer customer, ProfileInput input, LocalDate today) {
        List<CareProfile.Person> people = input.people() == null ? List.of() : input.people().stream().map(p -> {
            Birthday birthday = p.calendar() == null && p.month() == null && p.day() == null ? null
                    : Birthday.of(p.calendar(), p.year(), p.month() == null ? 0 : p.month(), p.day() == null ? 0 : p.day(),
                    Boolean.TRUE.equals(p.leapMonth()), today);
            return new CareProfile.Person(p.name(), p.relation(), birthday);
        }).toList();
        return Changes.change(() -> profiles.byCustomer(caller.scope(), site, customer.id()), stored -> {
            Instant now = archive.clock().instant();
            CareProfile next = CareProfile.write(customer.id(), site, customer.archiveNo(), input.hobbies(), input.occupation(),
                    input.industry(), people, input.festivalGreetings() == null || input.festivalGreetings(), input.gift(),
                    input.keyPerson(), input.note(), caller.userId(), now);
            return Changes.written(profiles.save(caller, next, stored.version(), List.of(event(next, stored.value()))), next);
        });
    }

    /** R-CUS-13: the customer withdrew consent to keep their data; what care keeps is erased. Again changes nothing. */
    public Mono<Void> erase(Caller caller, String site, String customerId, Instant at) {
        return Changes.change(() -> profiles.byCustomer(caller.scope(), site, customerId), stored -> {
            if (stored.value() == null || stored.value().erased()) {
                return Mono.<Void>empty();
            }
            CareProfile next = stored.value().erased(caller.userId(), at);
            return Changes.written(profiles.save(caller, next, stored.version(), List.of(event(next, stored.value())
                    .because("R-CUS-13 客户撤回保存资料的同意"))), next).then();
        });
    }

    public Mono<CareProfile> profile(Caller caller, String site, String customerRef) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT);
        return archive.customer(caller, site, customerRef).flatMap(customer -> profiles.byCustomer(caller.scope(), site, customer.id())
                .map(Stored::value)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("care-profile-unknown", "客户 " + customer.archiveNo()
                        + " 还没有关怀档案 (No care profile for this customer yet)"))));
    }

    /**
     * R-CUS-8: whom to greet on {@code day} (the site's today if null): a rep's own list; a SUPERVISOR or the MANAGER may ask
     * for any rep's, or everyone's ({@code rep} null).
     */
    public Mono<List<Greetings.Greeting>> greetings(Caller caller, String site, String rep, LocalDate day) {
        Archive.requireReader(caller, site, Role.SALES);
        String whose = rep == null && !caller.has(Role.SUPERVISOR) ? caller.userId() : rep;
        if (whose != null && !whose.equals(caller.userId()) && !caller.has(Role.SUPERVISOR)) {
            throw ProblemException.forbidden("not-your-list", "置业顾问只能查看自己的问候名单 (A rep reads their own list)");
        }
        return archive.rules(caller, site).flatMap(rules -> {
            LocalDate today = LocalDate.ofInstant(archive.clock().instant(), rules.zone());
            LocalDate shown = day == null ? today : day;
            if (Math.abs(ChronoUnit.DAYS.between(today, shown)) > MAX_DAYS_AWAY) {
                return Mono.error(ProblemException.invalid("day-too-far", "只能查看前后一年内的问候名单 (A list is read for a day within a year of today)"));
            }
            List<String> reps = whose != null ? List.of(whose) : rules.profile() == null ? List.of()
                    : rules.profile().staff().stream().filter(StaffMember::active)
                    .filter(m -> m.role() == Role.SALES || m.role() == Role.SUPERVISOR || m.role() == Role.MANAGER)
                    .map(StaffMember::userId).toList();
            return Flux.fromIterable(reps).concatMap(r -> customers.ownedBy(caller.scope(), site, r)).collectList()
                    .flatMap(owned -> Mono.zip(archive.notToContact(caller.scope(), site),
                            profiles.ofCustomers(caller.scope(), site, owned.stream().map(Customer::id).toList())
                                    .collectMap(CareProfile::customerId, Function.identity()),
                            cards.of(caller.scope(), site).filter(card -> card.status().dealt()).map(CustomerCard::customerId)
                                    .collect(java.util.HashSet<String>::new, Set::add))
                            .map(found -> Greetings.on(shown, owned.stream().map(c -> candidate(c, found.getT2(), found.getT1(),
                                    found.getT3())).toList())));
        });
    }

    /**
     * R-CUS-12: the site's key persons (核心人物), or the customers whose industry holds {@code industry} (any case, "金融" finds
     * "金融/银行") for cross-introductions (交叉合作); by archive number, at most {@code size} (1..{@value #MAX_CONNECTIONS},
     * that many if null), saying whether there were more.
     */
    public Mono<Capped<Connection>> connections(Caller caller, String site, String industry, Integer size) {
        Archive.requireReader(caller, site, Role.SALES);
        if (industry != null && industry.strip().length() > MAX_INDUSTRY) {
            throw ProblemException.invalid("industry-too-long", "行业最多 " + MAX_INDUSTRY + " 个字，请输入行业名称的一部分 (An industry is at most "
                    + MAX_INDUSTRY + " characters: type a part of its name)");
        }
        if (size != null && (size < 1 || size > MAX_CONNECTIONS)) {
            throw ProblemException.invalid("page-size-invalid", "每次最多列出 1 到 " + MAX_CONNECTIONS + " 位 (size must be 1.."
                    + MAX_CONNECTIONS + ")");
        }
        int limit = size == null ? MAX_CONNECTIONS : size;
        Flux<CareProfile> found = industry == null || industry.isBlank() ? profiles.keyPersons(caller.scope(), site, limit + 1)
                : profiles.ofIndustry(caller.scope(), site, industry.strip(), limit + 1);
        return Capped.of(found, limit).flatMap(cut -> listing.of(caller.scope(), site, cut.items().stream().map(CareProfile::customerId).toList())
                .collectMap(ArchiveListing.Listed::customerId, Function.identity())
                .map(listed -> new Capped<>(cut.items().stream().map(p -> connection(p, listed.get(p.customerId()))).toList(),
                        cut.limit(), cut.truncated())));
    }

    private static Connection connection(CareProfile p, ArchiveListing.Listed customer) {
        String phone = customer == null || customer.phones().isEmpty() ? null : new Phone(customer.phones().get(0)).masked();
        return new Connection(p.customerId(), p.siteId(), p.archiveNo(), customer == null ? null : customer.name(), phone, p.hobbies(),
                p.occupation(), p.industry(), p.keyPerson(), p.note(), p.updatedBy(), p.updatedAt());
    }

    /**
     * An owner (成交客户/业主, R-CUS-7): greeted on every holiday (制度2 二9(2)) — a card in the deal archive, or a deal whose
     * credit the customer record keeps.
     */
    static boolean owner(Customer customer, Set<String> dealt) {
        return dealt.contains(customer.id()) || !customer.deals().isEmpty();
    }

    private static Greetings.Candidate candidate(Customer c, Map<String, CareProfile> profiles, Set<String> withdrawn, Set<String> dealt) {
        return new Greetings.Candidate(c.id(), c.archiveNo(), c.name(), Archive.masked(c), c.owner().orElse(null), profiles.get(c.id()),
                owner(c, dealt), !withdrawn.contains(c.id()));
    }

    private static PendingEvent event(CareProfile p, CareProfile before) {
        return PendingEvent.of(p.siteId(), p.customerId(), new CareProfileChanged(p.customerId(), p.siteId(), p.archiveNo(),
                        p.hobbies().size(), (int) p.birthdays(), (int) p.lunarBirthdays(), p.festivalGreetings(), p.gift() != null,
                        p.keyPerson() != null, p.erased(), p.updatedBy(), p.updatedAt()))
                .before(before == null ? null : Map.of("hobbies", before.hobbies().size(), "birthdays", before.birthdays(),
                        "festivalGreetings", before.festivalGreetings()))
                .because("R-CUS-8 客户关怀档案");
    }

    static Set<String> ids(List<Customer> customers) {
        return customers.stream().map(Customer::id).collect(Collectors.toSet());
    }
}

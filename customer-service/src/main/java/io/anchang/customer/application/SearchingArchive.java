package io.anchang.customer.application;

import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The archive searched (R-CUS-1, R-CUS-2): by name, masked phone, archive number, class, status, owner and registration
 * dates, a page at a time, phones masked (R-SEC-3); the deal archive of owners (R-CUS-7); and the export of a search as a
 * CSV file, every export on the audit trail (R-CUS-13). A full phone number is searched by the body of
 * {@code POST …/customers/search}, never here.
 */
public class SearchingArchive {

    public static final String EXPORTED = "customer.archive-exported";
    public static final int MAX_PAGE = 100;
    /** The most customers one export holds. */
    public static final int MAX_EXPORT = 20_000;

    private final Archive archive;
    private final ArchiveListing listing;
    private final CustomerCards cards;
    private final AuditTrail audit;

    public SearchingArchive(Archive archive, ArchiveListing listing, CustomerCards cards, AuditTrail audit) {
        this.archive = archive;
        this.listing = listing;
        this.cards = cards;
        this.audit = audit;
    }

    /**
     * What to look for; any part may be null.
     *
     * @param phone a masked phone as lists show it (138****5678) or some of its digits (5678)
     * @param from  registered on or after this day (the site's calendar)
     * @param to    registered on or before this day
     */
    public record Criteria(String name, String phone, String archiveNo, Set<CustomerCard.IntentClass> classes,
                           Set<CustomerCard.Status> statuses, String owner, LocalDate from, LocalDate to) {
    }

    public record Hit(String customerId, String archiveNo, String name, List<String> phones, String source, Instant registeredAt,
                      String owner, String ownerName, CustomerCard.IntentClass intentClass, CustomerCard.Status status,
                      String statusName, List<CustomerCard.DealStep> deals) {
    }

    public record Page(int page, int size, long total, List<Hit> items) {
    }

    public Mono<Page> search(Caller caller, String site, Criteria criteria, int page, int size) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT, Role.HEAD_OFFICE);
        requireMaskedPhone(criteria.phone());
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw ProblemException.invalid("page-invalid", "页码从 0 起，每页 1 到 " + MAX_PAGE + " 条 (page from 0, size 1 to " + MAX_PAGE + ")");
        }
        return hits(caller, site, criteria).map(all -> new Page(page, size, all.size(),
                all.stream().skip((long) page * size).limit(size).toList()));
    }

    /** R-CUS-7: the deal archive — customers who bought (成交), owners (业主) and owners who referred others. */
    public Mono<Page> dealArchive(Caller caller, String site, int page, int size) {
        return search(caller, site, new Criteria(null, null, null, null, Set.of(CustomerCard.Status.DEAL, CustomerCard.Status.OWNER,
                CustomerCard.Status.REFERRER), null, null, null), page, size);
    }

    /**
     * R-CUS-13: the customers a search finds as a CSV file (phones masked, R-SEC-3), for the MANAGER; the export is on the
     * audit trail — who, when, what was asked and how many rows — before the file is answered.
     */
    public Mono<String> export(Caller caller, String site, Criteria criteria) {
        caller.requireOn(site, Role.MANAGER);
        requireMaskedPhone(criteria.phone());
        return hits(caller, site, criteria).flatMap(all -> {
            if (all.size() > MAX_EXPORT) {
                return Mono.error(ProblemException.invalid("export-too-large", "一次最多导出 " + MAX_EXPORT + " 位客户，请缩小条件 (At most "
                        + MAX_EXPORT + " customers per export: narrow the search)"));
            }
            StringBuilder csv = new StringBuilder("\uFEFF档案编号,姓名,电话,来源,登记时间,置业顾问,意向等级,状态\r\n");
            for (Hit h : all) {
                csv.append(cell(h.archiveNo())).append(',').append(cell(h.name())).append(',').append(cell(String.join(" ", h.phones())))
                        .append(',').append(cell(h.source())).append(',').append(cell(String.valueOf(h.registeredAt()))).append(',')
                        .append(cell(h.ownerName())).append(',').append(cell(h.intentClass() == null ? "" : h.intentClass().name()))
                        .append(',').append(cell(h.statusName())).append("\r\n");
            }
            String what = "{\"rows\":" + all.size() + ",\"criteria\":\"" + describe(criteria).replace("\\", "\\\\").replace("\"", "'") + "\"}";
            return audit.record(new AuditRecord(UUID.randomUUID().toString(), site, archive.clock().instant(), caller.userId(), EXPORTED,
                    "archive", null, what, "R-CUS-13 导出客户档案 " + all.size() + " 位（电话已隐藏）")).thenReturn(csv.toString());
        });
    }

    private Mono<List<Hit>> hits(Caller caller, String site, Criteria c) {
        return Mono.zip(listing.of(caller.scope(), site).collectList(),
                cards.of(caller.scope(), site).collectMap(CustomerCard::customerId, Function.identity()),
                archive.rules(caller, site)).map(found -> {
            Map<String, CustomerCard> byCustomer = found.getT2();
            SiteRules rules = found.getT3();
            Predicate<ArchiveListing.Listed> matches = l -> true;
            if (c.name() != null && !c.name().isBlank()) {
                String name = c.name().strip().toLowerCase(Locale.ROOT);
                matches = matches.and(l -> l.name() != null && l.name().toLowerCase(Locale.ROOT).contains(name));
            }
            if (c.phone() != null && !c.phone().isBlank()) {
                String phone = c.phone().replaceAll("[\\s-]", "");
                matches = matches.and(l -> l.phones().stream().map(p -> new Phone(p).masked()).anyMatch(m -> phone.contains("*")
                        ? m.equals(phone) : m.contains(phone)));
            }
            if (c.archiveNo() != null && !c.archiveNo().isBlank()) {
                String number = c.archiveNo().strip();
                matches = matches.and(l -> l.archiveNo() != null && l.archiveNo().startsWith(number));
            }
            if (c.owner() != null && !c.owner().isBlank()) {
                matches = matches.and(l -> c.owner().equals(l.owner()));
            }
            if (c.from() != null) {
                matches = matches.and(l -> !LocalDate.ofInstant(l.registeredAt(), rules.zone()).isBefore(c.from()));
            }
            if (c.to() != null) {
                matches = matches.and(l -> !LocalDate.ofInstant(l.registeredAt(), rules.zone()).isAfter(c.to()));
            }
            if (c.classes() != null && !c.classes().isEmpty()) {
                matches = matches.and(l -> byCustomer.containsKey(l.customerId()) && c.classes().contains(byCustomer.get(l.customerId()).intentClass()));
            }
            if (c.statuses() != null && !c.statuses().isEmpty()) {
                matches = matches.and(l -> c.statuses().contains(card(byCustomer, l).status()));
            }
            return found.getT1().stream().filter(matches)
                    .sorted(Comparator.comparing(ArchiveListing.Listed::registeredAt).reversed().thenComparing(ArchiveListing.Listed::archiveNo))
                    .map(l -> {
                        CustomerCard card = card(byCustomer, l);
                        return new Hit(l.customerId(), l.archiveNo(), l.name(), l.phones().stream().map(p -> new Phone(p).masked()).toList(),
                                l.source(), l.registeredAt(), l.owner(), rules.name(l.owner()), card.intentClass(), card.status(),
                                card.status().chinese(), card.deals());
                    }).toList();
        });
    }

    /** R-SEC-3: a search in a URL names a phone masked or by a few digits, never whole. */
    static void requireMaskedPhone(String phone) {
        if (phone != null && phone.replaceAll("[^0-9]", "").length() > 7) {
            throw ProblemException.invalid("phone-in-url", "请用隐藏后的号码（如 138****5678）或尾号查询；完整号码请用客户查询（号码放在请求正文中，不放在网址里） "
                    + "(Search by the masked number or its last digits; a whole number goes in the body of POST …/customers/search, never in a URL)");
        }
    }

    private static CustomerCard card(Map<String, CustomerCard> cards, ArchiveListing.Listed l) {
        CustomerCard card = cards.get(l.customerId());
        return card != null ? card : CustomerCard.blank(l.customerId(), null, l.archiveNo());
    }

    private static String describe(Criteria c) {
        return List.of(
                c.name() == null ? "" : "name", c.phone() == null ? "" : "phone=" + c.phone(), c.archiveNo() == null ? "" : "archiveNo=" + c.archiveNo(),
                c.classes() == null || c.classes().isEmpty() ? "" : "class=" + c.classes(),
                c.statuses() == null || c.statuses().isEmpty() ? "" : "status=" + c.statuses(), c.owner() == null ? "" : "owner=" + c.owner(),
                c.from() == null ? "" : "from=" + c.from(), c.to() == null ? "" : "to=" + c.to())
                .stream().filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
    }

    /** A CSV cell: quoted when it needs to be, and never read as a formula by a spreadsheet. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

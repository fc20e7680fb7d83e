package io.anchang.reception.domain;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The evening meeting of one day at one site (晚会, R-OPS-1; policy 三2-3, 四2, 四4): what each rep reported — the
 * day's customers, new ones especially, their follow-ups, an analysis where needed, whether the day's registrations
 * were handed in — as the MANAGER records it. Where the registers have no entry for a customer, the record is the
 * evidence of who met them first (R-ATT-1), so it can be written on its own day only: once the day is over it is kept
 * as it was. The MANAGER may save it again during the day; each save is a new revision.
 *
 * @param revision 1 for the first save, one more for each amendment
 */
public record MeetingRecord(String id, String siteId, LocalDate day, List<RepReport> reports, String notes,
                            String recordedBy, Instant at, long revision) {

    public static final int MAX_REPORTS = 60;
    public static final int MAX_CUSTOMERS = 100;

    public MeetingRecord {
        reports = List.copyOf(reports);
    }

    /** What one rep reported. */
    public record RepReport(String rep, List<Mention> customers, String followUps, String analysis,
                            boolean registrationsHandedIn) {

        public RepReport {
            customers = customers == null ? List.of() : List.copyOf(customers);
        }
    }

    /**
     * A customer a rep named: by archive number or customer id when the archive has them; otherwise by name, with the
     * phone masked (R-SEC-3: the full number never reaches this record).
     */
    public record Mention(String customerId, String archiveNo, String name, String phoneMasked, boolean newCustomer,
                          String note) {
    }

    public static String idOf(String site, LocalDate day) {
        return site + ":" + day;
    }

    /**
     * R-OPS-1: the MANAGER saves the meeting record of {@code day}, which must be the site's {@code today}.
     *
     * @param previous the record saved earlier that day, or null
     */
    public static MeetingRecord record(MeetingRecord previous, Site site, LocalDate day, LocalDate today,
                                       List<RepReport> reports, String notes, String by, Instant at) {
        if (day.isAfter(today)) {
            throw ProblemException.invalid("meeting-in-the-future", "不能提前记录 " + day + " 的晚会 (The meeting of " + day
                    + " has not happened yet; today is " + today + ")");
        }
        if (day.isBefore(today)) {
            throw ProblemException.conflict("meeting-closed", day + " 的晚会记录已存档，不能再修改；它是首访登记的依据 (R-OPS-1, R-ATT-1: the record of "
                    + day + " is kept as it was; only today's meeting can be recorded)");
        }
        if (reports == null || reports.isEmpty()) {
            throw ProblemException.invalid("meeting-empty", "请至少记录一位置业顾问的汇报 (Record at least one rep's report)");
        }
        if (reports.size() > MAX_REPORTS) {
            throw ProblemException.invalid("meeting-too-large", "一次晚会最多记录 " + MAX_REPORTS + " 位置业顾问的汇报 (At most "
                    + MAX_REPORTS + " reports)");
        }
        Set<String> seen = new HashSet<>();
        for (RepReport report : reports) {
            StaffMember member = site.profile().member(report.rep()).filter(StaffMember::active).orElseThrow(() ->
                    ProblemException.invalid("rep-unknown", "置业顾问 " + report.rep() + " 不在案场 " + site.code()
                            + " 的员工名单中 (" + report.rep() + " is not on the staff of site " + site.code() + ")"));
            if (member.role() != Role.SALES && member.role() != Role.SUPERVISOR) {
                throw ProblemException.invalid("rep-not-receiving", member.name() + " 是" + member.role().chinese()
                        + "，不接待客户，晚会上不汇报客户 (" + member.role() + " does not receive customers)");
            }
            if (!seen.add(report.rep())) {
                throw ProblemException.invalid("rep-twice", member.name() + " 的汇报出现了两次 (" + report.rep() + " is reported twice)");
            }
            if (report.customers().size() > MAX_CUSTOMERS) {
                throw ProblemException.invalid("meeting-too-large", member.name() + " 的汇报最多 " + MAX_CUSTOMERS
                        + " 位客户 (At most " + MAX_CUSTOMERS + " customers per report)");
            }
            for (Mention mention : report.customers()) {
                if (blank(mention.archiveNo()) && blank(mention.customerId()) && blank(mention.name())) {
                    throw ProblemException.invalid("mention-unnamed", member.name() + " 汇报的客户须有档案编号或姓名 (Each customer reported "
                            + "needs an archive number or a name)");
                }
            }
        }
        long revision = previous == null ? 1 : previous.revision() + 1;
        return new MeetingRecord(idOf(site.code(), day), site.code(), day, reports, notes, by, at, revision);
    }

    /** The reps who reported a customer by this archive number or id: the evidence R-ATT-1 looks for. */
    public List<String> repsWho(String archiveNoOrId) {
        return reports.stream().filter(r -> r.customers().stream().anyMatch(m -> archiveNoOrId.equals(m.archiveNo())
                || archiveNoOrId.equals(m.customerId()))).map(RepReport::rep).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

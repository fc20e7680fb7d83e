package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The MANAGER recorded the evening meeting of a day (晚会, R-OPS-1): what each rep reported — the day's customers,
 * new ones marked, their follow-ups, whether the day's registrations were handed in. Each save publishes the whole
 * record at its new revision; where the registers have no entry for a customer, it is the evidence of who met them
 * first (R-ATT-1). Phones travel masked (R-SEC-3).
 *
 * @param revision 1 for the first save of the day, then one more for each amendment that day
 */
@EventContract(type = "reception.meeting-recorded", version = 1, topic = Topics.RECEPTION)
public record MeetingRecorded(String meetingId, String siteId, LocalDate day, long revision, List<Report> reports,
                              String notes, String recordedBy, Instant at) {

    /** One rep's report: the customers named, follow-ups, analysis, registrations handed in. */
    public record Report(String rep, List<Mention> customers, String followUps, String analysis,
                         boolean registrationsHandedIn) {
    }

    /**
     * A customer a rep named: by archive number (or customer id) when the archive has them, else by name and masked phone.
     *
     * @param newCustomer a customer first met that day
     */
    public record Mention(String customerId, String archiveNo, String name, String phoneMasked, boolean newCustomer,
                          String note) {
    }
}

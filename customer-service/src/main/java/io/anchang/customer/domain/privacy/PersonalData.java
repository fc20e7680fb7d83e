package io.anchang.customer.domain.privacy;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's personal data as the law asks it kept (R-CUS-13, China's personal-information law): consent to keep the
 * data and consent to be contacted, each recorded with its time, who took it and how, and withdrawable; every change
 * kept in the history; and the ID card number. A consent never asked is neither given nor withdrawn: the customer stays
 * on the lists until they withdraw it. Withdrawing consent to keep the data withdraws consent to be contacted too and
 * erases the ID number (what care keeps is erased by {@code CareProfile#erased}).
 *
 * @param keepData consent to keep the data, or null if never asked
 * @param contact  consent to be contacted (greetings, calls, invitations, news), or null if never asked
 */
public record PersonalData(String customerId, String siteId, String archiveNo, Consent keepData, Consent contact,
                           List<ConsentChange> history, IdNumberRecord idNumber, Instant updatedAt) {

    public static final int MAX_HISTORY = 200;

    public PersonalData {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public enum How { IN_PERSON, PHONE, WRITTEN, ONLINE }

    public enum Which { KEEP_DATA, CONTACT }

    /** A consent as it stands: given or withdrawn, when, by whom it was recorded and how the customer said it. */
    public record Consent(boolean given, Instant at, String by, How how, String note) {
    }

    public record ConsentChange(Which which, boolean given, Instant at, String by, How how, String note) {
    }

    /** The ID number with who recorded it and when. */
    public record IdNumberRecord(IdNumber number, String by, Instant at) {
    }

    public static PersonalData none(String customerId, String siteId, String archiveNo) {
        return new PersonalData(customerId, siteId, archiveNo, null, null, List.of(), null, null);
    }

    /** Whether the customer may be greeted, called, invited or sent news (R-CUS-13). */
    public boolean contactAllowed() {
        return (contact == null || contact.given()) && (keepData == null || keepData.given());
    }

    public boolean keepDataWithdrawn() {
        return keepData != null && !keepData.given();
    }

    /** R-CUS-13: the customer gives or withdraws a consent; the same again changes nothing. */
    public PersonalData consented(Which which, boolean given, How how, String note, String by, Instant at) {
        if (how == null) {
            throw ProblemException.invalid("consent-how-missing", "请注明客户以何种方式表示（当面、电话、书面、线上） (Say how the customer said it: "
                    + "IN_PERSON, PHONE, WRITTEN or ONLINE)");
        }
        Consent current = which == Which.KEEP_DATA ? keepData : contact;
        if (current != null && current.given() == given) {
            return this;
        }
        if (which == Which.CONTACT && given && keepDataWithdrawn()) {
            throw ProblemException.conflict("consent-keep-data-withdrawn", "客户已撤回保存资料的同意，须先重新同意保存资料 (The customer withdrew "
                    + "consent to keep their data: record that consent first)");
        }
        if (history.size() >= MAX_HISTORY) {
            throw ProblemException.conflict("consent-history-full", "同意记录已达上限 (This customer's consent history is full)");
        }
        Consent next = new Consent(given, at, by, how, note);
        List<ConsentChange> changes = new ArrayList<>(history);
        changes.add(new ConsentChange(which, given, at, by, how, note));
        if (which == Which.KEEP_DATA) {
            Consent contactNow = contact;
            IdNumberRecord id = idNumber;
            if (!given) {
                id = null;
                if (contact == null || contact.given()) {
                    contactNow = new Consent(false, at, by, how, "随撤回保存资料的同意一并撤回 (withdrawn with consent to keep the data)");
                    changes.add(new ConsentChange(Which.CONTACT, false, at, by, how, contactNow.note()));
                }
            }
            return new PersonalData(customerId, siteId, archiveNo, next, contactNow, changes, id, at);
        }
        return new PersonalData(customerId, siteId, archiveNo, keepData, next, changes, idNumber, at);
    }

    /** R-CUS-13: the ID number, checked; refused once the customer withdrew consent to keep their data. */
    public PersonalData withIdNumber(IdNumber number, String by, Instant at) {
        if (keepDataWithdrawn()) {
            throw ProblemException.conflict("consent-keep-data-withdrawn", "客户已撤回保存资料的同意，不能登记身份证号码 (The customer withdrew consent "
                    + "to keep their data)");
        }
        if (idNumber != null && idNumber.number().equals(number)) {
            return this;
        }
        return new PersonalData(customerId, siteId, archiveNo, keepData, contact, history, new IdNumberRecord(number, by, at), at);
    }

    public static String state(Consent consent) {
        return consent == null ? null : consent.given() ? "GIVEN" : "WITHDRAWN";
    }
}

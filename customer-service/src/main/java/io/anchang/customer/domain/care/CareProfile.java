package io.anchang.customer.domain.care;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the archive keeps to care for a customer (R-CUS-8; 制度2 二1-4, 二9): hobbies and interests, the family and the
 * birthdays each keeps, whether to greet them on holidays, and — for an important owner — the gift to send. For
 * referrals (R-CUS-12; 制度2 三) their occupation and industry, for cross-introductions, and whether they are a key
 * person (核心人物) of a circle. One profile per customer; withdrawn consent to keep the data erases it (R-CUS-13).
 *
 * @param festivalGreetings greet on holidays (owners are greeted whatever this says)
 * @param gift              an important customer's gift for birthdays, or null
 * @param keyPerson         the circle this customer is a key person of, or null
 */
public record CareProfile(String customerId, String siteId, String archiveNo, List<String> hobbies, String occupation,
                          String industry, List<Person> people, boolean festivalGreetings, Gift gift, KeyPerson keyPerson,
                          String note, String updatedBy, Instant updatedAt, boolean erased) {

    public static final int MAX_HOBBIES = 20;
    public static final int MAX_PEOPLE = 20;

    public CareProfile {
        hobbies = hobbies == null ? List.of() : List.copyOf(hobbies);
        people = people == null ? List.of() : List.copyOf(people);
    }

    /** The customer or a member of the family, with the birthday they keep (if known). */
    public record Person(String name, Relation relation, Birthday birthday) {
    }

    public enum Relation {
        SELF("本人"), SPOUSE("配偶"), CHILD("子女"), PARENT("父母"), OTHER("家人");

        private final String chinese;

        Relation(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** 制度2 二9(1): flowers or a cake for an important customer's birthday. */
    public record Gift(Kind kind, String note) {

        public enum Kind { FLOWERS, CAKE, OTHER }
    }

    /** 核心人物 (制度2 三2): a person at the centre of a circle — a chamber of commerce, a company, a neighbourhood. */
    public record KeyPerson(String circle, String note) {
    }

    /** The profile as the rep writes it now, replacing what it held. */
    public static CareProfile write(String customerId, String siteId, String archiveNo, List<String> hobbies, String occupation,
                                    String industry, List<Person> people, boolean festivalGreetings, Gift gift, KeyPerson keyPerson,
                                    String note, String by, Instant at) {
        List<String> cleanHobbies = hobbies == null ? List.of() : hobbies.stream().filter(Objects::nonNull).map(String::strip)
                .filter(h -> !h.isEmpty()).distinct().toList();
        if (cleanHobbies.size() > MAX_HOBBIES) {
            throw ProblemException.invalid("care-too-many-hobbies", "爱好最多 " + MAX_HOBBIES + " 项 (At most " + MAX_HOBBIES + " hobbies)");
        }
        List<Person> family = people == null ? List.of() : people;
        if (family.size() > MAX_PEOPLE) {
            throw ProblemException.invalid("care-too-many-people", "家庭成员最多 " + MAX_PEOPLE + " 位 (At most " + MAX_PEOPLE + " people)");
        }
        if (family.stream().filter(p -> p.relation() == Relation.SELF).count() > 1) {
            throw ProblemException.invalid("care-self-twice", "“本人”只能有一位 (Only one person can be the customer themselves)");
        }
        for (Person person : family) {
            if (person.relation() == null || person.name() == null || person.name().isBlank()) {
                throw ProblemException.invalid("care-person-invalid", "每位家庭成员须写明称呼和关系 (Each person needs a name and a relation)");
            }
        }
        return new CareProfile(customerId, siteId, archiveNo, cleanHobbies, blankToNull(occupation), blankToNull(industry), family,
                festivalGreetings, gift, keyPerson, blankToNull(note), by, at, false);
    }

    /** R-CUS-13: the customer withdrew consent to keep their data: nothing personal stays, only that it was erased. */
    public CareProfile erased(String by, Instant at) {
        if (erased) {
            return this;
        }
        return new CareProfile(customerId, siteId, archiveNo, List.of(), null, null, List.of(), false, null, null, null, by, at, true);
    }

    public long lunarBirthdays() {
        return people.stream().filter(p -> p.birthday() != null && p.birthday().calendar() == Birthday.Calendar.LUNAR).count();
    }

    public long birthdays() {
        return people.stream().filter(p -> p.birthday() != null).count();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package io.anchang.customer.domain.care;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * R-CUS-8: the daily list of whom to greet (制度2 二4, 二9): the customers and family members whose birthday — solar
 * or lunar, as each keeps it — falls on the day, with the gift for an important customer; and on a holiday, every owner
 * and every customer who asked for holiday greetings. A customer who withdrew consent to be contacted is on no list
 * (R-CUS-13).
 */
public final class Greetings {

    private Greetings() {
    }

    /**
     * A customer as the list needs them.
     *
     * @param profile        their care profile, or null
     * @param owner          an owner (成交客户/业主): greeted on every holiday (制度2 二9(2))
     * @param contactAllowed false once they withdrew consent to be contacted (R-CUS-13)
     */
    public record Candidate(String customerId, String archiveNo, String name, String phoneMasked, String rep, CareProfile profile,
                            boolean owner, boolean contactAllowed) {
    }

    public enum Kind { BIRTHDAY, FESTIVAL }

    /**
     * One greeting to make.
     *
     * @param occasion what it is for, as the rep reads it: 本人生日（农历三月初三）, 中秋节
     * @param person   whose birthday, or null for a holiday
     * @param gift     for an important customer's birthday: flowers, a cake; null otherwise
     */
    public record Greeting(LocalDate day, String customerId, String archiveNo, String name, String phoneMasked, String rep,
                           Kind kind, String occasion, String person, CareProfile.Relation relation, CareProfile.Gift gift,
                           boolean owner) {
    }

    public static List<Greeting> on(LocalDate day, List<Candidate> candidates) {
        List<Festival> festivals = Festival.on(day);
        String festivalNames = String.join("、", festivals.stream().map(Festival::chinese).toList());
        List<Greeting> greetings = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!c.contactAllowed()) {
                continue;
            }
            CareProfile profile = c.profile() != null && !c.profile().erased() ? c.profile() : null;
            if (profile != null) {
                for (CareProfile.Person person : profile.people()) {
                    if (person.birthday() != null && person.birthday().fallsOn(day)) {
                        greetings.add(new Greeting(day, c.customerId(), c.archiveNo(), c.name(), c.phoneMasked(), c.rep(), Kind.BIRTHDAY,
                                (person.relation() == CareProfile.Relation.SELF ? "本人" : person.relation().chinese() + person.name())
                                        + "生日（" + person.birthday().label() + "）", person.name(), person.relation(), profile.gift(),
                                c.owner()));
                    }
                }
            }
            if (!festivals.isEmpty() && (c.owner() || (profile != null && profile.festivalGreetings()))) {
                greetings.add(new Greeting(day, c.customerId(), c.archiveNo(), c.name(), c.phoneMasked(), c.rep(), Kind.FESTIVAL,
                        festivalNames, null, null, null, c.owner()));
            }
        }
        greetings.sort(Comparator.comparing((Greeting g) -> String.valueOf(g.rep())).thenComparing(g -> String.valueOf(g.archiveNo()))
                .thenComparing(Greeting::kind));
        return greetings;
    }
}

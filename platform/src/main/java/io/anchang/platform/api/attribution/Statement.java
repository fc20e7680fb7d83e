package io.anchang.platform.api.attribution;

import java.util.List;

/**
 * What the customer says at the desk when the receiving rep asks (R-REC-5).
 *
 * @param firstVisit      true: says it is the first visit; false: has been here before; null: not asked or no answer
 * @param namedReps       reps the customer names as having served them, in the order named (R-ATT-8)
 * @param askedFor        a rep the customer asks for on entering (R-REC-6 on a first visit, R-ATT-11 later)
 * @param refusesOwner    asked by the serving rep, the customer turns the owner down and wants the serving rep (R-ATT-5)
 * @param complaint       the customer complains about the owner and refuses them: what they said (R-ATT-6)
 * @param forgotRep       has been before but cannot say with whom (R-ATT-10)
 * @param broughtByPhone  the phone of an existing customer who brought this one (老带新, R-ATT-13); whole only on its way
 *                        to customer-service, masked everywhere else ({@link #masked()}, R-SEC-3)
 * @param householdPhone  the phone of a member of the same household who came before (R-ATT-14); likewise
 * @param seekingDiscount the customer comes to the rep asked for to bargain for a bigger discount (R-ATT-9)
 * @param assignedTo      in event mode, the rep the MANAGER assigns (R-REC-8)
 */
public record Statement(Boolean firstVisit, List<String> namedReps, String askedFor, Boolean refusesOwner,
                        String complaint, Boolean forgotRep, String broughtByPhone, String householdPhone,
                        Boolean seekingDiscount, String assignedTo) {

    public Statement {
        namedReps = namedReps == null ? List.of() : List.copyOf(namedReps);
        refusesOwner = Boolean.TRUE.equals(refusesOwner);
        forgotRep = Boolean.TRUE.equals(forgotRep);
        seekingDiscount = Boolean.TRUE.equals(seekingDiscount);
    }

    /** A customer who says nothing in particular. */
    public static Statement none() {
        return new Statement(null, List.of(), null, false, null, false, null, null, false, null);
    }

    /** The same statement with its phones masked (138****8000), as events, registers and views carry it (R-SEC-3). */
    public Statement masked() {
        return new Statement(firstVisit, namedReps, askedFor, refusesOwner, complaint, forgotRep, mask(broughtByPhone),
                mask(householdPhone), seekingDiscount, assignedTo);
    }

    private static String mask(String phone) {
        if (phone == null || phone.isBlank() || phone.contains("*")) {
            return phone;
        }
        try {
            return io.anchang.platform.phone.Phone.parse(phone).masked();
        } catch (RuntimeException notAPhone) {
            String digits = phone.replaceAll("\\D", "");
            return "****" + (digits.length() <= 4 ? digits : digits.substring(digits.length() - 4));
        }
    }

    /** Every rep the statement names, for checking that they are staff of the site. */
    public List<String> repsNamed() {
        List<String> all = new java.util.ArrayList<>(namedReps);
        if (askedFor != null) {
            all.add(askedFor);
        }
        if (assignedTo != null) {
            all.add(assignedTo);
        }
        return all;
    }
}

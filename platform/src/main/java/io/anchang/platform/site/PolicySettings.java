package io.anchang.platform.site;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A site's policy settings, RULES.md section P. {@link #defaults()} gives the rulebook's
 * values; a site changes them with an effective date ({@link PolicyVersion}).
 *
 * @param transferFeeFixed a fixed transfer fee in yuan that replaces the percentage, or null
 */
public record PolicySettings(
        int protectionMonths,
        ProtectionRenewal protectionRenewsOn,
        boolean owedTurnsWhenBusy,
        boolean namedFirstVisitUsesTurn,
        Split splitRefusedOwner,
        Split splitHelperSameDay,
        Split splitHelperLater,
        Split splitForgotten,
        Split splitNamedLater,
        int holdMinutes,
        int smallDepositDays,
        int contractDays,
        BigDecimal transferFeePercent,
        BigDecimal transferFeeFixed,
        int breachMonths,
        BigDecimal repDiscountPercent,
        BigDecimal managerDiscountPercent) {

    public PolicySettings {
        Objects.requireNonNull(protectionRenewsOn, "protectionRenewsOn");
        Objects.requireNonNull(splitRefusedOwner, "splitRefusedOwner");
        Objects.requireNonNull(splitHelperSameDay, "splitHelperSameDay");
        Objects.requireNonNull(splitHelperLater, "splitHelperLater");
        Objects.requireNonNull(splitForgotten, "splitForgotten");
        Objects.requireNonNull(splitNamedLater, "splitNamedLater");
        Objects.requireNonNull(transferFeePercent, "transferFeePercent");
        Objects.requireNonNull(repDiscountPercent, "repDiscountPercent");
        Objects.requireNonNull(managerDiscountPercent, "managerDiscountPercent");
        List<String> problems = problems(protectionMonths, holdMinutes, smallDepositDays, contractDays, breachMonths,
                transferFeePercent, transferFeeFixed, repDiscountPercent, managerDiscountPercent);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The rulebook's defaults (RULES.md section P). */
    public static PolicySettings defaults() {
        return new PolicySettings(2, ProtectionRenewal.VISIT, false, true,
                Split.of(80, 20), Split.of(50, 50), Split.of(80, 20), Split.of(50, 50), Split.of(50, 50),
                30, 7, 15, new BigDecimal("1.0"), null, 2, new BigDecimal("1.0"), new BigDecimal("3.0"));
    }

    private static List<String> problems(int protectionMonths, int holdMinutes, int smallDepositDays, int contractDays,
                                         int breachMonths, BigDecimal transferFeePercent, BigDecimal transferFeeFixed,
                                         BigDecimal repDiscountPercent, BigDecimal managerDiscountPercent) {
        List<String> problems = new ArrayList<>();
        range(problems, "protectionMonths", protectionMonths, 1, 24);
        range(problems, "holdMinutes", holdMinutes, 1, 24 * 60);
        range(problems, "smallDepositDays", smallDepositDays, 1, 90);
        range(problems, "contractDays", contractDays, 1, 180);
        range(problems, "breachMonths", breachMonths, 1, 24);
        percent(problems, "transferFeePercent", transferFeePercent, new BigDecimal("10"));
        percent(problems, "repDiscountPercent", repDiscountPercent, new BigDecimal("50"));
        percent(problems, "managerDiscountPercent", managerDiscountPercent, new BigDecimal("50"));
        if (repDiscountPercent != null && managerDiscountPercent != null
                && repDiscountPercent.compareTo(managerDiscountPercent) > 0) {
            problems.add("repDiscountPercent (" + repDiscountPercent + ") may not exceed managerDiscountPercent (" + managerDiscountPercent + ")");
        }
        if (transferFeeFixed != null && transferFeeFixed.signum() < 0) {
            problems.add("transferFeeFixed must not be negative");
        }
        return problems;
    }

    private static void range(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static void percent(List<String> problems, String name, BigDecimal value, BigDecimal max) {
        if (value != null && (value.signum() < 0 || value.compareTo(max) > 0)) {
            problems.add(name + " must be between 0 and " + max.toPlainString() + ", not " + value.toPlainString());
        }
    }
}

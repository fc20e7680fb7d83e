package io.anchang.customer.domain.care;

import java.time.Instant;

/**
 * The moment of a new moon, by Meeus's algorithm (Astronomical Algorithms, 2nd ed., ch. 49: the mean lunation with its
 * periodic and planetary terms), good to well under a minute for the years the archive deals with. {@link LunarDate}
 * uses it only to check the month boundaries ICU4J gives where a new moon falls within minutes of midnight in China,
 * where ICU's approximation is known to put it on the wrong side (ICU-23274).
 */
final class NewMoon {

    private static final double SYNODIC_MONTH = 29.530588861;
    /** Julian day of 1970-01-01T00:00Z. */
    private static final double UNIX_EPOCH_JD = 2440587.5;

    private NewMoon() {
    }

    /** The new moon nearest to {@code moment}. */
    static Instant nearest(Instant moment) {
        double jd = UNIX_EPOCH_JD + moment.getEpochSecond() / 86400.0;
        double k = Math.rint((jd - 2451550.09766) / SYNODIC_MONTH);
        return toInstant(terrestrialToUniversal(jde(k)));
    }

    /** Meeus (49.1) and the corrections of table 49.A for a new moon, in Julian Ephemeris Days. */
    static double jde(double k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;
        double jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
        double e = 1 - 0.002516 * t - 0.0000074 * t2;
        double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
        double mm = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
        double f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
        double omega = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
        double correction = -0.40720 * Math.sin(mm)
                + 0.17241 * e * Math.sin(m)
                + 0.01608 * Math.sin(2 * mm)
                + 0.01039 * Math.sin(2 * f)
                + 0.00739 * e * Math.sin(mm - m)
                - 0.00514 * e * Math.sin(mm + m)
                + 0.00208 * e * e * Math.sin(2 * m)
                - 0.00111 * Math.sin(mm - 2 * f)
                - 0.00057 * Math.sin(mm + 2 * f)
                + 0.00056 * e * Math.sin(2 * mm + m)
                - 0.00042 * Math.sin(3 * mm)
                + 0.00042 * e * Math.sin(m + 2 * f)
                + 0.00038 * e * Math.sin(m - 2 * f)
                - 0.00024 * e * Math.sin(2 * mm - m)
                - 0.00017 * Math.sin(omega)
                - 0.00007 * Math.sin(mm + 2 * m)
                + 0.00004 * Math.sin(2 * mm - 2 * f)
                + 0.00004 * Math.sin(3 * m)
                + 0.00003 * Math.sin(mm + m - 2 * f)
                + 0.00003 * Math.sin(2 * mm + 2 * f)
                - 0.00003 * Math.sin(mm + m + 2 * f)
                + 0.00003 * Math.sin(mm - m + 2 * f)
                - 0.00002 * Math.sin(mm - m - 2 * f)
                - 0.00002 * Math.sin(3 * mm + m)
                + 0.00002 * Math.sin(4 * mm);
        double[] a = {
                299.77 + 0.107408 * k - 0.009173 * t2, 251.88 + 0.016321 * k, 251.83 + 26.651886 * k, 349.42 + 36.412478 * k,
                84.66 + 18.206239 * k, 141.74 + 53.303771 * k, 207.14 + 2.453732 * k, 154.84 + 7.306860 * k,
                34.52 + 27.261239 * k, 207.19 + 0.121824 * k, 291.34 + 1.844379 * k, 161.72 + 24.198154 * k,
                239.56 + 25.513099 * k, 331.55 + 3.592518 * k};
        double[] coefficient = {0.000325, 0.000165, 0.000164, 0.000126, 0.000110, 0.000062, 0.000060, 0.000056, 0.000047,
                0.000042, 0.000040, 0.000037, 0.000035, 0.000023};
        double planets = 0;
        for (int i = 0; i < a.length; i++) {
            planets += coefficient[i] * Math.sin(rad(a[i]));
        }
        return jde + correction + planets;
    }

    /** ΔT (TT − UT), Espenak and Meeus's polynomials for 1986–2050 and beyond; seconds matter little here. */
    private static double terrestrialToUniversal(double jde) {
        double year = 2000 + (jde - 2451544.5) / 365.25;
        double deltaT;
        if (year < 2005) {
            double t = year - 2000;
            deltaT = 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * Math.pow(t, 4)
                    + 0.00002373599 * Math.pow(t, 5);
        } else if (year < 2050) {
            double t = year - 2000;
            deltaT = 62.92 + 0.32217 * t + 0.005589 * t * t;
        } else {
            double u = (year - 1820) / 100;
            deltaT = -20 + 32 * u * u - 0.5628 * (2150 - year);
        }
        return jde - deltaT / 86400.0;
    }

    private static Instant toInstant(double jd) {
        double seconds = (jd - UNIX_EPOCH_JD) * 86400.0;
        return Instant.ofEpochSecond((long) Math.floor(seconds));
    }

    private static double rad(double degrees) {
        return Math.toRadians(degrees % 360);
    }
}

package io.anchang.platform.site;

/**
 * A bonus split between two reps in percent, summing to 100 (for example 80/20).
 * Which rep is "first" is said by the setting that holds it.
 */
public record Split(int first, int second) {

    public Split {
        if (first < 0 || second < 0 || first + second != 100) {
            throw new IllegalArgumentException("a split is two shares of 0..100 that sum to 100, not " + first + "/" + second);
        }
    }

    public static Split of(int first, int second) {
        return new Split(first, second);
    }

    @Override
    public String toString() {
        return first + "/" + second;
    }
}

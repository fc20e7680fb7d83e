package io.anchang.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One run's figures, and the median of several runs ({@code --repeat N}). */
record Summary(double rate, double ratio, double p50, double p99, double max, double storeOpsPerRequest, int degraded, int failures) {

    static void printMedian(String rateName, List<Summary> runs) {
        if (runs.size() < 2) {
            return;
        }
        System.out.println();
        System.out.printf("median of %d runs: %s %.1f, ratio to the raw rate %.3f, p50 %.0f ms, p99 %.0f ms, max %.0f ms, "
                        + "store operations per request %.2f, degraded %.0f; runs with a failed proof: %d%n",
                runs.size(), rateName, median(runs, Summary::rate), median(runs, Summary::ratio), median(runs, Summary::p50),
                median(runs, Summary::p99), median(runs, Summary::max), median(runs, Summary::storeOpsPerRequest),
                median(runs, s -> s.degraded()), runs.stream().filter(s -> s.failures() > 0).count());
    }

    static double median(List<Summary> runs, ToDoubleFunction<Summary> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {rate, ratio, p50, p99, max});
    }
}

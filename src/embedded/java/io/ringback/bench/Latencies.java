package io.ringback.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies in milliseconds, for percentiles. Thread-safe for adding. */
final class Latencies {

    private final List<Double> values = Collections.synchronizedList(new ArrayList<>());

    void add(double millis) {
        values.add(millis);
    }

    int count() {
        return values.size();
    }

    /** The nearest-rank percentile ({@code p} in 0..100); NaN when empty. */
    double percentile(double p) {
        List<Double> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** Every value in the order measured, rounded to the millisecond (to see a percentile's outliers). */
    List<Long> inOrder() {
        synchronized (values) {
            return values.stream().map(Math::round).toList();
        }
    }

    double median() {
        return percentile(50);
    }

    double max() {
        return percentile(100);
    }
}

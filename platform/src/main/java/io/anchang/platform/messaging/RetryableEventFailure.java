package io.anchang.platform.messaging;

import org.apache.kafka.common.TopicPartition;

/**
 * An event that could not be applied for a reason that passes — the store or the broker
 * away, a timeout, a race lost too often. It is tried again with growing back-off, never
 * dead-lettered; meanwhile only its partition waits.
 */
public class RetryableEventFailure extends RuntimeException {

    private final transient TopicPartition partition;

    public RetryableEventFailure(TopicPartition partition, String message, Throwable cause) {
        super(message, cause);
        this.partition = partition;
    }

    /** The partition of the record, which waits while the others go on. */
    public TopicPartition partition() {
        return partition;
    }
}

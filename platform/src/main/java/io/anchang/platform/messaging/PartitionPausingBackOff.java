package io.anchang.platform.messaging;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits out a back-off by pausing only the partition of the record that failed: the
 * consumer goes on with the other partitions meanwhile, and with its polls stays in its
 * group however long the wait. The record is delivered again once the partition resumes.
 */
public final class PartitionPausingBackOff implements BackOffHandler, AutoCloseable {

    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-partition-resume");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
        TopicPartition partition = partitionOf(exception);
        if (container == null || partition == null) {
            sleep(container, nextBackOff);
            return;
        }
        onNextBackOff(container, partition, nextBackOff);
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, TopicPartition partition, long nextBackOff) {
        container.pausePartition(partition);
        resumer.schedule(() -> container.resumePartition(partition), nextBackOff, TimeUnit.MILLISECONDS);
    }

    private static TopicPartition partitionOf(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryableEventFailure failure) {
                return failure.partition();
            }
        }
        return null;
    }

    private static void sleep(MessageListenerContainer container, long millis) {
        try {
            if (container == null) {
                Thread.sleep(millis);
            } else {
                ListenerUtils.stoppableSleep(container, millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        resumer.shutdownNow();
    }
}

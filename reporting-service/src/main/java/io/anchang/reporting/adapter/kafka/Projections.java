package io.anchang.reporting.adapter.kafka;

import io.anchang.reporting.adapter.mongo.ProjectionLease;
import io.anchang.reporting.application.projection.Generations;
import io.anchang.reporting.application.projection.ProjectionState;
import io.anchang.reporting.application.projection.ProjectionStatus;
import io.anchang.reporting.application.projection.Projecting;
import io.anchang.reporting.application.projection.Rebuilding;
import io.anchang.reporting.application.projection.SiteCalendar;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Keeps the read models: the instance that holds the projection's lease runs an engine for the
 * active generation and, during a rebuild, one for the generation being built. When the new
 * generation has read every topic to its end, one conditional write makes it the active one —
 * the reports switch to it at their next read — and the old generation is removed.
 */
public final class Projections implements SmartLifecycle, Rebuilding, ProjectionEngine.Listener {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);
    private static final Duration TICK = Duration.ofSeconds(2);

    private final ProjectionState state;
    private final Projecting projecting;
    private final SiteCalendar calendar;
    private final IntFunction<Consumer<String, String>> consumers;
    private final JsonMapper mapper;
    private final ProjectionEngine.DeadLetters deadLetters;
    private final ProjectionLease lease;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<Integer, ProjectionEngine> engines = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> projected = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;
    private volatile boolean running;
    private volatile boolean keeping;
    private volatile int activeGeneration;

    public Projections(ProjectionState state, Projecting projecting, SiteCalendar calendar,
                       IntFunction<Consumer<String, String>> consumers, JsonMapper mapper, ProjectionEngine.DeadLetters deadLetters,
                       ProjectionLease lease, Clock clock, MeterRegistry meters) {
        this.state = state;
        this.projecting = projecting;
        this.calendar = calendar;
        this.consumers = consumers;
        this.mapper = mapper;
        this.deadLetters = deadLetters;
        this.lease = lease;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("anchang.reporting.projection.lag", this, p -> p.activeLag())
                .description("records of the four topics not yet applied to the active read models").register(meters);
    }

    @Override
    public void start() {
        running = true;
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-keeper");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        engines.values().forEach(ProjectionEngine::stop);
        engines.clear();
        lease.release();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the web server (readiness first), before Kafka's producers stop
        return Integer.MAX_VALUE - 100;
    }

    /** Takes or renews the lease and runs the engines the generations call for. */
    private synchronized void tick() {
        if (!running) {
            return;
        }
        try {
            keeping = lease.hold();
            if (!keeping) {
                stopAll();
                return;
            }
            Generations generations = state.generations();
            activeGeneration = generations.active();
            List<Integer> wanted = new ArrayList<>(List.of(generations.active()));
            if (generations.rebuilding()) {
                wanted.add(generations.building());
            }
            engines.keySet().stream().filter(g -> !wanted.contains(g)).toList().forEach(this::stopEngine);
            wanted.forEach(this::ensureEngine);
        } catch (RuntimeException e) {
            log.warn("the projection's keeper could not check the generations: {}", e.toString());
        }
    }

    private void ensureEngine(int generation) {
        engines.computeIfAbsent(generation, g -> {
            ProjectionEngine engine = new ProjectionEngine(g, projecting, state.store(g), calendar, () -> consumers.apply(g), mapper,
                    deadLetters, lease::mayWrite, this);
            Thread thread = new Thread(engine, "projection-g" + g);
            thread.setDaemon(true);
            thread.start();
            log.info("keeping generation {} of the read models", g);
            return engine;
        });
    }

    private void stopEngine(int generation) {
        ProjectionEngine engine = engines.remove(generation);
        if (engine != null) {
            engine.stop();
        }
    }

    private void stopAll() {
        engines.keySet().stream().toList().forEach(this::stopEngine);
    }

    @Override
    public void committed(int generation, int events) {
        projected.computeIfAbsent(generation, g -> Counter.builder("anchang.reporting.projected.events")
                .tag("generation", String.valueOf(g)).description("events applied to the read models").register(meters))
                .increment(events);
    }

    @Override
    public synchronized void caughtUp(int generation) {
        Generations generations;
        try {
            generations = state.generations();
        } catch (RuntimeException e) {
            return;
        }
        if (generations.building() != generation) {
            return;
        }
        if (state.swap(generations.active(), generation, clock.instant())) {
            log.info("rebuild done: generation {} of the read models serves the reports now, generation {} is removed",
                    generation, generations.active());
            stopEngine(generations.active());
            // reports that read the old generation a moment ago finish first; a rebuild started meanwhile is kept
            ticker.schedule(() -> {
                Generations now = state.generations();
                state.dropOthers(now.active(), now.building());
            }, 30, TimeUnit.SECONDS);
        }
    }

    @Override
    public Optional<ProjectionStatus> rebuild(String requestedBy) {
        Optional<Generations> started = state.startRebuild(requestedBy, clock.instant());
        started.ifPresent(g -> {
            log.info("{} asked for a rebuild: generation {} replays every topic from its start", requestedBy, g.building());
            ticker.execute(this::tick);
        });
        return started.map(this::status);
    }

    @Override
    public ProjectionStatus status() {
        return status(state.generations());
    }

    private ProjectionStatus status(Generations generations) {
        List<ProjectionStatus.Engine> kept = engines.values().stream()
                .map(e -> new ProjectionStatus.Engine(e.generation(), e.applied(), e.lag(), e.caughtUp()))
                .sorted(java.util.Comparator.comparingInt(ProjectionStatus.Engine::generation)).toList();
        return new ProjectionStatus(generations.active(), generations.building(), generations.requestedBy(),
                generations.requestedAt(), generations.swappedAt(), keeping, kept);
    }

    private double activeLag() {
        ProjectionEngine active = engines.get(activeGeneration);
        return active == null ? -1 : active.lag();
    }
}

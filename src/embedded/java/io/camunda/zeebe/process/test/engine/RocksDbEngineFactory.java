package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ActorClock;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The in-memory engine of Zeebe Process Test ({@link EngineFactory}) with one part changed: its state
 * (process instances, subscriptions, timers, buffered messages) in the RocksDB store a Zeebe broker
 * uses, instead of zeebe-process-test's in-memory store, which copies the whole state into a new map
 * for every scan of a column family — a cost that grows with every pending callback and buffered
 * message (docs/performance.md). The log stays in memory; the store's files are in {@code directory}
 * (nothing survives a restart either way). Everything else is EngineFactory's own code, called by
 * reflection where it is private; this class lives in its package because its parts are package-private.
 *
 * <p>Only for the sandbox and the benchmark (src/embedded): production runs a Camunda 8 cluster.
 */
public final class RocksDbEngineFactory {

    private static final int PARTITION_ID = 1;
    private static final int PARTITION_COUNT = 1;
    /** RocksDB's memory budget (block cache and write buffers), off the Java heap. */
    private static final long MEMORY_LIMIT = 128L * 1024 * 1024;

    private RocksDbEngineFactory() {}

    public static ZeebeTestEngine create(int port, Path directory) {
        ControlledActorClock clock = call("createActorClock", new Class<?>[0]);
        ActorScheduler scheduler = call("createAndStartActorScheduler", new Class<?>[] {ActorClock.class}, clock);
        InMemoryLogStorage logStorage = new InMemoryLogStorage();
        LogStream logStream = call("createLogStream",
                new Class<?>[] {io.camunda.zeebe.logstreams.storage.LogStorage.class, int.class, ActorClock.class},
                logStorage, PARTITION_ID, clock);
        CommandWriter commandWriter = new CommandWriter(logStream.newLogStreamWriter());
        CommandSender commandSender = new CommandSender(commandWriter);
        GatewayRequestStore requestStore = new GatewayRequestStore();
        InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(commandWriter);
        GrpcToLogStreamGateway gateway = new GrpcToLogStreamGateway(commandWriter, PARTITION_ID, PARTITION_COUNT, port,
                requestStore, jobStreamer);
        Server server = ServerBuilder.forPort(port).addService(gateway).build();
        GrpcResponseWriter responseWriter = new GrpcResponseWriter(gateway, requestStore, null);
        ZeebeDb<ZbColumnFamilies> db = new ZeebeRocksDbFactory<ZbColumnFamilies>(
                new RocksDbConfiguration().setMemoryLimit(MEMORY_LIMIT), new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID), SimpleMeterRegistry::new)
                .createDb(directory.toFile());
        StreamProcessor streamProcessor = call("createStreamProcessor", new Class<?>[] {LogStream.class, ZeebeDb.class,
                        io.camunda.zeebe.scheduler.ActorSchedulingService.class, GrpcResponseWriter.class, int.class,
                        CommandSender.class, io.camunda.zeebe.engine.processing.streamprocessor.JobStreamer.class,
                        ActorClock.class},
                logStream, db, scheduler, responseWriter, PARTITION_COUNT, commandSender, jobStreamer, clock);
        EngineStateMonitor monitor = new EngineStateMonitor(logStorage, streamProcessor);
        RecordStreamSourceImpl records = new RecordStreamSourceImpl(logStream.newLogStreamReader(), PARTITION_ID);
        return new InMemoryEngine(server, streamProcessor, gateway, db, logStream, scheduler, records, clock, monitor);
    }

    @SuppressWarnings("unchecked")
    private static <T> T call(String name, Class<?>[] types, Object... args) {
        try {
            Method method = EngineFactory.class.getDeclaredMethod(name, types);
            method.setAccessible(true);
            return (T) method.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("zeebe-process-test's EngineFactory." + name + " is not what this factory was "
                    + "written against (8.8.1)", e);
        }
    }
}

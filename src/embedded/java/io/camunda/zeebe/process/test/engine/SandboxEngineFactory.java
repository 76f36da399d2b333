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
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The in-memory engine of Zeebe Process Test ({@link EngineFactory}), assembled as EngineFactory does with
 * two parts changed:
 * <ul>
 *   <li><b>Its log is safe to read while it is written.</b> zeebe-process-test keeps the log in a plain
 *   {@code ArrayList} that the request threads append to while the engine's stream processor reads it on
 *   its own thread, with nothing between them: under load the reader can see the list's new size before
 *   the entry, gets {@code null} and the stream processor stops for good ("Actor StreamProcessor-1 failed
 *   in phase STARTED", a NullPointerException in {@code InMemoryLogStorage$ListLogStorageReader.next};
 *   seen once in the benchmark at 50 abandons/s, every instance stuck from then on). Here the list is a
 *   synchronized one ({@link #guardedLogStorage()}).</li>
 *   <li>{@link #rocksDb}: its state (process instances, subscriptions, timers, buffered messages) in the
 *   RocksDB store a Zeebe broker uses, instead of zeebe-process-test's in-memory store, which copies the
 *   whole state into a new map for every scan of a column family — a cost that grows with every pending
 *   callback and buffered message (docs/performance.md). {@link #inMemory} keeps that store.</li>
 * </ul>
 * The log stays in memory either way (nothing survives a restart). Everything else is EngineFactory's own
 * code, called by reflection where it is private; this class lives in its package because its parts are
 * package-private. Written against zeebe-process-test 8.8.1: a version whose parts differ fails at the
 * first engine built, with the part named.
 *
 * <p>For the embedded mode, the sandbox, the benchmark and the tests: production runs a Camunda 8 cluster.
 */
public final class SandboxEngineFactory {

    private static final int PARTITION_ID = 1;
    private static final int PARTITION_COUNT = 1;
    /** RocksDB's memory budget (block cache and write buffers), off the Java heap. */
    private static final long MEMORY_LIMIT = 128L * 1024 * 1024;

    private SandboxEngineFactory() {}

    /** The engine with its state in RocksDB under {@code directory}, its gateway on {@code port}. */
    public static ZeebeTestEngine rocksDb(int port, Path directory) {
        return assemble(port, () -> new ZeebeRocksDbFactory<ZbColumnFamilies>(
                new RocksDbConfiguration().setMemoryLimit(MEMORY_LIMIT), new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID), SimpleMeterRegistry::new)
                .createDb(directory.toFile()));
    }

    /** The engine with zeebe-process-test's in-memory state, its gateway on {@code port}. */
    public static ZeebeTestEngine inMemory(int port) {
        return assemble(port, () -> call("createDatabase", new Class<?>[0]));
    }

    /** The engine with zeebe-process-test's in-memory state, its gateway on a free port. */
    public static ZeebeTestEngine inMemory() {
        return inMemory(SandboxEngineFactory.<Integer>call("findFreePort", new Class<?>[0]));
    }

    private static ZeebeTestEngine assemble(int port, Supplier<ZeebeDb<ZbColumnFamilies>> database) {
        ControlledActorClock clock = call("createActorClock", new Class<?>[0]);
        ActorScheduler scheduler = call("createAndStartActorScheduler", new Class<?>[] {ActorClock.class}, clock);
        InMemoryLogStorage logStorage = guardedLogStorage();
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
        ZeebeDb<ZbColumnFamilies> db = database.get();
        StreamProcessor streamProcessor = call("createStreamProcessor", new Class<?>[] {LogStream.class, ZeebeDb.class,
                        io.camunda.zeebe.scheduler.ActorSchedulingService.class, GrpcResponseWriter.class, int.class,
                        CommandSender.class, io.camunda.zeebe.engine.processing.streamprocessor.JobStreamer.class,
                        ActorClock.class},
                logStream, db, scheduler, responseWriter, PARTITION_COUNT, commandSender, jobStreamer, clock);
        EngineStateMonitor monitor = new EngineStateMonitor(logStorage, streamProcessor);
        RecordStreamSourceImpl records = new RecordStreamSourceImpl(logStream.newLogStreamReader(), PARTITION_ID);
        return new InMemoryEngine(server, streamProcessor, gateway, db, logStream, scheduler, records, clock, monitor);
    }

    /**
     * zeebe-process-test's log storage with its entries in a synchronized list: an append and a read of
     * another thread are ordered by the list's lock (every read of the log goes through {@code size} and
     * {@code get}; appends come one at a time from the log's sequencer).
     */
    static InMemoryLogStorage guardedLogStorage() {
        InMemoryLogStorage storage = new InMemoryLogStorage();
        try {
            Field entries = InMemoryLogStorage.class.getDeclaredField("logEntries");
            entries.setAccessible(true);
            if (!List.class.isAssignableFrom(entries.getType()) || !((List<?>) entries.get(storage)).isEmpty()) {
                throw new IllegalStateException("InMemoryLogStorage.logEntries is not an empty list");
            }
            entries.set(storage, Collections.synchronizedList(new ArrayList<ByteBuffer>()));
        } catch (ReflectiveOperationException | IllegalStateException e) {
            throw new IllegalStateException("zeebe-process-test's InMemoryLogStorage is not what this factory was "
                    + "written against (8.8.1: a list logEntries)", e);
        }
        return storage;
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

package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

class SandboxEngineFactoryTest {

    private static final int ENTRIES = 300_000;

    /**
     * One thread appends, another reads behind it as the stream processor does (hasNext, next): every
     * entry is read, in order, none of them null. With zeebe-process-test's own storage
     * ({@code new InMemoryLogStorage()} here) this test fails three runs out of three with the
     * NullPointerException that stopped the benchmark's engine.
     */
    @Test
    void theLogIsReadWhileItIsWrittenWithoutLosingAnEntry() throws Exception {
        InMemoryLogStorage storage = SandboxEngineFactory.guardedLogStorage();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> readAll(storage));
        for (int i = 0; i < ENTRIES; i++) {
            storage.append(i + 1, i + 1, ByteBuffer.allocate(Integer.BYTES).putInt(0, i), new LogStorage.AppendListener() {});
        }
        assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(ENTRIES);
    }

    /** How many entries were read in order, each holding its own index; fails at the first that is not. */
    private static int readAll(InMemoryLogStorage storage) {
        LogStorageReader reader = storage.newReader();
        int read = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (read < ENTRIES && System.nanoTime() < deadline) {
            if (reader.hasNext()) {
                DirectBuffer entry = reader.next();
                if (entry.getInt(0, java.nio.ByteOrder.BIG_ENDIAN) != read) {
                    throw new AssertionError("entry " + read + " holds " + entry.getInt(0, java.nio.ByteOrder.BIG_ENDIAN));
                }
                read++;
            } else {
                Thread.onSpinWait();
            }
        }
        return read;
    }

    /** The engines it builds run a process: the in-memory store and the RocksDB one. */
    @Test
    void itsEnginesRunAProcess(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        for (ZeebeTestEngine engine : new ZeebeTestEngine[] {SandboxEngineFactory.inMemory(),
                SandboxEngineFactory.rocksDb(freePort(), directory)}) {
            engine.start();
            try (CamundaClient client = CamundaClient.newClientBuilder()
                    .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
                    .restAddress(URI.create("http://" + engine.getGatewayAddress()))
                    .preferRestOverGrpc(false).build()) {
                client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("p").startEvent()
                        .scriptTask("t", t -> t.zeebeExpression("1 + 1").zeebeResultVariable("two")).endEvent().done(),
                        "p.bpmn").send().join();
                var result = client.newCreateInstanceCommand().bpmnProcessId("p").latestVersion().withResult()
                        .requestTimeout(Duration.ofSeconds(30)).send().join();
                assertThat(result.getVariablesAsMap()).containsEntry("two", 2);
            } finally {
                engine.stop();
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
